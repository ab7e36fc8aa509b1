import type { Actor } from "@basegun/auth";
import { writeAudit } from "@basegun/db";
import { UPLOAD_LIMITS } from "@basegun/storage";
import type { ServiceDeps } from "../../deps.ts";
import { notFound, ServiceError } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { insertActiveReview } from "../review/open.ts";
import { acceptPhotos, JOURNAL_DONE_SQL, photoRow, removePhotoFiles, storePhotoFiles } from "./intake.ts";
import { startMarkingsReadings } from "./markings.ts";
import { getIdentification } from "./read.ts";
import type { IdentificationView } from "./view.ts";

export interface AddedPhotos {
  photos: Array<{ bytes: Buffer; kind?: "overview" | "left" | "right" | "markings" | "magazine" }>;
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * More photos for a case of the actor's (left, right, markings, magazine, or the photo an expert asked
 * for), then re-identification. When they answer an expert's request for another photo, the request is
 * marked answered and the case goes back to the experts with the same reason, so the loop closes.
 */
export async function addPhotos(deps: ServiceDeps, actor: Actor, caseId: string, input: AddedPhotos): Promise<IdentificationView> {
  requireScope(actor, "identification:create");
  if (input.photos.length === 0) throw new ServiceError("BAD_REQUEST", "at least one photo is required", "photoMissing");
  const current = await deps.db.case.findFirst({
    where: { id: caseId, ownerId: actor.userId },
    select: { status: true, _count: { select: { photos: true } } },
  });
  if (!current) throw notFound("identification");
  if (current.status !== "done" && current.status !== "failed") {
    throw new ServiceError("CONFLICT", "wait for the identification to finish before adding photos", "addPhotosWhileProcessing");
  }
  if (current._count.photos + input.photos.length > UPLOAD_LIMITS.maxPhotosPerCase) {
    throw new ServiceError("BAD_REQUEST", `at most ${UPLOAD_LIMITS.maxPhotosPerCase} photos per identification`, "tooManyPhotos", {
      max: UPLOAD_LIMITS.maxPhotosPerCase,
    });
  }

  await deps.uploadLimiter?.consume(actor);
  const accepted = await acceptPhotos(input.photos);
  const stored = await storePhotoFiles(deps, caseId, actor.userId, accepted);
  const { files } = stored;
  const markingsPhotoIds: string[] = [];
  try {
    await deps.db.$transaction(async (tx) => {
      // compare-and-set on the status: a concurrent upload or retry cannot enqueue the case twice
      const { count } = await tx.case.updateMany({
        where: { id: caseId, ownerId: actor.userId, status: { in: ["done", "failed"] } },
        data: { status: "pending", failureReason: null, attempts: 0, completedAt: null, photoRevision: { increment: 1 } },
      });
      if (count === 0) throw new ServiceError("CONFLICT", "wait for the identification to finish before adding photos", "addPhotosWhileProcessing");
      const last = await tx.photo.findFirst({ where: { caseId }, orderBy: { position: "desc" }, select: { position: true } });
      const first = (last?.position ?? -1) + 1;
      await tx.$executeRawUnsafe(JOURNAL_DONE_SQL, stored.journalId);
      const rows = files.map((file, index) => ({ caseId, ...photoRow(file, first + index, input.photos[index]?.kind) }));
      await tx.photo.createMany({ data: rows });
      markingsPhotoIds.push(...rows.filter((row) => row.kind === "markings").map((row) => row.id));

      const requests = await tx.review.findMany({ where: { caseId, decision: "unusable", officerAnsweredAt: null } });
      let reopenedReviewId: string | null = null;
      if (requests.length > 0) {
        await tx.review.updateMany({ where: { id: { in: requests.map((r) => r.id) } }, data: { officerAnsweredAt: new Date() } });
        const latest = requests.sort((a, b) => (b.decidedAt?.getTime() ?? 0) - (a.decidedAt?.getTime() ?? 0))[0]!;
        const theCase = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { urgency: true, unit: true } });
        reopenedReviewId = await insertActiveReview(tx, {
          caseId,
          predictionId: latest.predictionId,
          reason: latest.reason,
          urgent: theCase.urgency === "urgent",
          unit: theCase.unit,
          tier: latest.tier,
          topTypology: latest.topTypology,
          confidence: latest.confidence,
          policyVersion: latest.policyVersion,
        });
      }
      await writeAudit(tx, {
        actorId: actor.userId,
        actorRole: actor.role,
        action: "identification.addPhotos",
        resourceType: "Case",
        resourceId: caseId,
        data: {
          photos: files.length,
          kinds: input.photos.map((p) => p.kind ?? "overview"),
          sha256: files.map((f) => f.photo.original.sha256),
          answeredRequests: requests.map((r) => r.id),
          reopenedReviewId,
        },
        ip: input.ip,
        userAgent: input.userAgent,
      });
    });
  } catch (e) {
    await removePhotoFiles(deps, stored);
    throw e;
  }

  await deps.producer.enqueue({ caseId, requestedBy: actor.userId }).catch(() => {
    /* the sweeper re-enqueues pending cases once Redis is back */
  });
  await startMarkingsReadings(deps, caseId, markingsPhotoIds).catch(() => {
    /* the worker's sweeper creates and enqueues the missing readings */
  });
  return getIdentification(deps, actor, caseId);
}
