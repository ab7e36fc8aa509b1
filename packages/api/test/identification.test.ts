import { QUEUE_NAMES, identifyJobOptions } from "@basegun/queue";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createIdentifyProducer } from "@basegun/queue";
import type { ServiceDeps } from "../src/deps.ts";
import { createIdentification } from "../src/services/identification/create.ts";
import { getIdentification, listIdentifications } from "../src/services/identification/read.ts";
import { getPhotoForViewer } from "../src/services/identification/photos.ts";
import { saveAnswers } from "../src/services/identification/answers.ts";
import { retryIdentification } from "../src/services/identification/retry.ts";
import { closeDeps, ensureModelVersion, expectServiceError, flushTestRedis, makeDeps, makeUser, photoBytes, TEST_REDIS_URL } from "./fixtures.ts";

let deps: ServiceDeps;
let queue: Queue;
let queueConnection: Redis;

beforeAll(async () => {
  deps = await makeDeps();
  queueConnection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUE_NAMES.identify, { connection: queueConnection });
});
beforeEach(flushTestRedis);
afterAll(async () => {
  await queue.close();
  queueConnection.disconnect();
  await closeDeps(deps);
});


/** Simulates what the worker stores, so read-side behaviour can be tested without the model. */
async function completeWithPrediction(caseId: string, typology: string, tier: "low" | "medium" | "high") {
  const model = await ensureModelVersion(deps.db);
  const probabilities = { [typology]: 0.9, revolver: typology === "revolver" ? 0 : 0.1 };
  await deps.db.prediction.create({
    data: {
      caseId,
      modelVersionId: model.id,
      rulesVersion: "fr-test",
      status: tier === "low" ? "not_determined" : "identified",
      rawProbabilities: probabilities,
      probabilities,
      familyProbabilities: { handgun: 0.1, long_gun: 0.9 },
      topTypology: typology,
      typology: tier === "low" ? null : typology,
      family: "long_gun",
      confidence: 0.9,
      tier,
      noFirearmScore: 0.01,
      executionProvider: "cpu",
      latencyMs: 12,
      timings: {},
    },
  });
  await deps.db.case.update({ where: { id: caseId }, data: { status: "done" } });
}

describe("createIdentification", () => {
  it("stores the case, its photos and an audit row, then enqueues one job keyed by the case", async () => {
    const officer = await makeUser(deps.db, "officer");
    const view = await createIdentification(deps, officer, {
      photos: [{ bytes: await photoBytes() }, { bytes: await photoBytes("#aa3300"), kind: "markings" }],
      procedureNumber: " PV-2026-0042 ",
      source: "web",
    });
    expect(view.status).toBe("pending");
    expect(view.procedureNumber).toBe("PV-2026-0042");
    expect(view.photos.map((p) => p.kind)).toEqual(["overview", "markings"]);

    const photos = await deps.db.photo.findMany({ where: { caseId: view.id }, orderBy: { position: "asc" } });
    expect(photos).toHaveLength(2);
    for (const photo of photos) {
      expect(photo.originalSha256).toMatch(/^[0-9a-f]{64}$/);
      expect((await deps.store.get(photo.derivativeKey)).subarray(0, 2).toString("hex")).toBe("ffd8");
    }
    const audit = await deps.db.auditLog.findMany({ where: { resourceId: view.id, action: "identification.create" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBe(officer.userId);

    const job = await queue.getJob(identifyJobOptions(view.id).jobId);
    expect(job?.data).toEqual({ caseId: view.id });
  });

  it("refuses bad photos with a clear error and stores nothing", async () => {
    const officer = await makeUser(deps.db, "officer");
    const good = await photoBytes();
    await expectServiceError(createIdentification(deps, officer, { photos: [], source: "api" }), "BAD_REQUEST", "photoMissing");
    await expectServiceError(
      createIdentification(deps, officer, { photos: Array.from({ length: 9 }, () => ({ bytes: good })), source: "api" }),
      "BAD_REQUEST",
      "tooManyPhotos",
    );
    await expectServiceError(
      createIdentification(deps, officer, { photos: [{ bytes: good }, { bytes: Buffer.from("%PDF-1.4") }], source: "api" }),
      "UNSUPPORTED_MEDIA_TYPE",
      "photoUnsupportedType",
    );
    await expectServiceError(createIdentification(deps, officer, { photos: [{ bytes: good.subarray(0, 200) }], source: "api" }), "BAD_REQUEST", "photoCorrupt");
    expect(await deps.db.case.count({ where: { ownerId: officer.userId } })).toBe(0);
  });

  it("keeps the case pending (not lost) when Redis is unreachable", async () => {
    const officer = await makeUser(deps.db, "officer");
    const offline = { ...deps, producer: createIdentifyProducer("redis://127.0.0.1:6390") };
    const view = await createIdentification(offline, officer, { photos: [{ bytes: await photoBytes() }], source: "web" });
    expect(view.status).toBe("pending");
    expect(await deps.db.case.findUnique({ where: { id: view.id } })).not.toBeNull();
    await offline.producer.close();
  });

  it("is refused to a role without the scope", async () => {
    const officer = await makeUser(deps.db, "officer");
    const forged = { ...officer, role: "nobody" as never };
    await expectServiceError(createIdentification(deps, forged, { photos: [{ bytes: await photoBytes() }], source: "web" }), "FORBIDDEN");
  });
});

describe("reading cases", () => {
  it("shows a case to its owner, its unit's expert and admins, and to nobody else", async () => {
    const owner = await makeUser(deps.db, "officer", "Unit A");
    const sameUnitOfficer = await makeUser(deps.db, "officer", "Unit A");
    const otherOfficer = await makeUser(deps.db, "officer", "Unit B");
    const expertSameUnit = await makeUser(deps.db, "expert", "Unit A");
    const admin = await makeUser(deps.db, "admin", "HQ");
    const view = await createIdentification(deps, owner, { photos: [{ bytes: await photoBytes() }], source: "web" });
    const photoId = view.photos[0]!.id;

    expect((await getIdentification(deps, owner, view.id)).id).toBe(view.id);
    expect((await getIdentification(deps, expertSameUnit, view.id)).id).toBe(view.id);
    expect((await getIdentification(deps, admin, view.id)).id).toBe(view.id);
    expect((await getPhotoForViewer(deps, owner, photoId)).contentType).toBe("image/jpeg");
    for (const stranger of [sameUnitOfficer, otherOfficer]) {
      await expectServiceError(getIdentification(deps, stranger, view.id), "NOT_FOUND");
      await expectServiceError(getPhotoForViewer(deps, stranger, photoId), "NOT_FOUND");
    }
    await expectServiceError(getIdentification(deps, owner, "cdoesnotexist000000000000"), "NOT_FOUND");
  });

  it("lists the actor's own cases, newest first, with a cursor", async () => {
    const officer = await makeUser(deps.db, "officer");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createIdentification(deps, officer, { photos: [{ bytes: await photoBytes() }], source: "web" })).id);
    const first = await listIdentifications(deps, officer, { limit: 2 });
    expect(first.items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    const second = await listIdentifications(deps, officer, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("answers and category", () => {
  it("recomputes the category from the officer's answers without touching the stored prediction", async () => {
    const officer = await makeUser(deps.db, "officer");
    const view = await createIdentification(deps, officer, { photos: [{ bytes: await photoBytes() }], source: "web" });
    await completeWithPrediction(view.id, "epaule_a_pompe", "high");

    const before = await getIdentification(deps, officer, view.id);
    expect(before.result?.category?.letters).toEqual(["B", "C"]);
    const after = await saveAnswers(deps, officer, view.id, { overallLengthCm: 110, barrelLengthCm: 70, lengthSource: "measured", magazineCapacity: 4, stockFixed: true, barrelBore: "smooth" });
    expect(after.result?.category?.letters).toEqual(["C"]);
    const stored = await deps.db.prediction.findFirstOrThrow({ where: { caseId: view.id } });
    expect(stored.typology).toBe("epaule_a_pompe");
  });

  it("never shows a category for a low-tier result", async () => {
    const officer = await makeUser(deps.db, "officer");
    const view = await createIdentification(deps, officer, { photos: [{ bytes: await photoBytes() }], source: "web" });
    await completeWithPrediction(view.id, "epaule_a_pompe", "low");
    const result = (await getIdentification(deps, officer, view.id)).result;
    expect(result?.tier).toBe("low");
    expect(result?.typology).toBeNull();
    expect(result?.category).toBeNull();
  });

  it("lets only the owner answer", async () => {
    const owner = await makeUser(deps.db, "officer");
    const other = await makeUser(deps.db, "officer");
    const view = await createIdentification(deps, owner, { photos: [{ bytes: await photoBytes() }], source: "web" });
    await expectServiceError(saveAnswers(deps, other, view.id, { ammunition: "bbs" }), "NOT_FOUND");
  });
});

describe("retry", () => {
  it("re-enqueues a failed case once and refuses other states", async () => {
    const officer = await makeUser(deps.db, "officer");
    const view = await createIdentification(deps, officer, { photos: [{ bytes: await photoBytes() }], source: "web" });
    await expectServiceError(retryIdentification(deps, officer, view.id), "CONFLICT", "retryNotFailed");

    const oldJob = await queue.getJob(identifyJobOptions(view.id).jobId);
    await oldJob?.remove();
    await deps.db.case.update({ where: { id: view.id }, data: { status: "failed", failureReason: "boom" } });
    const retried = await retryIdentification(deps, officer, view.id);
    expect(retried.status).toBe("pending");
    expect(retried.failureReason).toBeNull();
    expect(await queue.getJob(identifyJobOptions(view.id).jobId)).toBeDefined();
  });
});
