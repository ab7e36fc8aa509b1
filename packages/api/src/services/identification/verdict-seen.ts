import type { Actor } from "@basegun/auth";
import type { ServiceDeps } from "../../deps.ts";
import { notFound } from "../../errors.ts";
import { canReadCase } from "../access.ts";

/**
 * The owner opened the case: its expert verdict is no longer new to them. Only the owner's opening counts
 * (a unit colleague reading the case must not clear the owner's badge). updatedAt is left alone: it marks
 * changes to the case itself, which live updates key on.
 */
export async function markVerdictSeen(deps: ServiceDeps, actor: Actor, caseId: string): Promise<{ seen: boolean }> {
  const owner = await deps.db.case.findUnique({ where: { id: caseId }, select: { ownerId: true, unit: true } });
  if (!owner || !canReadCase(actor, owner)) throw notFound("identification");
  if (owner.ownerId !== actor.userId) return { seen: false };
  await deps.db.$executeRaw`UPDATE "Case" SET "verdictSeenAt" = now() WHERE "id" = ${caseId} AND "ownerId" = ${actor.userId}`;
  return { seen: true };
}

/**
 * How many of the actor's cases carry an expert verdict decided since they last opened the case, with the
 * same rule as the list's "Nouveau" (view.ts isVerdictUnseen): the latest decided review, not older than
 * the officer's own identification, and the latest review being decided (no new request pending).
 */
export async function countUnseenVerdicts(deps: ServiceDeps, actor: Actor): Promise<number> {
  const [row] = await deps.db.$queryRaw<Array<{ count: bigint }>>`
    SELECT count(*) AS "count" FROM "Case" c
    CROSS JOIN LATERAL (
      SELECT r."decidedAt" FROM "Review" r
      WHERE r."caseId" = c."id" AND r."status" = 'decided' AND r."decidedAt" IS NOT NULL
      ORDER BY r."decidedAt" DESC LIMIT 1
    ) d
    WHERE c."ownerId" = ${actor.userId}
      AND c."status" IN ('done', 'failed')
      AND (SELECT r2."status" FROM "Review" r2 WHERE r2."caseId" = c."id" ORDER BY r2."createdAt" DESC LIMIT 1) = 'decided'
      AND (c."officerChoiceAt" IS NULL OR d."decidedAt" >= c."officerChoiceAt")
      AND (c."verdictSeenAt" IS NULL OR c."verdictSeenAt" < d."decidedAt")`;
  return Number(row?.count ?? 0);
}
