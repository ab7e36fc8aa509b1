import type { Actor } from "@basegun/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../src/deps.ts";
import { ServiceError } from "../src/errors.ts";
import { getIdentification } from "../src/services/identification/read.ts";
import { claimNextReview } from "../src/services/review/claim.ts";
import { submitReviewDecision } from "../src/services/review/decide.ts";
import type { ReviewDecisionInput } from "../src/services/review/decision-input.ts";
import { getReviewDetail } from "../src/services/review/detail.ts";
import { closeDeps, depsWithExpert, makeUser } from "./fixtures.ts";
import { storeFinishedCase, uniqueUnit, type StoredCaseOptions } from "./review-fixtures.ts";

let deps: ServiceDeps;
let expert: Actor;

beforeAll(async () => {
  ({ deps, expert } = await depsWithExpert());
});
afterAll(async () => {
  await closeDeps(deps);
});

/** A low-tier case waiting in a unit of its own, claimed by the expert. */
async function claimedCase(options: StoredCaseOptions = {}) {
  const officer = await makeUser(deps.db, "officer", uniqueUnit("category"));
  const stored = await storeFinishedCase(deps.db, officer, { tier: "low", ...options });
  const claim = await claimNextReview(deps, expert, { unit: officer.unit! });
  if (!claim) throw new Error("nothing to claim");
  return { ...stored, officer, reviewId: claim.reviewId, version: claim.version };
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; key: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return { code: (error as ServiceError).code, key: (error as ServiceError).messageKey };
}

describe("the category of a decision comes from the rules", () => {
  it("a correction with no category answer records the rules' letters, never 'non classée'", async () => {
    const { reviewId, version } = await claimedCase();
    await submitReviewDecision(deps, expert, reviewId, { decision: "correct", version, typology: "revolver" });
    const row = await deps.db.review.findUniqueOrThrow({ where: { id: reviewId } });
    expect(row.correctedLetters).toEqual(["B", "D"]);
    expect(row.rulesLetters).toEqual(["B", "D"]);
    expect(row.categoryOverride).toBe(false);
    expect(row.correctedConditions.length).toBeGreaterThan(0); // the rules' own conditions, in French
    const items = await deps.db.datasetItem.findMany({ where: { reviewId } });
    expect(items.every((item) => item.categoryLetters.join() === "B,D")).toBe(true);
  });

  it("the expert's answers complete the officer's and decide the letter", async () => {
    const { reviewId, version } = await claimedCase({ answers: { overallLengthCm: 110, barrelLengthCm: 70, lengthSource: "measured" } });
    await submitReviewDecision(deps, expert, reviewId, { decision: "correct", version, typology: "epaule_a_pompe", answers: { magazineCapacity: 4, stockFixed: true } });
    const row = await deps.db.review.findUniqueOrThrow({ where: { id: reviewId } });
    expect(row.correctedLetters).toEqual(["C"]);
    expect(row.expertAnswers).toMatchObject({ overallLengthCm: 110, barrelLengthCm: 70, magazineCapacity: 4, stockFixed: true });
  });

  it("'non classée' only through the explicit BB answer", async () => {
    const { reviewId, version, theCase, officer } = await claimedCase();
    await submitReviewDecision(deps, expert, reviewId, { decision: "correct", version, typology: "revolver", answers: { ammunition: "bbs" } });
    const row = await deps.db.review.findUniqueOrThrow({ where: { id: reviewId } });
    expect(row.correctedLetters).toEqual([]);
    expect((await getIdentification(deps, officer, theCase.id)).expertVerdict?.categoryLetters).toEqual([]);
  });

  it.each<[string, Partial<Extract<ReviewDecisionInput, { decision: "correct" }>>, string]>([
    ["an override without explanation", { override: { letters: ["A"], explanation: "  " } }, "reviewOverrideNeedsExplanation"],
    ["'non classée' ticked by hand (an override with no letter)", { override: { letters: [], explanation: "réplique" } }, "reviewOverrideNeedsLetters"],
    ["an impossible measure", { answers: { overallLengthCm: 0 } as never }, ""],
  ])("refuses %s, and saves nothing", async (_name, extra, key) => {
    const { reviewId, version } = await claimedCase();
    const refused = await refusal(submitReviewDecision(deps, expert, reviewId, { decision: "correct", version, typology: "revolver", ...extra }));
    expect(refused.code).toBe("BAD_REQUEST");
    if (key) expect(refused.key).toBe(key);
    const row = await deps.db.review.findUniqueOrThrow({ where: { id: reviewId } });
    expect(row.status).toBe("claimed");
    expect(await deps.db.datasetItem.count({ where: { reviewId } })).toBe(0);
  });

  it("an explained override is stored and shown as an override, beside what the rules gave", async () => {
    const { reviewId, version } = await claimedCase();
    await submitReviewDecision(deps, expert, reviewId, {
      decision: "correct",
      version,
      typology: "epaule_a_verrou",
      override: { letters: ["A"], explanation: "Arme de guerre à verrou (fusil réglementaire)" },
    });
    const row = await deps.db.review.findUniqueOrThrow({ where: { id: reviewId } });
    expect(row).toMatchObject({ correctedLetters: ["A"], rulesLetters: ["B", "C"], categoryOverride: true, overrideExplanation: "Arme de guerre à verrou (fusil réglementaire)" });
    const detail = await getReviewDetail(deps, expert, reviewId);
    expect(detail.decision).toMatchObject({ categoryLetters: ["A"], override: { rulesLetters: ["B", "C"], explanation: "Arme de guerre à verrou (fusil réglementaire)" } });
    const audit = await deps.db.auditLog.findFirstOrThrow({ where: { action: "review.decide", resourceId: reviewId } });
    expect(audit.data).toMatchObject({ category: { rules: ["B", "C"], override: { letters: ["A"] } } });
  });
});

describe("confirming one of the model's candidates", () => {
  it("a low-tier case: the expert confirms the second candidate, labelled with its rules category", async () => {
    const { reviewId, version } = await claimedCase({
      typology: "epaule_a_verrou",
      probabilities: { epaule_a_verrou: 0.5, pistolet_mecanisme_ancien: 0.3, revolver: 0.2 },
    });
    const detail = await getReviewDetail(deps, expert, reviewId);
    expect(detail.prediction?.typology).toBeNull(); // low tier: the model claims no typology
    expect(detail.prediction?.topCandidates.map((c) => [c.key, c.rank])).toEqual([
      ["epaule_a_verrou", 1],
      ["pistolet_mecanisme_ancien", 2],
      ["revolver", 3],
    ]);
    await submitReviewDecision(deps, expert, reviewId, { decision: "confirm", version, typology: "pistolet_mecanisme_ancien" });
    const row = await deps.db.review.findUniqueOrThrow({ where: { id: reviewId } });
    expect(row).toMatchObject({ decision: "confirm", correctedTypology: "pistolet_mecanisme_ancien", correctedLetters: ["D"] });
    const items = await deps.db.datasetItem.findMany({ where: { reviewId } });
    expect(items.every((item) => item.typology === "pistolet_mecanisme_ancien" && item.agreesWithModel === false)).toBe(true);
    expect((await getReviewDetail(deps, expert, reviewId)).decision?.typology?.key).toBe("pistolet_mecanisme_ancien");
  });

  it("ties are candidates together: four typologies tied at 25 % share rank 1 and each can be confirmed", async () => {
    const tied = { revolver: 0.25, pistolet_semi_auto_moderne: 0.25, autre_pistolet: 0.25, pistolet_mecanisme_ancien: 0.25 };
    const { reviewId, version } = await claimedCase({ typology: "revolver", probabilities: tied });
    const detail = await getReviewDetail(deps, expert, reviewId);
    expect(detail.prediction?.topCandidates.map((c) => c.rank)).toEqual([1, 1, 1, 1]);
    await submitReviewDecision(deps, expert, reviewId, { decision: "confirm", version, typology: "pistolet_mecanisme_ancien" });
    expect((await deps.db.review.findUniqueOrThrow({ where: { id: reviewId } })).correctedTypology).toBe("pistolet_mecanisme_ancien");
  });

  it("a typology outside the candidates cannot be 'confirmed': it is a correction", async () => {
    const { reviewId, version } = await claimedCase({ typology: "epaule_a_verrou" });
    const refused = await refusal(submitReviewDecision(deps, expert, reviewId, { decision: "confirm", version, typology: "epaule_a_pompe" }));
    expect(refused).toEqual({ code: "BAD_REQUEST", key: "reviewNotACandidate" });
  });
});
