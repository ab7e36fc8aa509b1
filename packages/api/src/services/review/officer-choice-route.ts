import { prismaRunner, writeAudit, type Prisma } from "@basegun/db";
import { insertActiveReview } from "./open.ts";

/**
 * Sends a case to the experts because the officer said which weapon it is. Inside the officer's
 * transaction, so the choice, its review and their audit rows commit together.
 * - An active review (opened for the low tier, an open question or a sample) takes the reason
 *   officer_identified and a new version, so an expert holding it reloads before deciding and sees the
 *   choice; an explicit officer request keeps its reason (it is the stronger one).
 * - Otherwise a review opens on the latest prediction (or none yet: the worker attaches it, see
 *   openReviewForPrediction), even when an expert already decided on an earlier choice.
 */
export async function routeOfficerChoice(tx: Prisma.TransactionClient, caseId: string): Promise<{ reviewId: string | null; reopened: boolean }> {
  const sql = prismaRunner(tx);
  const active = await sql.query<{ id: string; reason: string }>(
    `SELECT "id", "reason"::text AS "reason" FROM "Review" WHERE "caseId" = $1 AND "activeKey" IS NOT NULL ORDER BY "slot" FOR UPDATE`,
    [caseId],
  );
  if (active.length > 0) {
    for (const review of active) {
      if (review.reason === "officer_request" || review.reason === "officer_identified") continue;
      await sql.query(
        `UPDATE "Review" SET "reason" = 'officer_identified', "version" = "version" + 1, "updatedAt" = now() WHERE "id" = $1`,
        [review.id],
      );
      await writeAudit(sql, {
        actorRole: "system",
        action: "review.reason",
        resourceType: "Review",
        resourceId: review.id,
        data: { caseId, from: review.reason, to: "officer_identified" },
      });
    }
    return { reviewId: active[0]!.id, reopened: false };
  }

  const theCase = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { unit: true, urgency: true, predictions: { where: { shadow: false }, orderBy: { createdAt: "desc" }, take: 1 } },
  });
  const prediction = theCase.predictions[0] ?? null;
  const reviewId = await insertActiveReview(sql, {
    caseId,
    predictionId: prediction?.id ?? null,
    reason: "officer_identified",
    urgent: theCase.urgency === "urgent",
    unit: theCase.unit,
    tier: prediction?.tier ?? null,
    topTypology: prediction?.topTypology ?? null,
    confidence: prediction?.confidence ?? null,
    policyVersion: null,
  });
  return { reviewId, reopened: reviewId !== null };
}
