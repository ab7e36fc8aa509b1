import { hashApiKey, type Db } from "@basegun/db";
import type { Actor } from "./scopes.ts";

/**
 * Re-reads the user on every request so that a role change or a disabled account takes effect at once
 * (a JWT alone would keep the old role until it expires).
 */
export async function actorFromUserId(db: Db, userId: string, via: Actor["via"] = "session"): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, role: true, unit: true, disabled: true } });
  if (!user || user.disabled) return null;
  return { userId: user.id, role: user.role, unit: user.unit, via };
}

/** Last use is informative (which keys are still used): recorded at this resolution, not per request. */
export const API_KEY_LAST_USED_RESOLUTION_MS = 60_000;

interface ApiKeyOwnerRow {
  id: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  userId: string;
  role: Actor["role"];
  unit: string | null;
  disabled: boolean;
}

/** Resolves `Authorization: Bearer <key>`; null for a missing, unknown or revoked key or a disabled owner. */
export async function actorFromApiKey(db: Db, authorization: string | null | undefined): Promise<Actor | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match?.[1]) return null;
  // Every API request (a status poll included) runs this: one indexed join instead of the ORM's two
  // queries, and no write unless the recorded last use is stale.
  const [row] = await db.$queryRaw<ApiKeyOwnerRow[]>`
    SELECT k."id", k."revokedAt", k."lastUsedAt", u."id" AS "userId", u."role"::text AS "role", u."unit", u."disabled"
    FROM "ApiKey" k JOIN "User" u ON u."id" = k."userId"
    WHERE k."hash" = ${hashApiKey(match[1])}`;
  if (!row || row.revokedAt || row.disabled) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= API_KEY_LAST_USED_RESOLUTION_MS) {
    // the request does not wait on it
    void db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } }).catch(() => {});
  }
  return { userId: row.userId, role: row.role, unit: row.unit, via: "apiKey" };
}

export async function verifyCredentials(db: Db, email: string, password: string, verify: (p: string, h: string) => Promise<boolean>) {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || user.disabled || !user.passwordHash) return null;
  if (!(await verify(password, user.passwordHash))) return null;
  return user;
}
