import type { Actor } from "@basegun/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../src/deps.ts";
import { saveAnswers } from "../src/services/identification/answers.ts";
import { getIdentification } from "../src/services/identification/read.ts";
import { openReviewForPrediction } from "../src/services/review/open.ts";
import { loadActivePolicy, updateRoutingPolicy } from "../src/services/review/policy.ts";
import { requestExpert } from "../src/services/review/request.ts";
import { ServiceError } from "../src/errors.ts";
import { closeDeps, ensureModelVersion, makeDeps, makeUser } from "./fixtures.ts";
import { storeFinishedCase, uniqueUnit } from "./review-fixtures.ts";

let deps: ServiceDeps;
let admin: Actor;

async function setPolicy(change: Partial<Parameters<typeof updateRoutingPolicy>[2]> = {}) {
  const current = await loadActivePolicy(deps.db);
  return updateRoutingPolicy(deps, admin, {
    expectedVersion: current.version,
    reviewTiers: ["low"],
    sampleTiers: ["high"],
    qualitySampleRate: 0.05,
    doubleReviewRate: 0,
    claimTtlSeconds: 600,
    ...change,
  });
}

beforeAll(async () => {
  deps = await makeDeps();
  admin = await makeUser(deps.db, "admin");
  await setPolicy();
});
afterAll(async () => {
  await setPolicy();
  await closeDeps(deps);
});

const reviewsOf = (caseId: string) => deps.db.review.findMany({ where: { caseId }, orderBy: { slot: "asc" } });

describe("routing: each reason opens one review, recorded with its reason", () => {
  it("low tier → low_confidence, with the policy version and the prediction", async () => {
    const officer = await makeUser(deps.db, "officer", uniqueUnit("route"));
    const { theCase, prediction, routing } = await storeFinishedCase(deps.db, officer, { tier: "low" });
    expect(routing?.reason).toBe("low_confidence");
    const [review, ...rest] = await reviewsOf(theCase.id);
    expect(rest).toHaveLength(0);
    expect(review).toMatchObject({ reason: "low_confidence", status: "open", predictionId: prediction.id, tier: "low", unit: officer.unit });
    expect(review?.policyVersion).toBe((await loadActivePolicy(deps.db)).version);
    const audit = await deps.db.auditLog.findFirst({ where: { resourceType: "Review", resourceId: review!.id, action: "review.open" } });
    expect(audit?.data).toMatchObject({ reason: "low_confidence", caseId: theCase.id });
  });

  it("high tier drawn under the sample rate → quality_sample; above it → nothing", async () => {
    const officer = await makeUser(deps.db, "officer", uniqueUnit("route"));
    const sampled = await storeFinishedCase(deps.db, officer, { tier: "high", random: 0.01 });
    expect(sampled.routing?.reason).toBe("quality_sample");
    expect((await reviewsOf(sampled.theCase.id)).map((r) => r.reason)).toEqual(["quality_sample"]);
    const skipped = await storeFinishedCase(deps.db, officer, { tier: "high", random: 0.06 });
    expect(skipped.routing?.reason).toBeNull();
    expect(await reviewsOf(skipped.theCase.id)).toHaveLength(0);
  });

  it("the admin's sample rate is the one applied", async () => {
    const officer = await makeUser(deps.db, "officer", uniqueUnit("route"));
    await setPolicy({ qualitySampleRate: 0.5 });
    try {
      const { routing } = await storeFinishedCase(deps.db, officer, { tier: "high", random: 0.3 });
      expect(routing?.reason).toBe("quality_sample");
    } finally {
      await setPolicy();
    }
  });

  it("medium tier and no-firearm results are not routed on their own", async () => {
    const officer = await makeUser(deps.db, "officer", uniqueUnit("route"));
    expect((await storeFinishedCase(deps.db, officer, { tier: "medium", random: 0 })).routing?.reason).toBeNull();
    expect((await storeFinishedCase(deps.db, officer, { tier: "low", status: "no_firearm" })).routing?.reason).toBeNull();
  });

  it("the officer cannot answer a question the category depends on → category_needs_answer", async () => {
    const officer = await makeUser(deps.db, "officer", uniqueUnit("route"));
    const { theCase } = await storeFinishedCase(deps.db, officer, { tier: "medium", typology: "revolver" });
    expect(await reviewsOf(theCase.id)).toHaveLength(0);
    // answering without giving up routes nothing
    await saveAnswers(deps, officer, theCase.id, { ammunition: "bullets" });
    expect(await reviewsOf(theCase.id)).toHaveLength(0);
    const view = await saveAnswers(deps, officer, theCase.id, { ammunition: "bullets" }, { cannotAnswer: true });
    expect((await reviewsOf(theCase.id)).map((r) => r.reason)).toEqual(["category_needs_answer"]);
    expect(view.expertReview).toMatchObject({ status: "waiting", reason: "category_needs_answer" });
    // saving again neither duplicates the review nor draws a sample
    await saveAnswers(deps, officer, theCase.id, { ammunition: "bullets" }, { cannotAnswer: true });
    expect(await reviewsOf(theCase.id)).toHaveLength(1);
  });

  it('"je ne sais pas" to the revolver mechanism counts as an open question', async () => {
    const officer = await makeUser(deps.db, "officer", uniqueUnit("route"));
    const { routing } = await storeFinishedCase(deps.db, officer, {
      tier: "high",
      typology: "revolver",
      answers: { ammunition: "bullets", revolverMechanism: "unknown" },
    });
    expect(routing?.reason).toBe("category_needs_answer");
  });

  it("the officer asks for an expert → officer_request, with context, urgency first in priority", async () => {
    const officer = await makeUser(deps.db, "officer", uniqueUnit("route"));
    const { theCase } = await storeFinishedCase(deps.db, officer, { tier: "high", random: 0.9 });
    const view = await requestExpert(deps, officer, theCase.id, {
      urgency: "urgent",
      procedureNumber: "PV-77",
      message: "Marquages illisibles",
      markingsDescription: "MAS 36 ?",
      overallLengthCm: 102,
      barrelLengthCm: 57,
    });
    const [review] = await reviewsOf(theCase.id);
    expect(review).toMatchObject({ reason: "officer_request", urgent: true, policyVersion: null });
    expect(review!.priority).toBeGreaterThanOrEqual(1000);
    expect(view.procedureNumber).toBe("PV-77");
    expect(view.urgency).toBe("urgent");
    const stored = await deps.db.case.findUniqueOrThrow({ where: { id: theCase.id } });
    expect(stored.expertRequest).toMatchObject({ message: "Marquages illisibles", markingsDescription: "MAS 36 ?", overallLengthCm: 102, barrelLengthCm: 57 });
    // asking twice joins the waiting review
    await requestExpert(deps, officer, theCase.id, {});
    expect(await reviewsOf(theCase.id)).toHaveLength(1);
  });

  it("an officer request made before the result gets the prediction attached when it comes", async () => {
    const officer = await makeUser(deps.db, "officer", uniqueUnit("route"));
    const pending = await deps.db.case.create({ data: { ownerId: officer.userId, unit: officer.unit, status: "processing" } });
    await requestExpert(deps, officer, pending.id, { message: "urgent" });
    const [before] = await reviewsOf(pending.id);
    expect(before?.predictionId).toBeNull();
    const model = await ensureModelVersion(deps.db);
    const prediction = await deps.db.prediction.create({
      data: {
        caseId: pending.id, modelVersionId: model.id, rulesVersion: "fr-test", status: "not_determined",
        rawProbabilities: { revolver: 0.6, autre_pistolet: 0.4 }, probabilities: { revolver: 0.6, autre_pistolet: 0.4 },
        familyProbabilities: { handgun: 1 }, topTypology: "revolver", confidence: 0.6, tier: "low", noFirearmScore: 0,
        executionProvider: "cpu", latencyMs: 5, timings: {},
      },
    });
    const routing = await deps.db.$transaction((tx) => openReviewForPrediction(tx, { caseId: pending.id, predictionId: prediction.id }));
    expect(routing.reviewIds).toHaveLength(0);
    const [after, ...others] = await reviewsOf(pending.id);
    expect(others).toHaveLength(0);
    expect(after).toMatchObject({ id: before!.id, predictionId: prediction.id, tier: "low", reason: "officer_request" });
  });

  it("a retried job (same prediction) opens nothing more; a shadow prediction never routes", async () => {
    const officer = await makeUser(deps.db, "officer", uniqueUnit("route"));
    const { theCase, model, prediction } = await storeFinishedCase(deps.db, officer, { tier: "low" });
    const again = await deps.db.$transaction((tx) => openReviewForPrediction(tx, { caseId: theCase.id, modelVersionId: model.id }));
    expect(again.reviewIds).toEqual([]);
    // even once decided, the same prediction does not reopen
    await deps.db.review.updateMany({ where: { caseId: theCase.id }, data: { status: "decided", activeKey: null, decision: "confirm", decidedAt: new Date() } });
    await deps.db.$transaction((tx) => openReviewForPrediction(tx, { caseId: theCase.id, predictionId: prediction.id }));
    expect(await reviewsOf(theCase.id)).toHaveLength(1);

    const shadow = await storeFinishedCase(deps.db, officer, { tier: "low", route: false });
    await deps.db.prediction.update({ where: { id: shadow.prediction.id }, data: { shadow: true } });
    const outcome = await deps.db.$transaction((tx) => openReviewForPrediction(tx, { caseId: shadow.theCase.id, predictionId: shadow.prediction.id }));
    expect(outcome.reason).toBeNull();
  });

  it("routes a prediction row passed by the caller (the worker's path) like one found by id, never across cases", async () => {
    const officer = await makeUser(deps.db, "officer", uniqueUnit("route"));
    const { theCase, prediction } = await storeFinishedCase(deps.db, officer, { tier: "low", route: false });
    const other = await storeFinishedCase(deps.db, officer, { tier: "low", route: false });
    // a row of another case is ignored, whatever the caller claims
    const crossed = await deps.db.$transaction((tx) => openReviewForPrediction(tx, { caseId: theCase.id, prediction: other.prediction }));
    expect(crossed.reason).toBeNull();
    expect(await reviewsOf(theCase.id)).toHaveLength(0);
    const routed = await deps.db.$transaction((tx) => openReviewForPrediction(tx, { caseId: theCase.id, prediction }));
    expect(routed.reason).toBe("low_confidence");
    expect(await reviewsOf(theCase.id)).toHaveLength(1);
    const again = await deps.db.$transaction((tx) => openReviewForPrediction(tx, { caseId: theCase.id, prediction }));
    expect(again.reviewIds).toEqual([]);
  });

  it("concurrent routing calls for one case open a single review (unique active key)", async () => {
    const officer = await makeUser(deps.db, "officer", uniqueUnit("route"));
    const { theCase, model } = await storeFinishedCase(deps.db, officer, { tier: "low", route: false });
    await Promise.all(
      Array.from({ length: 4 }, () => deps.db.$transaction((tx) => openReviewForPrediction(tx, { caseId: theCase.id, modelVersionId: model.id }))),
    );
    expect(await reviewsOf(theCase.id)).toHaveLength(1);
  });

  it("a blind double review opens two slots for a sampled case", async () => {
    const officer = await makeUser(deps.db, "officer", uniqueUnit("route"));
    await setPolicy({ doubleReviewRate: 1 });
    try {
      const { theCase, routing } = await storeFinishedCase(deps.db, officer, { tier: "high", random: 0 });
      expect(routing?.reviewIds).toHaveLength(2);
      const reviews = await reviewsOf(theCase.id);
      expect(reviews.map((r) => r.slot)).toEqual([1, 2]);
      expect(reviews[0]?.blindGroup).toBeTruthy();
      expect(reviews[0]?.blindGroup).toBe(reviews[1]?.blindGroup);
    } finally {
      await setPolicy();
    }
  });

  it("the officer only asks on their own cases", async () => {
    const officer = await makeUser(deps.db, "officer", uniqueUnit("route"));
    const other = await makeUser(deps.db, "officer", officer.unit);
    const { theCase } = await storeFinishedCase(deps.db, officer, { tier: "high", random: 0.9 });
    const error = await requestExpert(deps, other, theCase.id, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe("NOT_FOUND");
    expect(await reviewsOf(theCase.id)).toHaveLength(0);
    expect((await getIdentification(deps, officer, theCase.id)).expertReview).toBeNull();
  });
});

describe("routing policy", () => {
  it("is versioned (latest wins), audited with before and after, and refuses a stale edit", async () => {
    const before = await loadActivePolicy(deps.db);
    const saved = await setPolicy({ qualitySampleRate: 0.1, note: "plus de contrôle" });
    expect(saved.version).toBe(before.version + 1);
    expect((await loadActivePolicy(deps.db)).qualitySampleRate).toBe(0.1);
    const audit = await deps.db.auditLog.findFirst({ where: { action: "routingPolicy.update", resourceId: String(saved.version) } });
    expect(audit?.actorId).toBe(admin.userId);
    expect(audit?.data).toMatchObject({ before: { version: before.version }, after: { version: saved.version, qualitySampleRate: 0.1 } });

    const stale = await updateRoutingPolicy(deps, admin, { ...saved, expectedVersion: before.version, note: undefined }).catch((e: unknown) => e);
    expect((stale as ServiceError).code).toBe("CONFLICT");
    await setPolicy();
  });

  it("two admins saving at once: one new version, the other told", async () => {
    const current = await loadActivePolicy(deps.db);
    const change = { expectedVersion: current.version, reviewTiers: ["low" as const], sampleTiers: ["high" as const], qualitySampleRate: 0.05, doubleReviewRate: 0, claimTtlSeconds: 600 };
    const results = await Promise.allSettled([updateRoutingPolicy(deps, admin, change), updateRoutingPolicy(deps, admin, change)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as ServiceError).code).toBe("CONFLICT");
  });
});
