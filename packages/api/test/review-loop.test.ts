import type { Actor } from "@basegun/auth";
import { QUEUE_NAMES } from "@basegun/queue";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../src/deps.ts";
import { ServiceError } from "../src/errors.ts";
import { addPhotos } from "../src/services/identification/add-photos.ts";
import { createIdentification } from "../src/services/identification/create.ts";
import { getIdentification } from "../src/services/identification/read.ts";
import { getPhotoForViewer } from "../src/services/identification/photos.ts";
import { claimNextReview, claimReview, releaseReview } from "../src/services/review/claim.ts";
import { splitKeyFor } from "../src/services/review/dataset.ts";
import { submitReviewDecision } from "../src/services/review/decide.ts";
import { getReviewDetail } from "../src/services/review/detail.ts";
import { getReviewMeasures } from "../src/services/review/measures.ts";
import { loadActivePolicy, updateRoutingPolicy } from "../src/services/review/policy.ts";
import { listQueue } from "../src/services/review/queue.ts";
import { closeDeps, expectServiceError, flushTestRedis, makeDeps, makeUser, photoBytes, TEST_REDIS_URL } from "./fixtures.ts";
import { storeFinishedCase, uniqueUnit } from "./review-fixtures.ts";

let deps: ServiceDeps;
let admin: Actor;

beforeAll(async () => {
  deps = await makeDeps();
  admin = await makeUser(deps.db, "admin");
  const current = await loadActivePolicy(deps.db);
  if (current.claimTtlSeconds !== 600 || current.qualitySampleRate !== 0.05 || current.doubleReviewRate !== 0) {
    await updateRoutingPolicy(deps, admin, {
      expectedVersion: current.version,
      reviewTiers: ["low"],
      sampleTiers: ["high"],
      qualitySampleRate: 0.05,
      doubleReviewRate: 0,
      claimTtlSeconds: 600,
    });
  }
});
afterAll(async () => {
  await closeDeps(deps);
});


/** An officer in a unit of its own, so the queue filtered on that unit holds only this test's reviews. */
async function isolatedOfficer(label: string) {
  return makeUser(deps.db, "officer", uniqueUnit(label));
}

describe("claim", () => {
  it("10 concurrent claimNext from 3 experts on 3 open reviews: each review claimed exactly once", async () => {
    const officer = await isolatedOfficer("race");
    const cases = await Promise.all([0, 1, 2].map(() => storeFinishedCase(deps.db, officer, { tier: "low" })));
    const experts = await Promise.all([0, 1, 2].map(() => makeUser(deps.db, "expert")));
    const filters = { unit: officer.unit! };

    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => claimNextReview(deps, experts[i % 3]!, filters)));
    const claimed = results.filter((r) => r !== null);
    expect(claimed).toHaveLength(3);
    expect(new Set(claimed.map((r) => r.reviewId)).size).toBe(3);
    expect(results.filter((r) => r === null)).toHaveLength(7);

    const rows = await deps.db.review.findMany({ where: { caseId: { in: cases.map((c) => c.theCase.id) } } });
    expect(rows.every((r) => r.status === "claimed" && r.version === 1 && r.claimedById !== null)).toBe(true);
    const audits = await deps.db.auditLog.count({ where: { action: "review.claim", resourceId: { in: rows.map((r) => r.id) } } });
    expect(audits).toBe(3);
  });

  it("serves urgent first, then the most uncertain, then the oldest", async () => {
    const officer = await isolatedOfficer("order");
    const old = new Date(Date.now() - 3_600_000);
    const calm = await storeFinishedCase(deps.db, officer, { tier: "low", confidence: 0.6, createdAt: old });
    const unsure = await storeFinishedCase(deps.db, officer, { tier: "low", confidence: 0.3 });
    const urgent = await storeFinishedCase(deps.db, officer, { tier: "low", confidence: 0.7, urgency: "urgent" });
    const calmLater = await storeFinishedCase(deps.db, officer, { tier: "low", confidence: 0.6 });
    // same priority: the one opened first comes first
    await deps.db.review.updateMany({ where: { caseId: calm.theCase.id }, data: { createdAt: old } });

    const queue = await listQueue(deps, admin, { unit: officer.unit! });
    expect(queue.items.map((i) => i.caseId)).toEqual([urgent, unsure, calm, calmLater].map((c) => c.theCase.id));
    expect(queue.counts.waiting).toBe(4);
    expect(queue.counts.byReason.low_confidence).toBe(4);
    expect(queue.oldestWaitingSince?.getTime()).toBe(old.getTime());
    expect(queue.oldestWaitingSeconds).toBeGreaterThanOrEqual(3599);

    const expert = await makeUser(deps.db, "expert");
    const first = await claimNextReview(deps, expert, { unit: officer.unit! });
    expect(first?.caseId).toBe(urgent.theCase.id);
    const afterClaim = await listQueue(deps, expert, { unit: officer.unit! });
    expect(afterClaim.counts).toMatchObject({ waiting: 3, claimed: 1 });
    expect((await listQueue(deps, expert, { unit: officer.unit!, view: "mine" })).items.map((i) => i.heldByMe)).toEqual([true]);
  });

  it("filters by typology, tier, reason and age", async () => {
    const officer = await isolatedOfficer("filters");
    await storeFinishedCase(deps.db, officer, { tier: "low", typology: "revolver" });
    await storeFinishedCase(deps.db, officer, { tier: "low", typology: "epaule_a_pompe", createdAt: new Date(Date.now() - 7_200_000) });
    await storeFinishedCase(deps.db, officer, { tier: "high", random: 0 });
    const unit = officer.unit!;
    const keys = async (filters: object) => (await listQueue(deps, admin, { unit, ...filters })).items.map((i) => i.typology?.key);
    expect(await keys({ typology: "revolver" })).toEqual(["revolver"]);
    expect(await keys({ tier: "high" })).toEqual(["epaule_a_verrou"]);
    expect(await keys({ reason: "quality_sample" })).toEqual(["epaule_a_verrou"]);
    expect((await keys({})).length).toBe(3);
    // age is the review's: backdate the one whose case is old
    await deps.db.review.updateMany({ where: { unit, topTypology: "epaule_a_pompe" }, data: { createdAt: new Date(Date.now() - 7_200_000) } });
    expect(await keys({ minAgeMinutes: 60 })).toEqual(["epaule_a_pompe"]);
    expect((await keys({ maxAgeMinutes: 60 })).sort()).toEqual(["epaule_a_verrou", "revolver"]);
    const expert = await makeUser(deps.db, "expert");
    expect((await claimNextReview(deps, expert, { unit, typology: "epaule_a_pompe" }))?.caseId).toBeDefined();
    expect(await claimNextReview(deps, expert, { unit, typology: "epaule_a_pompe" })).toBeNull();
  });

  it("a lock that has expired is claimable again; the first holder's decision is then refused", async () => {
    const officer = await isolatedOfficer("expiry");
    await storeFinishedCase(deps.db, officer, { tier: "low" });
    const [first, second] = await Promise.all([makeUser(deps.db, "expert"), makeUser(deps.db, "expert")]);
    const unit = officer.unit!;
    const held = await claimNextReview(deps, first, { unit });
    expect(held).not.toBeNull();
    expect(held!.claimedUntil.getTime() - Date.now()).toBeGreaterThan(590_000);
    expect(await claimNextReview(deps, second, { unit })).toBeNull();
    await expectServiceError(claimReview(deps, second, held!.reviewId), "CONFLICT", "reviewClaimedByOther");

    await deps.db.review.update({ where: { id: held!.reviewId }, data: { claimedUntil: new Date(Date.now() - 1000) } });
    expect((await listQueue(deps, second, { unit })).items[0]?.status).toBe("waiting");
    const taken = await claimNextReview(deps, second, { unit });
    expect(taken?.reviewId).toBe(held!.reviewId);
    expect(taken!.version).toBe(held!.version + 1);
    await expectServiceError(submitReviewDecision(deps, first, held!.reviewId, { decision: "confirm", version: held!.version }), "CONFLICT");
    const done = await submitReviewDecision(deps, second, taken!.reviewId, { decision: "confirm", version: taken!.version });
    expect(done.decision).toBe("confirm");
  });

  it("claim by id renews one's own lock; release gives it back, audited; only the holder may release", async () => {
    const officer = await isolatedOfficer("release");
    const { theCase } = await storeFinishedCase(deps.db, officer, { tier: "low" });
    const [expert, other] = await Promise.all([makeUser(deps.db, "expert"), makeUser(deps.db, "expert")]);
    const review = await deps.db.review.findFirstOrThrow({ where: { caseId: theCase.id } });
    const claimed = await claimReview(deps, expert, review.id);
    const renewed = await claimReview(deps, expert, review.id);
    expect(renewed.version).toBe(claimed.version + 1);
    await expectServiceError(releaseReview(deps, other, review.id), "CONFLICT", "reviewNotHeld");
    await releaseReview(deps, expert, review.id);
    const row = await deps.db.review.findUniqueOrThrow({ where: { id: review.id } });
    expect(row).toMatchObject({ status: "open", claimedById: null, claimedUntil: null });
    expect(await deps.db.auditLog.count({ where: { action: "review.release", resourceId: review.id, actorId: expert.userId } })).toBe(1);
    expect((await claimNextReview(deps, other, { unit: officer.unit! }))?.reviewId).toBe(review.id);
  });
});

describe("decision", () => {
  it("two decisions with the same version: exactly one is saved, the other gets CONFLICT", async () => {
    const officer = await isolatedOfficer("decide-race");
    const { theCase } = await storeFinishedCase(deps.db, officer, { tier: "low", photos: 3 });
    const expert = await makeUser(deps.db, "expert");
    const claim = await claimNextReview(deps, expert, { unit: officer.unit! });
    const results = await Promise.allSettled([
      submitReviewDecision(deps, expert, claim!.reviewId, { decision: "confirm", version: claim!.version }),
      submitReviewDecision(deps, expert, claim!.reviewId, {
        decision: "correct",
        version: claim!.version,
        typology: "revolver",
      }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ServiceError);
    expect((rejected.reason as ServiceError).code).toBe("CONFLICT");

    const saved = await deps.db.review.findFirstOrThrow({ where: { caseId: theCase.id } });
    expect(saved.version).toBe(claim!.version + 1);
    // one set of labels (one per photo), one audit row: the loser left nothing behind
    expect(await deps.db.datasetItem.count({ where: { reviewId: saved.id } })).toBe(3);
    expect(await deps.db.auditLog.count({ where: { action: "review.decide", resourceId: saved.id } })).toBe(1);
    // and a decided review cannot be decided again
    await expectServiceError(submitReviewDecision(deps, expert, saved.id, { decision: "confirm", version: saved.version }), "CONFLICT", "reviewAlreadyDecided");
  });

  it("a correction labels every photo with full provenance and shows the officer the expert verdict", async () => {
    const officer = await isolatedOfficer("provenance");
    const { theCase, prediction, model } = await storeFinishedCase(deps.db, officer, { tier: "low", photos: 2, typology: "epaule_a_verrou", confidence: 0.7 });
    const expert = await makeUser(deps.db, "expert");
    const claim = await claimNextReview(deps, expert, { unit: officer.unit! });

    const detail = await getReviewDetail(deps, expert, claim!.reviewId);
    expect(detail.photos).toHaveLength(2);
    expect(detail.prediction?.topCandidates.map((c) => c.key)).toEqual(["epaule_a_verrou", "revolver"]);
    expect(detail.prediction?.topCandidates[0]?.probability).toBeCloseTo(0.7);
    expect(detail.heldByMe).toBe(true);
    expect(detail.case.owner.unit).toBe(officer.unit);

    const before = Date.now();
    await submitReviewDecision(deps, expert, claim!.reviewId, {
      decision: "correct",
      version: detail.version,
      typology: "epaule_a_pompe",
      conditions: ["canon < 45 cm"],
      make: "Remington",
      model: "870",
      calibre: "12",
      notes: "pompe visible sur la photo 2",
    });
    const items = await deps.db.datasetItem.findMany({ where: { reviewId: claim!.reviewId }, orderBy: { photoId: "asc" } });
    const photoIds = (await deps.db.photo.findMany({ where: { caseId: theCase.id }, orderBy: { id: "asc" } })).map((p) => p.id);
    expect(items.map((i) => i.photoId)).toEqual(photoIds);
    for (const item of items) {
      expect(item).toMatchObject({
        typology: "epaule_a_pompe",
        categoryLetters: ["B", "C"],
        usable: true,
        source: "expert_review",
        labellerId: expert.userId,
        predictionId: prediction.id,
        modelVersionId: model.id,
        agreesWithModel: false,
        reviewReason: "low_confidence",
        splitKey: splitKeyFor(theCase.id),
      });
      expect(item.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    }
    expect(splitKeyFor(theCase.id)).toMatch(/^[0-9a-f]{16}$/);
    expect(splitKeyFor(theCase.id)).not.toBe(splitKeyFor(`${theCase.id}x`));

    const view = await getIdentification(deps, officer, theCase.id);
    expect(view.result?.typology).toBeNull(); // the model's answer is unchanged: low tier, no typology claimed
    expect(view.expertVerdict).toMatchObject({ decision: "correct", typology: { key: "epaule_a_pompe" }, categoryLetters: ["B", "C"], make: "Remington" });
    expect(view.expertReview?.status).toBe("decided");
    expect(view.photoRequest).toBeNull();
    expect(view.expertVerdict).not.toHaveProperty("decidedBy");
  });

  it("a confirmation labels with the model's typology and agrees with it", async () => {
    const officer = await isolatedOfficer("confirm");
    const { theCase } = await storeFinishedCase(deps.db, officer, { tier: "high", random: 0, typology: "epaule_a_verrou" });
    const expert = await makeUser(deps.db, "expert");
    const claim = await claimNextReview(deps, expert, { unit: officer.unit! });
    await submitReviewDecision(deps, expert, claim!.reviewId, { decision: "confirm", version: claim!.version });
    const items = await deps.db.datasetItem.findMany({ where: { reviewId: claim!.reviewId } });
    expect(items.every((i) => i.typology === "epaule_a_verrou" && i.agreesWithModel === true && i.reviewReason === "quality_sample")).toBe(true);
    expect((await getIdentification(deps, officer, theCase.id)).expertVerdict?.typology?.key).toBe("epaule_a_verrou");
  });

  it("deciding needs one's own claim; confirming needs a model answer", async () => {
    const officer = await isolatedOfficer("needs-claim");
    const { theCase } = await storeFinishedCase(deps.db, officer, { tier: "low" });
    const expert = await makeUser(deps.db, "expert");
    const review = await deps.db.review.findFirstOrThrow({ where: { caseId: theCase.id } });
    await expectServiceError(submitReviewDecision(deps, expert, review.id, { decision: "confirm", version: review.version }), "CONFLICT", "reviewNotHeld");

    const early = await deps.db.case.create({ data: { ownerId: officer.userId, unit: officer.unit, status: "processing" } });
    const { requestExpert } = await import("../src/services/review/request.ts");
    await requestExpert(deps, officer, early.id, {});
    const waiting = await deps.db.review.findFirstOrThrow({ where: { caseId: early.id } });
    const claim = await claimReview(deps, expert, waiting.id);
    await expectServiceError(submitReviewDecision(deps, expert, waiting.id, { decision: "confirm", version: claim.version }), "BAD_REQUEST", "reviewNothingToConfirm");
  });
});

describe("unusable photos: a task for the officer, answered by adding photos", () => {
  let queue: Queue;
  let connection: Redis;
  beforeAll(() => {
    connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(QUEUE_NAMES.identify, { connection });
  });
  beforeEach(flushTestRedis);
  afterAll(async () => {
    await queue.close();
    connection.disconnect();
  });

  it("asks for another photo, then re-identifies and goes back to the experts", async () => {
    const officer = await isolatedOfficer("unusable");
    const created = await createIdentification(deps, officer, { photos: [{ bytes: await photoBytes() }], source: "web" });
    // what the worker does: prediction stored, case done, routing in the same transaction
    const { ensureModelVersion } = await import("./fixtures.ts");
    const model = await ensureModelVersion(deps.db);
    await deps.db.$transaction(async (tx) => {
      await tx.prediction.create({
        data: {
          caseId: created.id, modelVersionId: model.id, rulesVersion: "fr-test", status: "not_determined",
          rawProbabilities: { revolver: 0.4, autre_pistolet: 0.6 }, probabilities: { revolver: 0.4, autre_pistolet: 0.6 },
          familyProbabilities: { handgun: 1 }, topTypology: "autre_pistolet", confidence: 0.6, tier: "low", noFirearmScore: 0,
          executionProvider: "cpu", latencyMs: 5, timings: {},
        },
      });
      await tx.case.update({ where: { id: created.id }, data: { status: "done" } });
      const { openReviewForPrediction } = await import("../src/services/review/open.ts");
      await openReviewForPrediction(tx, { caseId: created.id, modelVersionId: model.id });
    });
    await flushTestRedis();

    const expert = await makeUser(deps.db, "expert", "Another unit");
    const claim = await claimNextReview(deps, expert, { unit: officer.unit! });
    // the expert sees the photo even though the case is from another unit
    const detail = await getReviewDetail(deps, expert, claim!.reviewId);
    await expect(getPhotoForViewer(deps, expert, detail.photos[0]!.id)).resolves.toMatchObject({ contentType: "image/jpeg" });
    await submitReviewDecision(deps, expert, claim!.reviewId, {
      decision: "unusable",
      version: claim!.version,
      messageToOfficer: "Photographiez le côté gauche, arme entière",
    });
    const unusableItems = await deps.db.datasetItem.findMany({ where: { reviewId: claim!.reviewId } });
    expect(unusableItems).toHaveLength(1);
    expect(unusableItems[0]).toMatchObject({ typology: null, usable: false });

    const asked = await getIdentification(deps, officer, created.id);
    expect(asked.photoRequest).toMatchObject({ reviewId: claim!.reviewId, message: "Photographiez le côté gauche, arme entière" });
    expect(asked.expertVerdict?.decision).toBe("unusable");

    const answered = await addPhotos(deps, officer, created.id, { photos: [{ bytes: await photoBytes("#224466"), kind: "left" }] });
    expect(answered.status).toBe("pending");
    expect(answered.photos.map((p) => p.kind)).toEqual(["overview", "left"]);
    expect(answered.photoRequest).toBeNull();
    expect(answered.expertReview).toMatchObject({ status: "waiting", reason: "low_confidence" });
    const job = await queue.getJob(`case-${created.id}`);
    expect(job?.data).toMatchObject({ caseId: created.id });
    const reopened = await deps.db.review.findMany({ where: { caseId: created.id }, orderBy: { createdAt: "asc" } });
    expect(reopened.map((r) => r.status)).toEqual(["decided", "open"]);
    // the next expert sees the earlier decision in the case history
    const next = await claimNextReview(deps, expert, { unit: officer.unit! });
    expect((await getReviewDetail(deps, expert, next!.reviewId)).history.map((h) => h.decision)).toEqual(["unusable"]);

    const stranger = await makeUser(deps.db, "officer", officer.unit);
    await expectServiceError(addPhotos(deps, stranger, created.id, { photos: [{ bytes: await photoBytes() }] }), "NOT_FOUND");
    await expectServiceError(addPhotos(deps, officer, created.id, { photos: [{ bytes: await photoBytes() }] }), "CONFLICT", "addPhotosWhileProcessing");
  });
});

describe("blind double review and measures", () => {
  it("one expert never gets both halves; agreement between the two experts is reported", async () => {
    const officer = await isolatedOfficer("blind");
    const current = await loadActivePolicy(deps.db);
    await updateRoutingPolicy(deps, admin, { ...current, expectedVersion: current.version, doubleReviewRate: 1, note: undefined });
    try {
      const { theCase } = await storeFinishedCase(deps.db, officer, { tier: "high", random: 0, typology: "epaule_a_verrou" });
      const unit = officer.unit!;
      const [a, b] = await Promise.all([makeUser(deps.db, "expert"), makeUser(deps.db, "expert")]);
      const first = await claimNextReview(deps, a, { unit });
      expect(await claimNextReview(deps, a, { unit })).toBeNull();
      const other = await deps.db.review.findFirstOrThrow({ where: { caseId: theCase.id, id: { not: first!.reviewId } } });
      await expectServiceError(claimReview(deps, a, other.id), "CONFLICT", "reviewBlindPair");
      const second = await claimNextReview(deps, b, { unit });
      expect(second?.reviewId).toBe(other.id);

      await submitReviewDecision(deps, a, first!.reviewId, { decision: "confirm", version: first!.version });
      // b does not see a's decision before deciding
      expect((await getReviewDetail(deps, b, second!.reviewId)).history).toEqual([]);
      await submitReviewDecision(deps, b, second!.reviewId, { decision: "confirm", version: second!.version });
      expect((await getReviewDetail(deps, b, second!.reviewId)).history).toHaveLength(1);

      const measures = await getReviewMeasures(deps, b, { days: 1 });
      expect(measures.doubleReview.pairs).toBeGreaterThanOrEqual(1);
      expect(measures.doubleReview.agreed).toBeGreaterThanOrEqual(1);
      expect(measures.decisionsPerExpert.find((e) => e.expertId === a.userId)).toMatchObject({ confirm: 1, total: 1 });
      const high = measures.agreementByTier.find((row) => row.key === "high");
      expect(high?.decided).toBeGreaterThanOrEqual(2);
      expect(measures.agreementByTypology.find((row) => row.key === "epaule_a_verrou")?.agreed).toBeGreaterThanOrEqual(2);
      expect(measures.medianSecondsToDecision).not.toBeNull();
      expect(measures.queueDepth.length).toBeGreaterThanOrEqual(24);
      expect(measures.queueDepth.every((point) => Number.isInteger(point.depth))).toBe(true);
    } finally {
      const now = await loadActivePolicy(deps.db);
      await updateRoutingPolicy(deps, admin, { ...now, expectedVersion: now.version, doubleReviewRate: 0, note: undefined });
    }
  });

  it("queue depth counts reviews waiting at each point in time", async () => {
    const officer = await isolatedOfficer("depth");
    const { theCase } = await storeFinishedCase(deps.db, officer, { tier: "low" });
    const before = await getReviewMeasures(deps, admin, { days: 1, bucket: "hour" });
    const last = before.queueDepth.at(-1)!;
    expect(last.at.getTime()).toBeGreaterThan(Date.now());
    await deps.db.review.updateMany({ where: { caseId: theCase.id }, data: { status: "decided", activeKey: null, decision: "unusable", decidedAt: new Date() } });
    const after = await getReviewMeasures(deps, admin, { days: 1, bucket: "hour" });
    expect(after.queueDepth.at(-1)!.depth).toBe(last.depth - 1);
  });
});
