import { actorFromApiKey } from "@basegun/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../src/deps.ts";
import { createCaller } from "../src/root.ts";
import { createTRPCContext } from "../src/trpc.ts";
import { closeDeps, makeDeps, makeUser } from "./fixtures.ts";

let deps: ServiceDeps;
beforeAll(async () => {
  deps = await makeDeps();
});
afterAll(async () => {
  await closeDeps(deps);
});

const callerFor = (actor: Awaited<ReturnType<typeof makeUser>>) => createCaller(createTRPCContext({ actor, headers: new Headers({ "x-forwarded-for": "192.0.2.7" }), deps }));

describe("API keys managed by their owner and by admins", () => {
  it("an officer creates, names, lists and revokes their own key; the revoked key stops working at once; all audited", async () => {
    const officer = await makeUser(deps.db, "officer");
    const me = callerFor(officer);
    const { key, apiKey } = await me.apiKeys.create({ label: "  LRPGN bridge  " });
    expect(apiKey).toMatchObject({ label: "LRPGN bridge", revokedAt: null, owner: { id: officer.userId } });
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    expect(await actorFromApiKey(deps.db, `Bearer ${key}`)).toMatchObject({ userId: officer.userId, via: "apiKey" });

    const renamed = await me.apiKeys.rename({ id: apiKey.id, label: "LRPGN" });
    expect(renamed.label).toBe("LRPGN");
    const listed = await me.apiKeys.list();
    expect(listed.map((k) => k.id)).toEqual([apiKey.id]);
    expect(JSON.stringify(listed)).not.toContain(key); // the key itself is shown once, at creation

    const revoked = await me.apiKeys.revoke({ id: apiKey.id });
    expect(revoked.revokedAt).not.toBeNull();
    expect(await actorFromApiKey(deps.db, `Bearer ${key}`)).toBeNull();
    // twice changes nothing
    expect((await me.apiKeys.revoke({ id: apiKey.id })).revokedAt).toEqual(revoked.revokedAt);

    const audit = await deps.db.auditLog.findMany({ where: { resourceId: apiKey.id }, orderBy: { id: "asc" } });
    expect(audit.map((row) => row.action)).toEqual(["apiKey.create", "apiKey.rename", "apiKey.revoke"]);
    expect(audit.every((row) => row.actorId === officer.userId && row.ip === "192.0.2.7")).toBe(true);
  });

  it("nobody but its owner and admins can see or touch a key; only admins act for others", async () => {
    const owner = await makeUser(deps.db, "officer");
    const other = await makeUser(deps.db, "expert");
    const admin = await makeUser(deps.db, "admin");
    const { key, apiKey } = await callerFor(owner).apiKeys.create({ label: "mine" });

    await expect(callerFor(other).apiKeys.revoke({ id: apiKey.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(other).apiKeys.rename({ id: apiKey.id, label: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(other).apiKeys.list({ all: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const ownerEmail = (await deps.db.user.findUniqueOrThrow({ where: { id: owner.userId } })).email;
    await expect(callerFor(other).apiKeys.create({ label: "for someone", ownerEmail })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await callerFor(other).apiKeys.list()).map((k) => k.id)).not.toContain(apiKey.id);

    // an admin sees everyone's keys, creates one for a user, and revokes the owner's
    const all = await callerFor(admin).apiKeys.list({ all: true });
    expect(all.find((k) => k.id === apiKey.id)?.owner.email).toBe(ownerEmail);
    const forOwner = await callerFor(admin).apiKeys.create({ label: "issued by admin", ownerEmail });
    expect(forOwner.apiKey.owner.id).toBe(owner.userId);
    await callerFor(admin).apiKeys.revoke({ id: apiKey.id });
    expect(await actorFromApiKey(deps.db, `Bearer ${key}`)).toBeNull();
    const revocation = await deps.db.auditLog.findFirstOrThrow({ where: { resourceId: apiKey.id, action: "apiKey.revoke" } });
    expect(revocation).toMatchObject({ actorId: admin.userId, actorRole: "admin" });
  });

  it("an API key cannot manage keys (a leaked key cannot mint others)", async () => {
    const officer = await makeUser(deps.db, "officer");
    const viaKey = createCaller(createTRPCContext({ actor: { ...officer, via: "apiKey" }, headers: new Headers(), deps }));
    await expect(viaKey.apiKeys.create({ label: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(viaKey.apiKeys.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
