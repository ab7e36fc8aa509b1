import { createDb, generateApiKey, type Db } from "@basegun/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFromApiKey, actorFromUserId, API_KEY_LAST_USED_RESOLUTION_MS } from "../src/actor.ts";

let db: Db;
let userId: string;

beforeAll(async () => {
  db = createDb(process.env.DATABASE_URL);
  const user = await db.user.create({ data: { email: `svc-${Date.now()}@basegun.local`, name: "Service", role: "officer", unit: "BR Lyon" } });
  userId = user.id;
});
afterAll(async () => {
  await db.$disconnect();
});

async function newKey() {
  const { key, prefix, hash } = generateApiKey();
  const row = await db.apiKey.create({ data: { userId, label: "test", prefix, hash } });
  return { key, id: row.id };
}

describe("actorFromApiKey", () => {
  it("resolves a valid key to its owner's role and unit", async () => {
    const { key } = await newKey();
    expect(await actorFromApiKey(db, `Bearer ${key}`)).toEqual({ userId, role: "officer", unit: "BR Lyon", via: "apiKey" });
    expect(await actorFromApiKey(db, `bearer ${key}`)).not.toBeNull();
  });

  it.each([[null], [undefined], [""], ["Bearer"], ["Basic abc"], ["Bearer bgk_unknown"], ["Bearer  two words"]])("refuses %j", async (header) => {
    expect(await actorFromApiKey(db, header)).toBeNull();
  });

  it("refuses a revoked key", async () => {
    const { key, id } = await newKey();
    await db.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    expect(await actorFromApiKey(db, `Bearer ${key}`)).toBeNull();
  });

  it("refuses the key of a disabled user, and accepts it again once re-enabled", async () => {
    const { key } = await newKey();
    await db.user.update({ where: { id: userId }, data: { disabled: true } });
    expect(await actorFromApiKey(db, `Bearer ${key}`)).toBeNull();
    await db.user.update({ where: { id: userId }, data: { disabled: false } });
    expect(await actorFromApiKey(db, `Bearer ${key}`)).not.toBeNull();
  });

  it("sees a role change at the next request", async () => {
    const { key } = await newKey();
    await db.user.update({ where: { id: userId }, data: { role: "expert" } });
    expect((await actorFromApiKey(db, `Bearer ${key}`))?.role).toBe("expert");
    await db.user.update({ where: { id: userId }, data: { role: "officer" } });
    expect((await actorFromApiKey(db, `Bearer ${key}`))?.role).toBe("officer");
  });

  it("records the last use once per resolution period, not at every request", async () => {
    const { key, id } = await newKey();
    const lastUsed = async () => (await db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    await actorFromApiKey(db, `Bearer ${key}`);
    await expect.poll(lastUsed).not.toBeNull();
    const first = await lastUsed();
    await actorFromApiKey(db, `Bearer ${key}`);
    await new Promise((r) => setTimeout(r, 100));
    expect(await lastUsed()).toEqual(first);
    // a last use older than the resolution is refreshed
    const stale = new Date(Date.now() - API_KEY_LAST_USED_RESOLUTION_MS - 1000);
    await db.apiKey.update({ where: { id }, data: { lastUsedAt: stale } });
    await actorFromApiKey(db, `Bearer ${key}`);
    await expect.poll(async () => (await lastUsed())!.getTime()).toBeGreaterThan(stale.getTime());
  });
});

describe("actorFromUserId", () => {
  it("re-reads the user: unknown or disabled gives no actor", async () => {
    expect(await actorFromUserId(db, userId)).toMatchObject({ userId, role: "officer", via: "session" });
    expect(await actorFromUserId(db, "cunknown000000000000000000")).toBeNull();
    await db.user.update({ where: { id: userId }, data: { disabled: true } });
    expect(await actorFromUserId(db, userId)).toBeNull();
    await db.user.update({ where: { id: userId }, data: { disabled: false } });
  });
});
