import { randomUUID } from "node:crypto";
import { createDb, hashPassword, verifyPassword, type Db } from "@basegun/db";
import { resetTestDatabase } from "@basegun/db/testing";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  authorizeWithPassword,
  createAuthConfig,
  oidcSettingsFromEnv,
  OIDC_PROVIDER_ID,
  userIdForOidcProfile,
} from "../src/next-auth.ts";

let db: Db;
let databaseUrl: string;

/** Runs the real `pnpm user:create` script (a password change) against this package's database. */
async function runCreateUser(address: string, role: string) {
  const script = fileURLToPath(new URL("../../db/scripts/create-user.ts", import.meta.url));
  await promisify(execFile)("pnpm", ["exec", "tsx", script, address, role], {
    cwd: fileURLToPath(new URL("../../db", import.meta.url)),
    env: { ...process.env, DATABASE_URL: databaseUrl, BASEGUN_PASSWORD: "right-password" },
  });
}
const run = randomUUID().slice(0, 8);
const email = (name: string) => `${name}-${run}@next-auth.test`;
const users: Record<"active" | "disabled" | "ssoOnly", string> = { active: "", disabled: "", ssoOnly: "" };

beforeAll(async () => {
  databaseUrl = await resetTestDatabase(`${process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/basegun_test"}_auth`);
  db = createDb(databaseUrl);
  const passwordHash = await hashPassword("right-password");
  users.active = (await db.user.create({ data: { email: email("active"), name: "A", passwordHash } })).id;
  users.disabled = (await db.user.create({ data: { email: email("disabled"), name: "D", passwordHash, disabled: true } })).id;
  users.ssoOnly = (await db.user.create({ data: { email: email("sso"), name: "S", role: "expert" } })).id;
}, 60_000);

afterAll(async () => {
  await db.user.deleteMany({ where: { email: { endsWith: `-${run}@next-auth.test` } } });
  await db.$disconnect();
});

describe("authorizeWithPassword", () => {
  it("returns only the user id for the right password (email case and spaces ignored)", async () => {
    expect(await authorizeWithPassword(db, verifyPassword, { email: `  ${email("active").toUpperCase()} `, password: "right-password" })).toEqual({
      id: users.active,
    });
    const user = await db.user.findUniqueOrThrow({ where: { id: users.active } });
    expect(user.lastLoginAt).not.toBeNull();
  });

  it.each([
    ["a wrong password", () => ({ email: email("active"), password: "wrong" })],
    ["an unknown email", () => ({ email: email("nobody"), password: "right-password" })],
    ["a disabled account", () => ({ email: email("disabled"), password: "right-password" })],
    ["an SSO-only account (no password)", () => ({ email: email("sso"), password: "right-password" })],
    ["a malformed email", () => ({ email: "not-an-email", password: "right-password" })],
    ["missing fields", () => ({})],
    ["no credentials at all", () => undefined],
  ])("refuses %s, no faster than the time floor", { concurrent: true }, async (_what, credentials) => {
    const started = Date.now();
    expect(await authorizeWithPassword(db, verifyPassword, credentials())).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });
});

describe("userIdForOidcProfile", () => {
  it("maps a verified SSO email to the existing user, whatever its case", async () => {
    expect(await userIdForOidcProfile(db, { email: email("sso").toUpperCase(), email_verified: true })).toBe(users.ssoOnly);
  });

  it.each([
    ["an unverified email", () => ({ email: email("sso"), email_verified: false })],
    ["a disabled user", () => ({ email: email("disabled") })],
    ["no email claim", () => ({ email_verified: true })],
    ["a non-string email", () => ({ email: 42 })],
    ["no profile", () => undefined],
  ])("refuses %s", async (_what, profile) => {
    expect(await userIdForOidcProfile(db, profile())).toBeNull();
  });

  it("never creates a user for an unknown SSO identity", async () => {
    const before = await db.user.count();
    expect(await userIdForOidcProfile(db, { email: email("stranger"), email_verified: true })).toBeNull();
    expect(await db.user.count()).toBe(before);
  });
});

describe("oidcSettingsFromEnv", () => {
  const full = { AUTH_OIDC_ISSUER: "https://sso.example/realms/x", AUTH_OIDC_ID: "basegun", AUTH_OIDC_SECRET: "s3cret" };
  it.each([
    ["nothing set", {}],
    ["no issuer", { ...full, AUTH_OIDC_ISSUER: undefined }],
    ["no client id", { ...full, AUTH_OIDC_ID: "" }],
    ["no secret", { ...full, AUTH_OIDC_SECRET: undefined }],
  ])("is off with %s", (_what, env) => {
    expect(oidcSettingsFromEnv(env)).toBeNull();
  });

  it("is on with all three, with a French default button name", () => {
    expect(oidcSettingsFromEnv(full)).toEqual({ issuer: full.AUTH_OIDC_ISSUER, clientId: "basegun", clientSecret: "s3cret", name: "Compte ministère (SSO)" });
  });
});

describe("createAuthConfig", () => {
  const oidc = { issuer: "https://sso.example", clientId: "id", clientSecret: "secret", name: "SSO" };
  const config = (withOidc: boolean) => createAuthConfig({ getDb: () => db, verifyPassword, oidc: withOidc ? oidc : null, signInPage: "/sign-in" });

  it("offers the SSO provider only when configured, and uses JWT sessions", () => {
    expect(config(false).providers.map((p) => p.id)).toEqual(["credentials"]);
    expect(config(true).providers.map((p) => p.id)).toEqual(["credentials", OIDC_PROVIDER_ID]);
    expect(config(true).session.strategy).toBe("jwt");
  });

  it("keeps nothing but the user id and a server-side session id in the token, at sign-in and afterwards", async () => {
    const { jwt } = config(false).callbacks;
    const signedIn = await jwt({ token: { name: "A", email: "a@x", picture: null }, user: { id: users.active }, account: { provider: "credentials" } });
    expect(signedIn).toEqual({ sub: users.active, sid: expect.any(String) });
    const row = await db.userSession.findUniqueOrThrow({ where: { id: signedIn!.sid! } });
    expect(row.userId).toBe(users.active);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(11.9 * 3600_000);
    expect(await jwt({ token: { ...signedIn, name: "A", role: "admin" } })).toEqual(signedIn);
    expect(await jwt({ token: {} })).toBeNull();
    // a token from before server-side sessions (no sid) is no longer a session
    expect(await jwt({ token: { sub: users.active } })).toBeNull();
  });

  it("ends the session server-side on sign-out: the same cookie gives no session afterwards", async () => {
    const { callbacks, events } = config(false);
    const token = (await callbacks.jwt({ token: {}, user: { id: users.active }, account: { provider: "credentials" } }))!;
    const before = await callbacks.jwt({ token: { ...token } });
    expect(callbacks.session({ session: { expires: "2030-01-01T00:00:00.000Z" }, token: before! })).toMatchObject({
      actor: { userId: users.active, role: "officer", via: "session" },
    });
    await events.signOut({ token });
    expect(await db.userSession.count({ where: { id: token.sid! } })).toBe(0);
    expect(await callbacks.jwt({ token: { ...token } })).toBeNull();
  });

  it("ends every session of a user whose password changes (pnpm user:create), and of a disabled user", async () => {
    const { callbacks } = config(false);
    const signIn = async () => (await callbacks.jwt({ token: {}, user: { id: users.active }, account: { provider: "credentials" } }))!;
    const [a, b] = [await signIn(), await signIn()];
    await db.user.update({ where: { id: users.active }, data: { disabled: true } });
    expect(await callbacks.jwt({ token: { ...a } })).toBeNull();
    await db.user.update({ where: { id: users.active }, data: { disabled: false } });
    expect(await callbacks.jwt({ token: { ...a } })).not.toBeNull();
    await runCreateUser(email("active"), "officer");
    expect(await callbacks.jwt({ token: { ...a } })).toBeNull();
    expect(await callbacks.jwt({ token: { ...b } })).toBeNull();
  }, 60_000);

  it("treats an expired session row as signed out", async () => {
    const { callbacks } = config(false);
    const token = (await callbacks.jwt({ token: {}, user: { id: users.active }, account: { provider: "credentials" } }))!;
    await db.userSession.update({ where: { id: token.sid! }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await callbacks.jwt({ token: { ...token } })).toBeNull();
    // and its row is deleted at the user's next sign-in
    await callbacks.jwt({ token: {}, user: { id: users.active }, account: { provider: "credentials" } });
    expect(await db.userSession.count({ where: { id: token.sid! } })).toBe(0);
  });

  it("keeps the cookie and says 'unavailable' (not 'signed out') when the database cannot be reached", async () => {
    const unreachable = createDb("postgresql://postgres@127.0.0.1:1/nowhere");
    const { callbacks } = createAuthConfig({ getDb: () => unreachable, verifyPassword, oidc: null, signInPage: "/sign-in" });
    const token = await callbacks.jwt({ token: { sub: users.active, sid: "csomesession000000000000" } });
    expect(token).toEqual({ sub: users.active, sid: "csomesession000000000000" });
    expect(callbacks.session({ session: { expires: "2030-01-01T00:00:00.000Z" }, token: token! })).toEqual({
      expires: "2030-01-01T00:00:00.000Z",
      unavailable: true,
    });
    await unreachable.$disconnect();
  });

  it("puts the database id of an SSO user in the token, and refuses an unknown one", async () => {
    const { jwt, signIn } = config(true).callbacks;
    const known = { email: email("sso"), email_verified: true };
    const stranger = { email: email("stranger"), email_verified: true };
    expect(await signIn({ account: { provider: OIDC_PROVIDER_ID }, profile: known })).toBe(true);
    expect(await signIn({ account: { provider: OIDC_PROVIDER_ID }, profile: stranger })).toBe(false);
    expect(await jwt({ token: { sub: "sso-subject" }, user: { id: "sso-subject" }, account: { provider: OIDC_PROVIDER_ID }, profile: known })).toEqual({
      sub: users.ssoOnly,
      sid: expect.any(String),
    });
    expect(await jwt({ token: {}, account: { provider: OIDC_PROVIDER_ID }, profile: stranger })).toBeNull();
  });

  it("exposes only the user id and the actor read during this call in the session, nothing without it", () => {
    const { session } = config(false).callbacks;
    expect(session({ session: { expires: "2030-01-01T00:00:00.000Z", user: { name: "A", email: "a@x" } }, token: { sub: users.active, sid: "x" } })).toEqual({
      expires: "2030-01-01T00:00:00.000Z",
    });
  });
});
