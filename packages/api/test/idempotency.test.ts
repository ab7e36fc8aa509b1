import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../src/deps.ts";
import { ServiceError } from "../src/errors.ts";
import { createIdentification, createIdentificationOnce } from "../src/services/identification/create.ts";
import { parseIdempotencyKey } from "../src/services/identification/idempotency.ts";
import { UploadLimiter } from "../src/services/identification/upload-limiter.ts";
import { closeDeps, flushTestRedis, makeDeps, makeUser, photoBytes, TEST_REDIS_URL } from "./fixtures.ts";

let deps: ServiceDeps;

beforeAll(async () => {
  deps = await makeDeps();
});
beforeEach(flushTestRedis);
afterAll(async () => {
  await closeDeps(deps);
});

const casesWithKey = (ownerId: string, key: string) => deps.db.case.count({ where: { ownerId, idempotencyKey: key } });

describe("parseIdempotencyKey", () => {
  it.each([
    [null, null],
    [undefined, null],
    ["0b6f7a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "0b6f7a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"],
    ['"0b6f7a4e-1c2d-4e5f-8a9b"', "0b6f7a4e-1c2d-4e5f-8a9b"],
    ["  abcdefgh  ", "abcdefgh"],
  ])("%j → %j", (raw, expected) => {
    expect(parseIdempotencyKey(raw)).toBe(expected);
  });

  it.each([[""], ["short"], ["with space inside"], ["é".repeat(10)], ["x".repeat(256)]])("refuses %j with a 400", (raw) => {
    const error = (() => {
      try {
        parseIdempotencyKey(raw);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).httpStatus).toBe(400);
    expect((error as ServiceError).messageKey).toBe("idempotencyKeyInvalid");
  });
});

describe("createIdentificationOnce with an Idempotency-Key", () => {
  it("a retried send of the same batch returns the same case and stores nothing new", async () => {
    const officer = await makeUser(deps.db, "officer");
    const key = randomUUID();
    const batch = { photos: [{ bytes: await photoBytes("#112233") }], procedureNumber: "PV-1", source: "web" as const, idempotencyKey: key };

    const first = await createIdentificationOnce(deps, officer, batch);
    const second = await createIdentificationOnce(deps, officer, batch);
    expect(first.replayed).toBe(false);
    expect(second.replayed).toBe(true);
    expect(second.view.id).toBe(first.view.id);
    expect(second.view.photos).toHaveLength(1);
    expect(await casesWithKey(officer.userId, key)).toBe(1);
    expect(await deps.db.photo.count({ where: { caseId: first.view.id } })).toBe(1);
    expect(await deps.db.auditLog.count({ where: { resourceId: first.view.id, action: "identification.create" } })).toBe(1);
  });

  it("two concurrent sends with one key create exactly one case, and both get it", async () => {
    const officer = await makeUser(deps.db, "officer");
    const key = randomUUID();
    const batch = { photos: [{ bytes: await photoBytes("#334455") }, { bytes: await photoBytes("#445566") }], source: "api" as const, idempotencyKey: key };

    const results = await Promise.all([createIdentificationOnce(deps, officer, batch), createIdentificationOnce(deps, officer, batch), createIdentificationOnce(deps, officer, batch)]);
    expect(new Set(results.map((r) => r.view.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed).length).toBe(1);
    expect(await casesWithKey(officer.userId, key)).toBe(1);
    const caseId = results[0]!.view.id;
    expect(await deps.db.photo.count({ where: { caseId } })).toBe(2);
    // the losers' files were removed: only the winner's originals and derivatives remain
    const stored = await deps.db.photo.findMany({ where: { caseId } });
    for (const photo of stored) expect(await deps.store.get(photo.originalKey)).toBeTruthy();
  });

  it("the same key with other photos is refused with 422 and creates nothing", async () => {
    const officer = await makeUser(deps.db, "officer");
    const key = randomUUID();
    const first = await createIdentificationOnce(deps, officer, { photos: [{ bytes: await photoBytes("#556677") }], source: "web", idempotencyKey: key });
    const error = await createIdentificationOnce(deps, officer, { photos: [{ bytes: await photoBytes("#778899") }], source: "web", idempotencyKey: key }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).httpStatus).toBe(422);
    expect((error as ServiceError).messageKey).toBe("idempotencyKeyReused");
    expect((error as ServiceError).details).toEqual({ caseId: first.view.id });
    expect(await casesWithKey(officer.userId, key)).toBe(1);
  });

  it("the same key with another procedure number is another body: 422", async () => {
    const officer = await makeUser(deps.db, "officer");
    const key = randomUUID();
    const bytes = await photoBytes("#667788");
    await createIdentificationOnce(deps, officer, { photos: [{ bytes }], procedureNumber: "PV-A", source: "web", idempotencyKey: key });
    const error = await createIdentificationOnce(deps, officer, { photos: [{ bytes }], procedureNumber: "PV-B", source: "web", idempotencyKey: key }).catch((e: unknown) => e);
    expect((error as ServiceError).httpStatus).toBe(422);
  });

  it("keys are per owner: another officer's identical key and batch is their own case", async () => {
    const alice = await makeUser(deps.db, "officer");
    const bob = await makeUser(deps.db, "officer");
    const key = randomUUID();
    const bytes = await photoBytes("#8899aa");
    const a = await createIdentificationOnce(deps, alice, { photos: [{ bytes }], source: "web", idempotencyKey: key });
    const b = await createIdentificationOnce(deps, bob, { photos: [{ bytes }], source: "web", idempotencyKey: key });
    expect(b.replayed).toBe(false);
    expect(b.view.id).not.toBe(a.view.id);
    expect((await deps.db.case.findUniqueOrThrow({ where: { id: b.view.id } })).ownerId).toBe(bob.userId);
  });

  it("without a key every send is a new case (the previous behaviour)", async () => {
    const officer = await makeUser(deps.db, "officer");
    const bytes = await photoBytes("#99aabb");
    const a = await createIdentification(deps, officer, { photos: [{ bytes }], source: "web" });
    const b = await createIdentification(deps, officer, { photos: [{ bytes }], source: "web" });
    expect(a.id).not.toBe(b.id);
  });

  it("a replay is not counted by the upload rate limit", async () => {
    const officer = await makeUser(deps.db, "officer");
    const uploadLimiter = new UploadLimiter(TEST_REDIS_URL, { session: 1, apiKey: 1 });
    const limited = { ...deps, uploadLimiter };
    try {
      const batch = { photos: [{ bytes: await photoBytes("#aabbcc") }], source: "web" as const, idempotencyKey: randomUUID() };
      const first = await createIdentificationOnce(limited, officer, batch);
      const again = await createIdentificationOnce(limited, officer, batch);
      expect(again.view.id).toBe(first.view.id);
      // the limit itself still holds for a new batch
      const error = await createIdentificationOnce(limited, officer, { ...batch, idempotencyKey: randomUUID() }).catch((e: unknown) => e);
      expect((error as ServiceError).httpStatus).toBe(429);
    } finally {
      uploadLimiter.close();
    }
  });
});
