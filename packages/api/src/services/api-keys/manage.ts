import type { Actor } from "@basegun/auth";
import { generateApiKey, writeAudit } from "@basegun/db";
import { z } from "zod";
import type { ServiceDeps } from "../../deps.ts";
import { notFound, ServiceError } from "../../errors.ts";
import { requireScope } from "../access.ts";

/**
 * API keys, for their owner (apiKey:manage:own) and for admins (apiKey:manage:any): list, create
 * (shown once), rename, revoke. Every change is audited in the same transaction. Keys are managed from
 * a signed-in session or the command line, never with an API key (a leaked key cannot mint others).
 */
export const apiKeyLabelSchema = z.string().trim().min(1).max(80);

export interface ApiKeyView {
  id: string;
  label: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  owner: { id: string; email: string; name: string };
}

const VIEW_SELECT = {
  id: true,
  label: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  user: { select: { id: true, email: true, name: true } },
} as const;

function toView(row: { id: string; label: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null; user: ApiKeyView["owner"] }): ApiKeyView {
  const { user, ...rest } = row;
  return { ...rest, owner: user };
}

function requireSessionManager(actor: Actor): void {
  requireScope(actor, "apiKey:manage:own");
  if (actor.via !== "session") throw new ServiceError("FORBIDDEN", "API keys are managed from a signed-in session, not with an API key", "forbidden");
}

const canManageAny = (actor: Actor) => actor.role === "admin";

/** The actor's own keys; an admin's `all` lists everyone's (newest first). */
export async function listApiKeys(deps: ServiceDeps, actor: Actor, options: { all?: boolean } = {}): Promise<ApiKeyView[]> {
  requireSessionManager(actor);
  if (options.all) requireScope(actor, "apiKey:manage:any");
  const rows = await deps.db.apiKey.findMany({
    where: options.all ? {} : { userId: actor.userId },
    orderBy: { createdAt: "desc" },
    select: VIEW_SELECT,
    take: 500,
  });
  return rows.map(toView);
}

/** A new key for the actor (or, for an admin, for `ownerEmail`); the key itself is returned once. */
export async function createApiKey(
  deps: ServiceDeps,
  actor: Actor,
  input: { label: string; ownerEmail?: string; ip?: string | null; userAgent?: string | null },
): Promise<{ key: string; apiKey: ApiKeyView }> {
  requireSessionManager(actor);
  const label = apiKeyLabelSchema.parse(input.label);
  let ownerId = actor.userId;
  if (input.ownerEmail) {
    requireScope(actor, "apiKey:manage:any");
    const owner = await deps.db.user.findUnique({ where: { email: input.ownerEmail.trim().toLowerCase() }, select: { id: true, disabled: true } });
    if (!owner || owner.disabled) throw notFound("user");
    ownerId = owner.id;
  }
  const { key, prefix, hash } = generateApiKey();
  const row = await deps.db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({ data: { userId: ownerId, label, prefix, hash }, select: VIEW_SELECT });
    await writeAudit(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "apiKey.create",
      resourceType: "ApiKey",
      resourceId: created.id,
      data: { ownerId, label, prefix },
      ip: input.ip,
      userAgent: input.userAgent,
    });
    return created;
  });
  return { key, apiKey: toView(row) };
}

/** A key the actor may manage, or NOT_FOUND (someone else's key is not revealed to exist). */
async function manageableKey(deps: ServiceDeps, actor: Actor, keyId: string) {
  const row = await deps.db.apiKey.findUnique({ where: { id: keyId }, select: { id: true, userId: true, label: true, revokedAt: true } });
  if (!row || (row.userId !== actor.userId && !canManageAny(actor))) throw notFound("API key");
  return row;
}

export async function renameApiKey(deps: ServiceDeps, actor: Actor, keyId: string, rawLabel: string, meta: { ip?: string | null; userAgent?: string | null } = {}): Promise<ApiKeyView> {
  requireSessionManager(actor);
  const label = apiKeyLabelSchema.parse(rawLabel);
  const key = await manageableKey(deps, actor, keyId);
  const row = await deps.db.$transaction(async (tx) => {
    const updated = await tx.apiKey.update({ where: { id: key.id }, data: { label }, select: VIEW_SELECT });
    await writeAudit(tx, { actorId: actor.userId, actorRole: actor.role, action: "apiKey.rename", resourceType: "ApiKey", resourceId: key.id, data: { from: key.label, to: label }, ...meta });
    return updated;
  });
  return toView(row);
}

/** Revokes a key at once (the next request with it is refused); revoking twice changes nothing. */
export async function revokeApiKey(deps: ServiceDeps, actor: Actor, keyId: string, meta: { ip?: string | null; userAgent?: string | null } = {}): Promise<ApiKeyView> {
  requireSessionManager(actor);
  const key = await manageableKey(deps, actor, keyId);
  const row = await deps.db.$transaction(async (tx) => {
    if (key.revokedAt) return tx.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: VIEW_SELECT });
    const updated = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() }, select: VIEW_SELECT });
    await writeAudit(tx, { actorId: actor.userId, actorRole: actor.role, action: "apiKey.revoke", resourceType: "ApiKey", resourceId: key.id, data: { ownerId: key.userId, label: key.label }, ...meta });
    return updated;
  });
  return toView(row);
}
