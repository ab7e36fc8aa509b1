import { createMarkingsProducer, QUEUE_NAMES, readMarkingsJobOptions } from "@basegun/queue";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../src/deps.ts";
import { ServiceError } from "../src/errors.ts";
import { createIdentification } from "../src/services/identification/create.ts";
import { addMarkingsPhoto } from "../src/services/identification/markings.ts";
import { getIdentification } from "../src/services/identification/read.ts";
import { closeDeps, flushTestRedis, makeDeps, makeUser, photoBytes, TEST_REDIS_URL } from "./fixtures.ts";

let deps: ServiceDeps;
let queue: Queue;
let queueConnection: Redis;

beforeAll(async () => {
  deps = await makeDeps({ markingsProducer: createMarkingsProducer(TEST_REDIS_URL) });
  queueConnection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUE_NAMES.readMarkings, { connection: queueConnection });
});
beforeEach(flushTestRedis);
afterAll(async () => {
  await queue.close();
  queueConnection.disconnect();
  await deps.markingsProducer?.close();
  await closeDeps(deps);
});

async function doneCase(officer: Awaited<ReturnType<typeof makeUser>>) {
  const created = await createIdentification(deps, officer, { photos: [{ bytes: await photoBytes() }], source: "web" });
  await deps.db.case.update({ where: { id: created.id }, data: { status: "done", completedAt: new Date() } });
  return created.id;
}

describe("addMarkingsPhoto", () => {
  it("stores a markings photo and a pending reading, enqueues its read-markings job, and leaves the case as it was", async () => {
    const officer = await makeUser(deps.db, "officer");
    const caseId = await doneCase(officer);
    const before = await deps.db.case.findUniqueOrThrow({ where: { id: caseId } });

    const view = await addMarkingsPhoto(deps, officer, caseId, { photo: { bytes: await photoBytes("#777777", 900, 300) }, ip: "10.0.0.1" });
    expect(view.photos.map((photo) => photo.kind)).toEqual(["overview", "markings"]);
    expect(view.markingsReadings).toHaveLength(1);
    const reading = view.markingsReadings[0]!;
    expect(reading).toMatchObject({ status: "pending", text: null, match: null, photoId: view.photos[1]!.id });

    const after = await deps.db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(after).toMatchObject({ status: "done", photoRevision: before.photoRevision, attempts: before.attempts });
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());

    const job = await queue.getJob(readMarkingsJobOptions(reading.id).jobId);
    expect(job?.data).toEqual({ readingId: reading.id });
    const audit = await deps.db.auditLog.findFirstOrThrow({ where: { resourceId: caseId, action: "identification.addMarkingsPhoto" } });
    expect(audit.data).toMatchObject({ readingId: reading.id, photoId: reading.photoId });
    expect(audit.ip).toBe("10.0.0.1");
  });

  it("refuses a file that is not a photo with the upload's own error, storing nothing", async () => {
    const officer = await makeUser(deps.db, "officer");
    const caseId = await doneCase(officer);
    const error = await addMarkingsPhoto(deps, officer, caseId, { photo: { bytes: Buffer.from("not an image at all") } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).messageKey).toBe("photoUnsupportedType");
    expect(await deps.db.photo.count({ where: { caseId } })).toBe(1);
    expect(await deps.db.markingsReading.count({ where: { caseId } })).toBe(0);
  });

  it("keeps a case within its photo limit, and another officer's case out of reach", async () => {
    const officer = await makeUser(deps.db, "officer");
    const caseId = await doneCase(officer);
    for (let i = 0; i < 7; i++) await addMarkingsPhoto(deps, officer, caseId, { photo: { bytes: await photoBytes(`#7777${10 + i}`) } });
    const full = await addMarkingsPhoto(deps, officer, caseId, { photo: { bytes: await photoBytes() } }).catch((e: unknown) => e);
    expect((full as ServiceError).messageKey).toBe("tooManyPhotos");
    // five latest readings in the view, newest first
    const view = await getIdentification(deps, officer, caseId);
    expect(view.markingsReadings).toHaveLength(5);
    expect(view.markingsReadings[0]!.photoId).toBe(view.photos.at(-1)!.id);

    const other = await makeUser(deps.db, "officer");
    const hidden = await addMarkingsPhoto(deps, other, caseId, { photo: { bytes: await photoBytes() } }).catch((e: unknown) => e);
    expect((hidden as ServiceError).code).toBe("NOT_FOUND");
    const expert = await makeUser(deps.db, "expert");
    const forbidden = await addMarkingsPhoto(deps, expert, caseId, { photo: { bytes: await photoBytes() } }).catch((e: unknown) => e);
    expect(["FORBIDDEN", "NOT_FOUND"]).toContain((forbidden as ServiceError).code);
  });

  it("keeps the reading (pending) when Redis is down: the worker's sweeper enqueues it later", async () => {
    const officer = await makeUser(deps.db, "officer");
    const caseId = await doneCase(officer);
    const offline: ServiceDeps = { ...deps, markingsProducer: { enqueue: async () => { throw new Error("redis down"); }, close: async () => {} } };
    const view = await addMarkingsPhoto(offline, officer, caseId, { photo: { bytes: await photoBytes() } });
    expect(view.markingsReadings[0]?.status).toBe("pending");
  });
});
