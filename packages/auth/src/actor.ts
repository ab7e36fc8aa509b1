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

/** Resolves `Authorization: Bearer <key>`; null for a missing, unknown or revoked key or a disabled owner. */
export async function actorFromApiKey(db: Db, authorization: string | null | undefined): Promise<Actor | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match?.[1]) return null;
  const apiKey = await db.apiKey.findUnique({ where: { hash: hashApiKey(match[1]) }, include: { user: true } });
  if (!apiKey || apiKey.revokedAt || apiKey.user.disabled) return null;
  // last use is informative only: do not make the request wait on it
  void db.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  return { userId: apiKey.user.id, role: apiKey.user.role, unit: apiKey.user.unit, via: "apiKey" };
}

export async function verifyCredentials(db: Db, email: string, password: string, verify: (p: string, h: string) => Promise<boolean>) {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || user.disabled || !user.passwordHash) return null;
  if (!(await verify(password, user.passwordHash))) return null;
  return user;
}
