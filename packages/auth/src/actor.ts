import { hashApiKey, poolOf, type Db } from "@basegun/db";
import type { Actor } from "./scopes.ts";

/**
 * Re-reads the user on every request so that a role change or a disabled account takes effect at once
 * (a JWT alone would keep the old role until it expires).
 */
export async function actorFromUserId(db: Db, userId: string, via: Actor["via"] = "session"): Promise<Actor | null> {
  // every signed-in request runs this: plain SQL (see @basegun/db's sql.ts)
  const { rows } = await poolOf(db).query<{ id: string; role: Actor["role"]; unit: string | null; disabled: boolean }>(
    `SELECT "id", "role"::text AS "role", "unit", "disabled" FROM "User" WHERE "id" = $1`,
    [userId],
  );
  const user = rows[0];
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
  // Every API request (a status poll included) runs this: one indexed join in plain SQL instead of the
  // ORM's two queries (see @basegun/db's sql.ts), and no write unless the recorded last use is stale.
  const pool = poolOf(db);
  const { rows } = await pool.query<ApiKeyOwnerRow>(
    `SELECT k."id", k."revokedAt", k."lastUsedAt", u."id" AS "userId", u."role"::text AS "role", u."unit", u."disabled"
     FROM "ApiKey" k JOIN "User" u ON u."id" = k."userId"
     WHERE k."hash" = $1`,
    [hashApiKey(match[1])],
  );
  const row = rows[0];
  if (!row || row.revokedAt || row.disabled) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= API_KEY_LAST_USED_RESOLUTION_MS) {
    // the request does not wait on it
    void pool.query(`UPDATE "ApiKey" SET "lastUsedAt" = $2 WHERE "id" = $1`, [row.id, new Date(now).toISOString()]).catch(() => {});
  }
  return { userId: row.userId, role: row.role, unit: row.unit, via: "apiKey" };
}

export async function verifyCredentials(db: Db, email: string, password: string, verify: (p: string, h: string) => Promise<boolean>) {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || user.disabled || !user.passwordHash) return null;
  if (!(await verify(password, user.passwordHash))) return null;
  return user;
}
