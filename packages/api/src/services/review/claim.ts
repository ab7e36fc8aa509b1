import type { Actor } from "@basegun/auth";
import { Prisma, writeAudit } from "@basegun/db";
import type { ServiceDeps } from "../../deps.ts";
import { notFound, ServiceError } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { loadActivePolicy } from "./policy.ts";
import { filtersSql, filtersWhere, waitingWhere, type QueueFilters } from "./queue-filters.ts";

export interface ClaimResult {
  reviewId: string;
  caseId: string;
  claimedUntil: Date;
  /** pass it back with the decision (optimistic concurrency) */
  version: number;
}

/** reviewPriority gives urgent cases 1000 and more: they stay first whatever else orders the queue */
const URGENT_PRIORITY = 1000;

type ClaimRow = { id: string; caseId: string; claimedUntil: Date; version: number };

export interface ClaimNextOptions extends QueueFilters {
  /** the review the expert just left: waiting cases made from the same photo files come next */
  afterReviewId?: string;
}

/**
 * Claims the most urgent waiting review for this expert, atomically: the row is picked and locked with
 * FOR UPDATE SKIP LOCKED, so two experts clicking at once get two different reviews (or one gets null
 * when nothing is left). An expired claim counts as waiting. One expert never gets both halves of a
 * blind double review. After a review (afterReviewId), a waiting case made from one of the same photo
 * files comes next, urgent cases still first, so the earlier decision applies in one key.
 */
export async function claimNextReview(deps: ServiceDeps, actor: Actor, options: ClaimNextOptions = {}): Promise<ClaimResult | null> {
  requireScope(actor, "review:claim");
  const { afterReviewId, ...filters } = options;
  const previous = afterReviewId ? await deps.db.review.findUnique({ where: { id: afterReviewId }, select: { caseId: true } }) : null;
  const samePhotosFirst = previous
    ? Prisma.sql`(r."priority" >= ${URGENT_PRIORITY}) DESC, EXISTS (
        SELECT 1 FROM "Photo" ph JOIN "Photo" prev ON prev."originalSha256" = ph."originalSha256"
        WHERE ph."caseId" = r."caseId" AND prev."caseId" = ${previous.caseId} AND r."caseId" <> ${previous.caseId}) DESC,`
    : Prisma.empty;
  // Under READ COMMITTED, a row changed by a concurrent claim between our snapshot and our lock is
  // re-checked and dropped, which can leave the subquery empty while others still wait: try again.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const claimed = await deps.db.$transaction(async (tx) => {
      const policy = await loadActivePolicy(tx);
      const now = new Date();
      const rows = await tx.$queryRaw<ClaimRow[]>`
        UPDATE "Review" SET "status" = 'claimed', "claimedById" = ${actor.userId}, "claimedAt" = now(),
          "claimedUntil" = now() + CAST(${policy.claimTtlSeconds} AS integer) * interval '1 second', "version" = "version" + 1, "updatedAt" = now()
        WHERE "id" = (
          SELECT r."id" FROM "Review" r
          WHERE (r."status" = 'open' OR (r."status" = 'claimed' AND r."claimedUntil" < now()))
            ${filtersSql(filters, now)}
            AND (r."blindGroup" IS NULL OR NOT EXISTS (
              SELECT 1 FROM "Review" o WHERE o."blindGroup" = r."blindGroup" AND o."id" <> r."id"
                AND (o."claimedById" = ${actor.userId} OR o."decidedById" = ${actor.userId})))
          ORDER BY ${samePhotosFirst} r."priority" DESC, r."createdAt" ASC, r."id" ASC
          LIMIT 1
          FOR UPDATE SKIP LOCKED)
        RETURNING "id", "caseId", "claimedUntil", "version"`;
      const row = rows[0];
      if (!row) return null;
      await auditClaim(tx, actor, row, "review.claim");
      return row;
    });
    if (claimed) return { reviewId: claimed.id, caseId: claimed.caseId, claimedUntil: claimed.claimedUntil, version: claimed.version };
    const now = new Date();
    const stillWaiting = await deps.db.review.count({ where: { AND: [filtersWhere(filters, now), waitingWhere(now)] } });
    if (stillWaiting === 0) return null;
  }
  return null;
}

/**
 * Claims one given review (compare-and-set): succeeds when it is waiting, or already the actor's
 * (which renews the lock). Someone else's live claim answers CONFLICT.
 */
export async function claimReview(deps: ServiceDeps, actor: Actor, reviewId: string): Promise<ClaimResult> {
  requireScope(actor, "review:claim");
  return deps.db.$transaction(async (tx) => {
    const review = await tx.review.findUnique({ where: { id: reviewId } });
    if (!review) throw notFound("review");
    if (review.status === "decided") throw new ServiceError("CONFLICT", "this review is already decided", "reviewAlreadyDecided");
    if (review.blindGroup) {
      const otherHalf = await tx.review.findFirst({
        where: { blindGroup: review.blindGroup, id: { not: review.id }, OR: [{ claimedById: actor.userId }, { decidedById: actor.userId }] },
      });
      if (otherHalf) throw new ServiceError("CONFLICT", "you already review the other half of this blind double review", "reviewBlindPair");
    }
    const policy = await loadActivePolicy(tx);
    const now = new Date();
    const claimedUntil = new Date(now.getTime() + policy.claimTtlSeconds * 1000);
    const { count } = await tx.review.updateMany({
      where: {
        id: reviewId,
        OR: [{ status: "open" }, { status: "claimed", claimedUntil: { lt: now } }, { status: "claimed", claimedById: actor.userId }],
      },
      data: { status: "claimed", claimedById: actor.userId, claimedAt: now, claimedUntil, version: { increment: 1 } },
    });
    if (count === 0) throw new ServiceError("CONFLICT", "another expert holds this review", "reviewClaimedByOther");
    const row = await tx.review.findUniqueOrThrow({ where: { id: reviewId }, select: { id: true, caseId: true, claimedUntil: true, version: true } });
    const result = { id: row.id, caseId: row.caseId, claimedUntil: row.claimedUntil ?? claimedUntil, version: row.version };
    await auditClaim(tx, actor, result, "review.claim");
    return { reviewId: row.id, caseId: row.caseId, claimedUntil: result.claimedUntil, version: row.version };
  });
}

/** Gives a claimed review back to the queue. Only the holder may (admins too, to unstick one). */
export async function releaseReview(deps: ServiceDeps, actor: Actor, reviewId: string): Promise<{ reviewId: string; version: number }> {
  requireScope(actor, "review:claim");
  return deps.db.$transaction(async (tx) => {
    const review = await tx.review.findUnique({ where: { id: reviewId }, select: { id: true, status: true, claimedById: true } });
    if (!review) throw notFound("review");
    const holderOnly = actor.role === "admin" ? {} : { claimedById: actor.userId };
    const { count } = await tx.review.updateMany({
      where: { id: reviewId, status: "claimed", ...holderOnly },
      data: { status: "open", claimedById: null, claimedAt: null, claimedUntil: null, version: { increment: 1 } },
    });
    if (count === 0) throw new ServiceError("CONFLICT", "you do not hold this review", "reviewNotHeld");
    await writeAudit(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "review.release",
      resourceType: "Review",
      resourceId: reviewId,
      data: { previousHolder: review.claimedById },
    });
    const { version } = await tx.review.findUniqueOrThrow({ where: { id: reviewId }, select: { version: true } });
    return { reviewId, version };
  });
}

async function auditClaim(tx: Prisma.TransactionClient, actor: Actor, row: ClaimRow, action: string) {
  await writeAudit(tx, {
    actorId: actor.userId,
    actorRole: actor.role,
    action,
    resourceType: "Review",
    resourceId: row.id,
    data: { caseId: row.caseId, claimedUntil: row.claimedUntil.toISOString(), version: row.version },
  });
}
