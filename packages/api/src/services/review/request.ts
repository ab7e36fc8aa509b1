import type { Actor } from "@basegun/auth";
import { writeAudit } from "@basegun/db";
import { reviewPriority } from "@basegun/domain";
import type { ServiceDeps } from "../../deps.ts";
import { notFound, ServiceError } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { getIdentification } from "../identification/read.ts";
import type { IdentificationView } from "../identification/view.ts";
import type { ExpertRequestInput, StoredExpertRequest } from "./expert-request.ts";
import { insertActiveReview } from "./open.ts";

/**
 * "Demander l'avis d'un expert": the owner of a case asks for a review, with context for the expert.
 * Extra photos (left, right, markings, magazine) go through addPhotos first. If a review is already
 * waiting, it is kept (and made urgent when asked) rather than duplicated: this is also how the officer
 * completes a review the platform opened by itself (low confidence…) with urgency, message, lengths and
 * a markings photo. The latest request replaces the earlier one (the form starts from it).
 */
export async function requestExpert(deps: ServiceDeps, actor: Actor, caseId: string, input: ExpertRequestInput): Promise<IdentificationView> {
  requireScope(actor, "identification:create");
  const found = await deps.db.$transaction(async (tx) => {
    const theCase = await tx.case.findFirst({ where: { id: caseId, ownerId: actor.userId } });
    if (!theCase) return false;
    if (input.markingsPhotoId) {
      const photo = await tx.photo.findFirst({ where: { id: input.markingsPhotoId, caseId, kind: "markings" }, select: { id: true } });
      if (!photo) throw new ServiceError("BAD_REQUEST", "markingsPhotoId is not a markings photo of this identification", "markingsPhotoInvalid");
    }
    const request: StoredExpertRequest = {
      message: input.message || undefined,
      markingsDescription: input.markingsDescription || undefined,
      overallLengthCm: input.overallLengthCm,
      barrelLengthCm: input.barrelLengthCm,
      markingsPhotoId: input.markingsPhotoId,
      requestedAt: new Date().toISOString(),
      requestedById: actor.userId,
    };
    const urgency = input.urgency ?? theCase.urgency;
    await tx.case.update({
      where: { id: caseId },
      data: {
        expertRequest: JSON.parse(JSON.stringify(request)) as object,
        urgency,
        ...(input.procedureNumber ? { procedureNumber: input.procedureNumber } : {}),
      },
    });
    const prediction = await tx.prediction.findFirst({ where: { caseId, shadow: false }, orderBy: { createdAt: "desc" } });
    const urgent = urgency === "urgent";
    const reviewId = await insertActiveReview(tx, {
      caseId,
      predictionId: prediction?.id ?? null,
      reason: "officer_request",
      urgent,
      unit: theCase.unit,
      tier: prediction?.tier ?? null,
      topTypology: prediction?.topTypology ?? null,
      confidence: prediction?.confidence ?? null,
      policyVersion: null,
    });
    if (!reviewId) {
      const active = await tx.review.findFirst({ where: { caseId, activeKey: { not: null } }, orderBy: { slot: "asc" } });
      if (active && urgent && !active.urgent) {
        await tx.review.updateMany({
          where: { caseId, activeKey: { not: null } },
          data: { urgent: true, priority: reviewPriority({ urgent: true, confidence: active.confidence }), version: { increment: 1 } },
        });
      }
    }
    await writeAudit(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "review.request",
      resourceType: "Case",
      resourceId: caseId,
      // which fields were given (not their text): enough to tell a completed automatic review apart
      data: {
        urgency,
        reviewId,
        joinedExisting: reviewId === null,
        fields: Object.keys(input).filter((key) => input[key as keyof ExpertRequestInput] !== undefined && input[key as keyof ExpertRequestInput] !== ""),
      },
    });
    return true;
  });
  if (!found) throw notFound("identification");
  return getIdentification(deps, actor, caseId);
}
