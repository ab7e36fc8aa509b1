import path from "node:path";
import type { Actor } from "@basegun/auth";
import { hashModelFolder, INITIAL_REGISTRATION_REASON, Prisma, writeAudit, type ModelAliasAction } from "@basegun/db";
import type { ServiceDeps } from "../../deps.ts";
import { notFound, ServiceError } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { compareModels, judgePromotion } from "./compare.ts";
import { lifecycleOf } from "./lifecycle-deps.ts";

export const ALIASES = ["production", "shadow"] as const;
export type AliasName = (typeof ALIASES)[number];

export interface AliasMove {
  alias: AliasName;
  action: ModelAliasAction;
  from: { id: string; version: string } | null;
  to: { id: string; version: string } | null;
  eventId: string;
  at: Date;
}

type Tx = Prisma.TransactionClient;

/** Locks the alias row (if any) for the rest of the transaction, so two moves cannot interleave. */
async function lockAlias(tx: Tx, alias: AliasName) {
  await tx.$queryRaw`SELECT "name" FROM "ModelAlias" WHERE "name" = ${alias} FOR UPDATE`;
  return tx.modelAlias.findUnique({ where: { name: alias }, include: { modelVersion: { select: { id: true, version: true } } } });
}

/**
 * Moves (or clears) an alias in one transaction with its history event and its audit row, after
 * checking that the alias still points where the admin saw it (expectedCurrentVersionId).
 */
async function moveAlias(
  tx: Tx,
  actor: Actor,
  move: { alias: AliasName; action: ModelAliasAction; toVersionId: string | null; expectedCurrentVersionId?: string | null; reason?: string | null },
): Promise<AliasMove> {
  const current = await lockAlias(tx, move.alias);
  const currentId = current?.modelVersionId ?? null;
  if (move.expectedCurrentVersionId !== undefined && move.expectedCurrentVersionId !== currentId) {
    throw new ServiceError("CONFLICT", `${move.alias} now points to ${current?.modelVersion.version ?? "nothing"}: reload and confirm again`, "modelAliasConflict", {
      currentVersionId: currentId,
    });
  }
  if (move.toVersionId === currentId) throw new ServiceError("CONFLICT", `${move.alias} already points there`, "modelAliasUnchanged");
  const target = move.toVersionId ? await tx.modelVersion.findUnique({ where: { id: move.toVersionId }, select: { id: true, version: true } }) : null;
  if (move.toVersionId && !target) throw notFound("model version");
  if (target) {
    await tx.modelAlias.upsert({ where: { name: move.alias }, create: { name: move.alias, modelVersionId: target.id }, update: { modelVersionId: target.id } });
  } else if (current) {
    await tx.modelAlias.delete({ where: { name: move.alias } });
  }
  const event = await tx.modelAliasEvent.create({
    data: { alias: move.alias, action: move.action, modelVersionId: target?.id ?? null, previousVersionId: currentId, actorId: actor.userId, reason: move.reason?.trim() || null },
  });
  await writeAudit(tx, {
    actorId: actor.userId,
    actorRole: actor.role,
    action: `model.alias.${move.action}`,
    resourceType: "ModelAlias",
    resourceId: move.alias,
    data: { from: current?.modelVersion.version ?? null, to: target?.version ?? null, eventId: event.id, reason: move.reason ?? null },
  });
  return { alias: move.alias, action: move.action, from: current?.modelVersion ?? null, to: target, eventId: event.id, at: event.createdAt };
}

/** A version may serve only if its files are still exactly what was registered. */
async function assertArtifactIntact(deps: ServiceDeps, version: { version: string; artifactPath: string; artifactSha256: string }) {
  const folder = path.resolve(lifecycleOf(deps).modelsDir, version.artifactPath);
  const sha = await hashModelFolder(folder).catch(() => null);
  if (sha !== version.artifactSha256) {
    throw new ServiceError("CONFLICT", `the files of model ${version.version} are missing or changed since registration (${folder})`, "modelArtifactChanged");
  }
}

const runInTransaction = async <T>(deps: ServiceDeps, fn: (tx: Tx) => Promise<T>): Promise<T> => {
  try {
    return await deps.db.$transaction(fn);
  } catch (e) {
    // two first-time moves racing on a missing alias row: the primary key lets one through
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw new ServiceError("CONFLICT", "the alias moved meanwhile: reload", "modelAliasConflict");
    throw e;
  }
};

/** A reason shorter than this says nothing ("ok", "test"): a regression needs a sentence. */
export const MIN_REASON_LENGTH = 10;

export interface PromoteInput {
  modelVersionId: string;
  /** what the admin saw as production when confirming (null: none): a move in between is refused */
  expectedCurrentVersionId: string | null;
  /** the confirmation step: the console shows promotePreview first, then sends confirm: true */
  confirm: true;
  reason?: string;
}

/**
 * Puts a version in production. It needs a stored evaluation on a frozen dataset version and intact
 * files; the workers pick it up on their next job (they check the alias per job), jobs in flight finish
 * on the version they started with. A version in shadow leaves the shadow alias when promoted.
 */
export async function promoteModel(deps: ServiceDeps, actor: Actor, input: PromoteInput): Promise<AliasMove> {
  requireScope(actor, "model:manage");
  if (input.confirm !== true) throw new ServiceError("BAD_REQUEST", "promotion needs confirm: true", "confirmationRequired");
  const version = await deps.db.modelVersion.findUnique({ where: { id: input.modelVersionId }, include: { _count: { select: { evaluations: true } } } });
  if (!version) throw notFound("model version");
  if (version._count.evaluations === 0 && version.source !== "shipped") {
    throw new ServiceError("CONFLICT", `model ${version.version} has no evaluation on a frozen dataset version: evaluate it first`, "modelNotEvaluated");
  }
  // the same judgement as the confirmation step, on the server: a lost "pas une arme" is refused, a
  // candidate worse on any headline figure needs a reason (stored with the move and its audit row)
  const production = await deps.db.modelAlias.findUnique({ where: { name: "production" } });
  if (production && production.modelVersionId !== version.id) {
    const comparison = await compareModels(deps, actor, { candidateId: version.id }).catch((e: unknown) => {
      if (e instanceof ServiceError) return null;
      throw e;
    });
    const judged = judgePromotion(comparison);
    if (judged.blockers.length > 0) throw new ServiceError("CONFLICT", judged.blockers.join(" "), "modelLosesCapability");
    if (judged.regressions.length > 0 && (input.reason?.trim().length ?? 0) < MIN_REASON_LENGTH) {
      throw new ServiceError("BAD_REQUEST", `Le candidat est moins bon que la production : ${judged.regressions.join(" ; ")}. Indiquez pourquoi le promouvoir quand même.`, "promotionReasonRequired", {
        regressions: judged.regressions,
      });
    }
  }
  await assertArtifactIntact(deps, version);
  return runInTransaction(deps, async (tx) => {
    const move = await moveAlias(tx, actor, {
      alias: "production",
      action: "promote",
      toVersionId: version.id,
      expectedCurrentVersionId: input.expectedCurrentVersionId,
      reason: input.reason ?? null,
    });
    await tx.modelVersion.update({ where: { id: version.id }, data: { status: "registered" } });
    const shadow = await tx.modelAlias.findUnique({ where: { name: "shadow" } });
    if (shadow?.modelVersionId === version.id) await moveAlias(tx, actor, { alias: "shadow", action: "clear", toVersionId: null, reason: `promoted ${version.version} to production` });
    return move;
  });
}

/** The version production had before the current one took over (what a rollback returns to). */
export async function rollbackTarget(db: Pick<ServiceDeps["db"], "modelAlias" | "modelAliasEvent">) {
  const current = await db.modelAlias.findUnique({ where: { name: "production" } });
  if (!current) return null;
  const tenure = await db.modelAliasEvent.findFirst({ where: { alias: "production", modelVersionId: current.modelVersionId }, orderBy: { createdAt: "desc" } });
  return tenure?.previousVersionId ? { currentVersionId: current.modelVersionId, targetVersionId: tenure.previousVersionId } : null;
}

/** What a rollback would do, for its confirmation: the version it leaves and the one it returns to. */
export async function rollbackPreview(deps: ServiceDeps, actor: Actor): Promise<{ leaving: { id: string; version: string }; returningTo: { id: string; version: string } } | null> {
  requireScope(actor, "model:manage");
  const target = await rollbackTarget(deps.db);
  if (!target) return null;
  const versions = await deps.db.modelVersion.findMany({ where: { id: { in: [target.currentVersionId, target.targetVersionId] } }, select: { id: true, version: true } });
  const leaving = versions.find((v) => v.id === target.currentVersionId);
  const returningTo = versions.find((v) => v.id === target.targetVersionId);
  return leaving && returningTo ? { leaving, returningTo } : null;
}

/** One action back to the previous production version (audited like any move). */
export async function rollbackProduction(deps: ServiceDeps, actor: Actor, input: { expectedCurrentVersionId: string; confirm: true; reason?: string }): Promise<AliasMove> {
  requireScope(actor, "model:manage");
  if (input.confirm !== true) throw new ServiceError("BAD_REQUEST", "rollback needs confirm: true", "confirmationRequired");
  const target = await rollbackTarget(deps.db);
  if (!target) throw new ServiceError("CONFLICT", "no previous production version to roll back to", "nothingToRollBack");
  const version = await deps.db.modelVersion.findUniqueOrThrow({ where: { id: target.targetVersionId } });
  await assertArtifactIntact(deps, version);
  return runInTransaction(deps, (tx) =>
    moveAlias(tx, actor, { alias: "production", action: "rollback", toVersionId: version.id, expectedCurrentVersionId: input.expectedCurrentVersionId, reason: input.reason ?? null }),
  );
}

/** Runs a candidate beside production on live traffic: its predictions are stored, never shown. */
export async function setShadow(deps: ServiceDeps, actor: Actor, input: { modelVersionId: string; reason?: string }): Promise<AliasMove> {
  requireScope(actor, "model:manage");
  const version = await deps.db.modelVersion.findUnique({ where: { id: input.modelVersionId } });
  if (!version) throw notFound("model version");
  const production = await deps.db.modelAlias.findUnique({ where: { name: "production" } });
  if (production?.modelVersionId === version.id) throw new ServiceError("CONFLICT", "this version is production already", "shadowIsProduction");
  await assertArtifactIntact(deps, version);
  return runInTransaction(deps, (tx) => moveAlias(tx, actor, { alias: "shadow", action: "set", toVersionId: version.id, reason: input.reason ?? null }));
}

export async function clearShadow(deps: ServiceDeps, actor: Actor, input: { reason?: string } = {}): Promise<AliasMove> {
  requireScope(actor, "model:manage");
  return runInTransaction(deps, (tx) => moveAlias(tx, actor, { alias: "shadow", action: "clear", toVersionId: null, reason: input.reason ?? null }));
}

export interface AliasEventView {
  id: string;
  alias: string;
  action: ModelAliasAction;
  version: { id: string; version: string } | null;
  previousVersion: { id: string; version: string } | null;
  actor: { id: string; name: string } | null;
  reason: string | null;
  /** a move the platform made itself, shown in the reader's language instead of the stored reason */
  systemReason: "initialRegistration" | null;
  at: Date;
}

/** The alias history, newest first: who moved what, when, from which version. */
export async function aliasHistory(deps: ServiceDeps, actor: Actor, options: { alias?: AliasName; limit?: number } = {}): Promise<AliasEventView[]> {
  requireScope(actor, "model:manage");
  const events = await deps.db.modelAliasEvent.findMany({
    where: options.alias ? { alias: options.alias } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(options.limit ?? 100, 1), 500),
    include: { modelVersion: { select: { id: true, version: true } } },
  });
  const ids = [...new Set(events.flatMap((event) => [event.previousVersionId, event.actorId]).filter((id): id is string => id !== null))];
  const [versions, users] = await Promise.all([
    deps.db.modelVersion.findMany({ where: { id: { in: ids } }, select: { id: true, version: true } }),
    deps.db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
  ]);
  const versionById = new Map(versions.map((v) => [v.id, v]));
  const userById = new Map(users.map((u) => [u.id, u]));
  return events.map((event) => ({
    id: event.id,
    alias: event.alias,
    action: event.action,
    version: event.modelVersion,
    previousVersion: event.previousVersionId ? (versionById.get(event.previousVersionId) ?? null) : null,
    actor: event.actorId ? (userById.get(event.actorId) ?? null) : null,
    reason: event.reason,
    systemReason: event.actorId === null && event.reason === INITIAL_REGISTRATION_REASON ? "initialRegistration" : null,
    at: event.createdAt,
  }));
}

/** Which version an alias pointed to at a moment: the latest move at or before it (null: none yet, or cleared). */
export async function aliasAt(deps: ServiceDeps, actor: Actor, input: { at: Date; alias?: AliasName }) {
  requireScope(actor, "model:manage");
  const event = await deps.db.modelAliasEvent.findFirst({
    where: { alias: input.alias ?? "production", createdAt: { lte: input.at } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { modelVersion: { select: { id: true, version: true, datasetVersionId: true } } },
  });
  return { alias: input.alias ?? "production", at: input.at, version: event?.modelVersion ?? null, since: event?.createdAt ?? null, eventId: event?.id ?? null };
}
