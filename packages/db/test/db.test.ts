import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, API_KEY_PREFIX } from "../src/api-keys.ts";
import { writeAudit } from "../src/audit.ts";
import { createDb } from "../src/client.ts";
import { compareModelVersions, registerShippedModels } from "../src/model-registration.ts";
import { hashPassword, verifyPassword } from "../src/passwords.ts";
import { testDatabaseUrl } from "../src/testing.ts";

const db = createDb(testDatabaseUrl());
afterAll(() => db.$disconnect());

describe("audit log", () => {
  it("is append-only: the database refuses updates and deletes", async () => {
    await writeAudit(db, { action: "test.event", resourceType: "Test", resourceId: "x1", data: { a: 1 } });
    const row = await db.auditLog.findFirstOrThrow({ where: { resourceType: "Test", resourceId: "x1" }, orderBy: { at: "desc" } });
    await expect(db.auditLog.update({ where: { id: row.id }, data: { action: "tampered" } })).rejects.toThrow(/append-only/);
    await expect(db.auditLog.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
    expect((await db.auditLog.findUniqueOrThrow({ where: { id: row.id } })).action).toBe("test.event");
  });

  it("stores every field as given: actor, role, action, resource, JSON data, ip and a capped user agent", async () => {
    const actor = await db.user.create({ data: { email: `audit-actor-${Date.now()}@test.local`, name: "Actor" } });
    const data = { nested: { list: [1, "two", null, true] }, quote: "l'arme \"MAS\"", accent: "catégorie B" };
    await writeAudit(db, { actorId: actor.id, actorRole: "expert", action: "test.fields", resourceType: "Test", resourceId: "f1", data, ip: "10.0.0.7", userAgent: "x".repeat(600) });
    await writeAudit(db, { action: "test.fields", resourceType: "Test", resourceId: "f2" });
    const [full, bare] = await Promise.all(["f1", "f2"].map((resourceId) => db.auditLog.findFirstOrThrow({ where: { action: "test.fields", resourceId } })));
    expect(full).toMatchObject({ actorId: actor.id, actorRole: "expert", resourceType: "Test", data, ip: "10.0.0.7" });
    expect(full!.userAgent).toHaveLength(512);
    expect(Date.now() - full!.at.getTime()).toBeLessThan(60_000);
    expect(bare).toMatchObject({ actorId: null, actorRole: null, data: null, ip: null, userAgent: null });
  });

  it("commits with the change it describes, or not at all", async () => {
    const email = `audit-${Date.now()}@test.local`;
    await expect(
      db.$transaction(async (tx) => {
        const user = await tx.user.create({ data: { email, name: "x" } });
        await writeAudit(tx, { action: "user.create", resourceType: "User", resourceId: user.id });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
    expect(await db.auditLog.count({ where: { action: "user.create", data: { equals: undefined }, resourceType: "User", actor: { is: { email } } } })).toBe(0);
  });
});

describe("API keys and passwords", () => {
  it("stores only a hash; the key is long, prefixed and unguessable", () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(a.key.length).toBeGreaterThan(40);
    expect(a.key).not.toBe(b.key);
    expect(a.hash).toBe(hashApiKey(a.key));
    expect(a.hash).not.toContain(a.key.slice(API_KEY_PREFIX.length));
    expect(a.key.startsWith(a.prefix)).toBe(true);
  });

  it("verifies bcrypt passwords", async () => {
    const hash = await hashPassword("correct horse");
    expect(await verifyPassword("correct horse", hash)).toBe(true);
    expect(await verifyPassword("wrong horse", hash)).toBe(false);
  });
});

describe("shipped model registration", () => {
  it.each([
    ["2026.11.25-2", "2026.11.25-10", -1],
    ["2026.11.25-10", "2026.11.25-2", 1],
    ["2026.11.25-3", "2026.12.01-1", -1],
    ["2026.11.25-1", "2026.11.25-1", 0],
  ])("orders %s vs %s", (a, b, sign) => {
    expect(Math.sign(compareModelVersions(a, b))).toBe(sign);
  });

  it("registers folders once, points production at the newest shipped version, and refuses a changed folder", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "basegun-models-"));
    const suffix = Date.now();
    const versions = [`2099.01.01-${suffix}`, `2099.01.01-${suffix + 1}`];
    for (const version of versions) {
      await mkdir(path.join(dir, version));
      await writeFile(path.join(dir, version, "manifest.json"), JSON.stringify({ version }));
      await writeFile(path.join(dir, version, "head.json"), JSON.stringify({ w: [1, 2] }));
    }
    // production may already exist in the shared test database: only check what this folder adds
    const hadProduction = await db.modelAlias.findUnique({ where: { name: "production" } });
    const first = await registerShippedModels(db, dir);
    expect(first.registered.sort()).toEqual(versions.sort());
    if (!hadProduction) expect(first.production).toBe(versions[1]);
    expect((await registerShippedModels(db, dir)).registered).toEqual([]);

    await writeFile(path.join(dir, versions[0]!, "head.json"), JSON.stringify({ w: [9, 9] }));
    await expect(registerShippedModels(db, dir)).rejects.toThrow(/immutable/);
  });
});
