import { mkdtemp, readdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { LocalPhotoStore } from "@basegun/storage";
import type { Actor } from "@basegun/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../src/deps.ts";
import { ServiceError } from "../src/errors.ts";
import { addPhotos } from "../src/services/identification/add-photos.ts";
import { createIdentification } from "../src/services/identification/create.ts";
import { UploadLimiter } from "../src/services/identification/upload-limiter.ts";
import { closeDeps, makeDeps, makeUser, photoBytes, TEST_REDIS_URL } from "./fixtures.ts";

let deps: ServiceDeps;
const limiters: UploadLimiter[] = [];
const limiter = (limits: { session: number; apiKey: number }, redisUrl = TEST_REDIS_URL) => {
  const made = new UploadLimiter(redisUrl, limits);
  limiters.push(made);
  return made;
};

beforeAll(async () => {
  deps = await makeDeps();
});
afterAll(async () => {
  for (const made of limiters) made.close();
  await closeDeps(deps);
});

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  const files = await Promise.all(entries.map(async (entry) => ((await stat(path.join(root, entry))).isFile() ? entry : null)));
  return files.filter((entry): entry is string => entry !== null).sort();
}

async function refusal(pending: Promise<unknown>): Promise<ServiceError> {
  const error = await pending.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe("upload limit per user and minute", () => {
  it("lets the allowed uploads through, then refuses with 429, the key and the seconds to wait", async () => {
    const limits = limiter({ session: 3, apiKey: 5 });
    const officer = await makeUser(deps.db, "officer");
    for (let i = 0; i < 3; i++) await limits.consume(officer);
    const refused = await refusal(limits.consume(officer));
    expect(refused).toMatchObject({ code: "TOO_MANY_REQUESTS", httpStatus: 429, messageKey: "rateLimited" });
    const wait = refused.details?.retryAfterSeconds as number;
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(refused.details?.limitPerMinute).toBe(3);
  });

  it("counts each user apart, and an API key's uploads under the API limit", async () => {
    const limits = limiter({ session: 1, apiKey: 2 });
    const [a, b] = [await makeUser(deps.db, "officer"), await makeUser(deps.db, "officer")];
    await limits.consume(a!);
    await limits.consume(b!);
    await refusal(limits.consume(a!));
    const viaKey: Actor = { ...a!, via: "apiKey" };
    await limits.consume(viaKey);
    await limits.consume(viaKey);
    await refusal(limits.consume(viaKey));
  });

  it("shares the count between processes through Redis", async () => {
    const officer = await makeUser(deps.db, "officer");
    const [web1, web2] = [limiter({ session: 2, apiKey: 2 }), limiter({ session: 2, apiKey: 2 })];
    await web1.consume(officer);
    await web2.consume(officer);
    await refusal(web1.consume(officer));
  });

  it("limits nothing at 0", async () => {
    const limits = limiter({ session: 0, apiKey: 0 });
    const officer = await makeUser(deps.db, "officer");
    for (let i = 0; i < 20; i++) await limits.consume(officer);
  });

  it("never refuses nor hangs because Redis is down: each process counts in memory meanwhile", async () => {
    const limits = limiter({ session: 2, apiKey: 2 }, "redis://127.0.0.1:6390"); // nothing listens there
    const officer = await makeUser(deps.db, "officer");
    const started = Date.now();
    await limits.consume(officer);
    await limits.consume(officer);
    expect(Date.now() - started).toBeLessThan(2000);
    await refusal(limits.consume(officer));
  });
});

describe("the services count uploads before reading any photo", () => {
  it("a refused new identification stores nothing: no case, no file", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "basegun-limit-test-"));
    const limited = { ...deps, store: new LocalPhotoStore(root), uploadLimiter: limiter({ session: 1, apiKey: 1 }) };
    const officer = await makeUser(deps.db, "officer");
    await createIdentification(limited, officer, { photos: [{ bytes: await photoBytes() }], source: "web" });
    const filesAfterFirst = await filesUnder(root);
    expect(filesAfterFirst.length).toBeGreaterThan(0);
    const refused = await refusal(createIdentification(limited, officer, { photos: [{ bytes: await photoBytes("#223344") }], source: "web" }));
    expect(refused.messageKey).toBe("rateLimited");
    expect(await deps.db.case.count({ where: { ownerId: officer.userId } })).toBe(1);
    expect(await filesUnder(root)).toEqual(filesAfterFirst);
  });

  it("adding photos counts too", async () => {
    const limited = { ...deps, uploadLimiter: limiter({ session: 1, apiKey: 1 }) };
    const officer = await makeUser(deps.db, "officer");
    const created = await createIdentification(limited, officer, { photos: [{ bytes: await photoBytes() }], source: "web" });
    await deps.db.case.update({ where: { id: created.id }, data: { status: "done" } });
    const refused = await refusal(addPhotos(limited, officer, created.id, { photos: [{ bytes: await photoBytes("#998877") }] }));
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
    expect(await deps.db.photo.count({ where: { caseId: created.id } })).toBe(1);
  });
});
