import { poolOf, type Db } from "@basegun/db";
import type { Actor } from "./scopes.ts";

/**
 * Server-side browser sessions.
 *
 * Why a session row checked on every request rather than a revocation list: every signed-in request
 * already read its user from the database (role, unit and disabled flag are never trusted from the
 * cookie), so joining the session row to that same read costs nothing more than the lookup it replaces
 * (one indexed join, like the API-key path), and it also gives an absolute lifetime, "sign out
 * everywhere" on a password change, and sessions an admin can end. The API-key path does not touch it.
 */

/** A new session for this user, valid `maxAgeSeconds` from now. Returns its id (carried by the cookie). */
export async function createUserSession(db: Db, userId: string, maxAgeSeconds: number): Promise<string> {
  // the user's sessions that ended by expiry go at their next sign-in (sign-out deletes its own row)
  await db.userSession.deleteMany({ where: { userId, expiresAt: { lt: new Date() } } });
  const session = await db.userSession.create({
    data: { userId, expiresAt: new Date(Date.now() + maxAgeSeconds * 1000) },
    select: { id: true },
  });
  return session.id;
}

/** The actor of a live session: null when the session was ended, has expired, or its user is disabled. */
export async function actorFromSession(db: Db, sessionId: string): Promise<Actor | null> {
  // every signed-in request runs this: plain SQL (see @basegun/db's sql.ts)
  const { rows } = await poolOf(db).query<{ id: string; role: Actor["role"]; unit: string | null; disabled: boolean }>(
    `SELECT u."id", u."role"::text AS "role", u."unit", u."disabled"
     FROM "UserSession" s JOIN "User" u ON u."id" = s."userId"
     WHERE s."id" = $1 AND s."expiresAt" > now()`,
    [sessionId],
  );
  const user = rows[0];
  if (!user || user.disabled) return null;
  return { userId: user.id, role: user.role, unit: user.unit, via: "session" };
}

/** Ends one session (sign-out). */
export async function endUserSession(db: Db, sessionId: string): Promise<void> {
  await db.userSession.deleteMany({ where: { id: sessionId } });
}
