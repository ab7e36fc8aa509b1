import type { Actor } from "@basegun/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../src/deps.ts";
import { ServiceError } from "../src/errors.ts";
import { resolveOfficerChoice, type OfficerChoiceInput } from "../src/services/identification/officer-choice-input.ts";
import { setOfficerChoice } from "../src/services/identification/officer-choice.ts";
import { getIdentification, listIdentifications } from "../src/services/identification/read.ts";
import { claimReview } from "../src/services/review/claim.ts";
import { submitReviewDecision } from "../src/services/review/decide.ts";
import { getReviewDetail } from "../src/services/review/detail.ts";
import { getReviewMeasures } from "../src/services/review/measures.ts";
import { openReviewForPrediction } from "../src/services/review/open.ts";
import { closeDeps, depsWithExpert, ensureModelVersion, makeUser } from "./fixtures.ts";
import { storeFinishedCase, uniqueUnit } from "./review-fixtures.ts";

let deps: ServiceDeps;
let expert: Actor;

beforeAll(async () => {
  ({ deps, expert } = await depsWithExpert());
});
afterAll(async () => {
  await closeDeps(deps);
});

const officer = (label: string) => makeUser(deps.db, "officer", uniqueUnit(label));

function errorOf(run: () => unknown): ServiceError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    return error as ServiceError;
  }
  throw new Error("expected a ServiceError");
}

const PISTOL_BY_KEY = [
  { question: "family", option: "handgun" },
  { question: "handgun_mechanism", option: "slide" },
];

describe("resolveOfficerChoice (catalogue and key checks)", () => {
  it.each<[string, OfficerChoiceInput, ReturnType<typeof resolveOfficerChoice>]>([
    ["a card alone", { typology: "revolver" }, { typology: "revolver", family: "handgun", keyAnswers: [] }],
    ["the key to a typology", { keyAnswers: PISTOL_BY_KEY }, { typology: "pistolet_semi_auto_moderne", family: "handgun", keyAnswers: PISTOL_BY_KEY }],
    ["the key and the same typology", { typology: "pistolet_semi_auto_moderne", keyAnswers: PISTOL_BY_KEY }, { typology: "pistolet_semi_auto_moderne", family: "handgun", keyAnswers: PISTOL_BY_KEY }],
    [
      "«je ne sais pas» on a handgun ends on the family",
      { keyAnswers: [{ question: "family", option: "handgun" }, { question: "handgun_mechanism", option: "unknown" }] },
      { typology: null, family: "handgun", keyAnswers: [{ question: "family", option: "handgun" }, { question: "handgun_mechanism", option: "unknown" }] },
    ],
    [
      "the key started at the family's own question (confident family)",
      { keyAnswers: [{ question: "long_gun_mechanism", option: "pump" }] },
      { typology: "epaule_a_pompe", family: "long_gun", keyAnswers: [{ question: "long_gun_mechanism", option: "pump" }] },
    ],
    ["«je ne sais pas» from the start: undetermined", { keyAnswers: [{ question: "family", option: "unknown" }] }, { typology: null, family: null, keyAnswers: [{ question: "family", option: "unknown" }] }],
  ])("%s", (_name, input, expected) => {
    expect(resolveOfficerChoice(input)).toEqual(expected);
  });

  it.each<[string, OfficerChoiceInput, string]>([
    ["nothing", {}, "officerChoiceEmpty"],
    ["a typology outside the catalogue", { typology: "bazooka" }, "officerChoiceUnknownTypology"],
    ["an unknown option", { keyAnswers: [{ question: "family", option: "cannon" }] }, "officerChoiceInvalidKey"],
    ["an unknown question", { keyAnswers: [{ question: "colour", option: "black" }] }, "officerChoiceInvalidKey"],
    ["answers out of order", { keyAnswers: [{ question: "family", option: "handgun" }, { question: "long_gun_mechanism", option: "pump" }] }, "officerChoiceInvalidKey"],
    ["an answer after the end", { keyAnswers: [...PISTOL_BY_KEY, { question: "family", option: "handgun" }] }, "officerChoiceInvalidKey"],
    ["an unfinished key", { keyAnswers: [{ question: "family", option: "handgun" }] }, "officerChoiceKeyUnfinished"],
    ["a typology the key contradicts", { typology: "revolver", keyAnswers: PISTOL_BY_KEY }, "officerChoiceKeyConflict"],
    [
      "a typology outside the family the key ended on",
      { typology: "epaule_a_pompe", keyAnswers: [{ question: "family", option: "handgun" }, { question: "handgun_mechanism", option: "unknown" }] },
      "officerChoiceKeyConflict",
    ],
  ])("refuses %s", (_name, input, messageKey) => {
    const error = errorOf(() => resolveOfficerChoice(input));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.messageKey).toBe(messageKey);
  });
});

describe("setOfficerChoice", () => {
  it("stores the choice with who and when, audited; the case gets a category at once and goes to an expert as officer_identified", async () => {
    const owner = await officer("choice");
    const { theCase } = await storeFinishedCase(deps.db, owner, { tier: "low", typology: "revolver" });
    const before = await deps.db.review.findFirstOrThrow({ where: { caseId: theCase.id } });
    expect(before.reason).toBe("low_confidence");

    const view = await setOfficerChoice(deps, owner, theCase.id, { typology: "pistolet_semi_auto_moderne", keyAnswers: PISTOL_BY_KEY });

    const row = await deps.db.case.findUniqueOrThrow({ where: { id: theCase.id } });
    expect(row).toMatchObject({
      officerTypology: "pistolet_semi_auto_moderne",
      officerFamily: "handgun",
      officerKeyAnswers: PISTOL_BY_KEY,
      officerChoiceSource: "officer",
      officerChoiceById: owner.userId,
    });
    expect(row.officerChoiceAt).toBeInstanceOf(Date);
    expect(await deps.db.auditLog.count({ where: { action: "identification.officer_choice", resourceId: theCase.id, actorId: owner.userId } })).toBe(1);

    // the model's answer is untouched; the officer's choice is apart, with its category as for a confident model answer
    expect(view.result?.typology).toBeNull();
    expect(view.result?.category).toBeNull();
    expect(view.officerChoice).toMatchObject({ source: "officer", typology: { key: "pistolet_semi_auto_moderne" }, family: "handgun" });
    expect(view.officerChoice?.category?.letters).toEqual(["B"]);
    expect(view.officerChoice?.category?.questions.length).toBeGreaterThan(0); // alarm gun question
    expect(view.state).toBe("officer_identified");

    // the same review, now for the officer's identification, and a new version (an expert holding it reloads)
    const after = await deps.db.review.findUniqueOrThrow({ where: { id: before.id } });
    expect(after).toMatchObject({ reason: "officer_identified", version: before.version + 1, activeKey: before.activeKey });
    expect(await deps.db.review.count({ where: { caseId: theCase.id } })).toBe(1);
    expect(await deps.db.auditLog.count({ where: { action: "review.reason", resourceId: before.id } })).toBe(1);
    expect(view.expertReview).toMatchObject({ status: "waiting", reason: "officer_identified" });

    // no label yet: the officer's choice is not a dataset label until an expert confirms it
    expect(await deps.db.datasetItem.count({ where: { photo: { caseId: theCase.id } } })).toBe(0);

    const list = await listIdentifications(deps, owner);
    expect(list.items[0]).toMatchObject({ id: theCase.id, state: "officer_identified", awaitingExpert: true, family: "handgun", officerTypology: { key: "pistolet_semi_auto_moderne" } });
  });

  it("«non» to a high-tier answer: a review opens for the officer's identification", async () => {
    const owner = await officer("disagree");
    const { theCase } = await storeFinishedCase(deps.db, owner, { tier: "high", typology: "epaule_a_verrou", random: 0.9 });
    expect(await deps.db.review.count({ where: { caseId: theCase.id } })).toBe(0);
    const view = await setOfficerChoice(deps, owner, theCase.id, { keyAnswers: [{ question: "family", option: "long_gun" }, { question: "long_gun_mechanism", option: "lever" }] });
    expect(view.result?.typology?.key).toBe("epaule_a_verrou");
    expect(view.officerChoice?.typology?.key).toBe("epaule_a_levier_sous_garde");
    const review = await deps.db.review.findFirstOrThrow({ where: { caseId: theCase.id } });
    expect(review).toMatchObject({ reason: "officer_identified", status: "open", policyVersion: null });
  });

  it("a key ending on a family stores the family without a typology or category", async () => {
    const owner = await officer("family");
    const { theCase } = await storeFinishedCase(deps.db, owner, { tier: "low" });
    const view = await setOfficerChoice(deps, owner, theCase.id, { keyAnswers: [{ question: "family", option: "long_gun" }, { question: "long_gun_mechanism", option: "unknown" }] });
    expect(view.officerChoice).toMatchObject({ typology: null, family: "long_gun", category: null });
  });

  it("someone else's case answers not found, and nothing is stored", async () => {
    const [owner, stranger] = await Promise.all([officer("owner"), officer("stranger")]);
    const { theCase } = await storeFinishedCase(deps.db, owner, { tier: "low" });
    const error = await setOfficerChoice(deps, stranger, theCase.id, { typology: "revolver" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe("NOT_FOUND");
    expect((await deps.db.case.findUniqueOrThrow({ where: { id: theCase.id } })).officerChoiceAt).toBeNull();
  });

  it("a choice before any prediction: the worker's routing keeps the reason and attaches its prediction", async () => {
    const owner = await officer("early");
    const model = await ensureModelVersion(deps.db);
    const theCase = await deps.db.case.create({ data: { ownerId: owner.userId, unit: owner.unit, status: "processing" } });
    await setOfficerChoice(deps, owner, theCase.id, { typology: "revolver" });
    const review = await deps.db.review.findFirstOrThrow({ where: { caseId: theCase.id } });
    expect(review).toMatchObject({ reason: "officer_identified", predictionId: null });
    const prediction = await deps.db.prediction.create({
      data: {
        caseId: theCase.id, modelVersionId: model.id, rulesVersion: "fr-test", status: "not_determined",
        rawProbabilities: { revolver: 0.5 }, probabilities: { revolver: 0.5 }, familyProbabilities: { handgun: 0.9, long_gun: 0.1 },
        topTypology: "revolver", typology: null, family: "handgun", confidence: 0.5, tier: "low", noFirearmScore: 0.01,
        executionProvider: "cpu", latencyMs: 10, timings: {},
      },
    });
    await deps.db.$transaction((tx) => openReviewForPrediction(tx, { caseId: theCase.id, predictionId: prediction.id }));
    const reviews = await deps.db.review.findMany({ where: { caseId: theCase.id } });
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ reason: "officer_identified", predictionId: prediction.id });
  });
});

describe("the expert's decision on an officer's identification", () => {
  it("confirm: the officer's typology becomes the label, with its own dataset source; measures count the agreement", async () => {
    const owner = await officer("confirm");
    const { theCase } = await storeFinishedCase(deps.db, owner, { tier: "low", typology: "revolver", photos: 2 });
    await setOfficerChoice(deps, owner, theCase.id, { keyAnswers: PISTOL_BY_KEY });
    const review = await deps.db.review.findFirstOrThrow({ where: { caseId: theCase.id } });

    const detail = await getReviewDetail(deps, expert, review.id);
    expect(detail.reason).toBe("officer_identified");
    expect(detail.case.officerChoice).toMatchObject({ typology: { key: "pistolet_semi_auto_moderne" }, family: "handgun", keyAnswers: PISTOL_BY_KEY });

    const claimed = await claimReview(deps, expert, review.id);
    const measuresBefore = await getReviewMeasures(deps, expert);
    const decided = await submitReviewDecision(deps, expert, review.id, { decision: "confirm", version: claimed.version });
    expect(decided.datasetItems).toBe(2);

    const items = await deps.db.datasetItem.findMany({ where: { reviewId: review.id } });
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item).toMatchObject({ source: "officer_confirmed", typology: "pistolet_semi_auto_moderne", categoryLetters: ["B"], agreesWithModel: false, reviewReason: "officer_identified" });
    }
    expect(await deps.db.review.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({ officerTypology: "pistolet_semi_auto_moderne", officerAgrees: true });

    const view = await getIdentification(deps, owner, theCase.id);
    expect(view.expertVerdict).toMatchObject({ decision: "confirm", typology: { key: "pistolet_semi_auto_moderne" }, categoryLetters: ["B"] });
    expect(view.state).toBe("expert_confirmed");

    const measures = await getReviewMeasures(deps, expert);
    const row = (m: typeof measures) => m.officerAgreementByTypology.find((r) => r.key === "pistolet_semi_auto_moderne") ?? { decided: 0, agreed: 0 };
    expect(row(measures).decided - row(measuresBefore).decided).toBe(1);
    expect(row(measures).agreed - row(measuresBefore).agreed).toBe(1);
  });

  it("correct to another typology: the label is the expert's own (expert_review), the officer disagreed", async () => {
    const owner = await officer("correct");
    const { theCase } = await storeFinishedCase(deps.db, owner, { tier: "low", typology: "revolver", photos: 1 });
    await setOfficerChoice(deps, owner, theCase.id, { typology: "autre_pistolet" });
    const review = await deps.db.review.findFirstOrThrow({ where: { caseId: theCase.id } });
    const claimed = await claimReview(deps, expert, review.id);
    await submitReviewDecision(deps, expert, review.id, { decision: "correct", version: claimed.version, typology: "revolver" });
    const items = await deps.db.datasetItem.findMany({ where: { reviewId: review.id } });
    expect(items.map((item) => [item.source, item.typology])).toEqual([["expert_review", "revolver"]]);
    expect(await deps.db.review.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({ officerTypology: "autre_pistolet", officerAgrees: false });
    expect((await getIdentification(deps, owner, theCase.id)).state).toBe("expert_corrected");
  });

  it("a holder's decision taken on the version before the officer's choice is refused: the expert reloads and sees it", async () => {
    const owner = await officer("stale");
    const { theCase } = await storeFinishedCase(deps.db, owner, { tier: "low", typology: "revolver" });
    const review = await deps.db.review.findFirstOrThrow({ where: { caseId: theCase.id } });
    const claimed = await claimReview(deps, expert, review.id);
    await setOfficerChoice(deps, owner, theCase.id, { typology: "revolver" });
    const error = await submitReviewDecision(deps, expert, review.id, { decision: "confirm", version: claimed.version }).catch((e: unknown) => e);
    expect((error as ServiceError).code).toBe("CONFLICT");
    expect(await deps.db.datasetItem.count({ where: { reviewId: review.id } })).toBe(0);
  });
});
