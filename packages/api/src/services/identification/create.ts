import type { Actor } from "@basegun/auth";
import { writeAudit } from "@basegun/db";
import { UPLOAD_LIMITS } from "@basegun/storage";
import { createId } from "../../ids.ts";
import type { ServiceDeps } from "../../deps.ts";
import { ServiceError } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { acceptPhotos, photoRow, removePhotoFiles, storePhotoFiles } from "./intake.ts";
import { toIdentificationView, type IdentificationView } from "./view.ts";

export interface NewIdentification {
  photos: Array<{ bytes: Buffer; kind?: "overview" | "left" | "right" | "markings" | "magazine" }>;
  procedureNumber?: string;
  urgency?: "normal" | "urgent";
  source: "web" | "api";
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * Accepts a case: every photo checked by content and re-encoded first (nothing is stored if one is bad),
 * files written, then case + photos + audit row committed in one transaction, then the identify job
 * enqueued after the commit. If Redis is down the case stays `pending` and the worker's sweeper
 * enqueues it later: an accepted photo is never lost.
 */
export async function createIdentification(deps: ServiceDeps, actor: Actor, input: NewIdentification): Promise<IdentificationView> {
  requireScope(actor, "identification:create");
  if (input.photos.length === 0) throw new ServiceError("BAD_REQUEST", "at least one photo is required", "photoMissing");
  if (input.photos.length > UPLOAD_LIMITS.maxPhotosPerCase) {
    throw new ServiceError("BAD_REQUEST", `at most ${UPLOAD_LIMITS.maxPhotosPerCase} photos per identification`, "tooManyPhotos", {
      max: UPLOAD_LIMITS.maxPhotosPerCase,
    });
  }

  const accepted = await acceptPhotos(input.photos);

  const caseId = createId();
  const files = await storePhotoFiles(deps.store, caseId, accepted);
  const photos = files.map((file, position) => photoRow(file, position, input.photos[position]?.kind));
  let created;
  try {
    created = await deps.db.$transaction(async (tx) => {
      const row = await tx.case.create({
        data: {
          id: caseId,
          ownerId: actor.userId,
          // the actor is read from the database at each request: its unit is the owner's current one
          unit: actor.unit,
          source: input.source,
          procedureNumber: input.procedureNumber?.trim() || null,
          urgency: input.urgency ?? "normal",
          photos: { create: photos },
        },
      });
      await writeAudit(tx, {
        actorId: actor.userId,
        actorRole: actor.role,
        action: "identification.create",
        resourceType: "Case",
        resourceId: caseId,
        data: { photos: files.length, source: input.source, via: actor.via, sha256: files.map((f) => f.photo.original.sha256) },
        ip: input.ip,
        userAgent: input.userAgent,
      });
      return row;
    });
  } catch (e) {
    // nothing committed: remove the files so no orphan photo stays in storage
    await removePhotoFiles(deps.store, files);
    throw e;
  }

  // after commit: the job never references a row that does not exist yet
  await deps.producer.enqueue({ caseId }).catch(() => {
    /* the sweeper re-enqueues pending cases once Redis is back */
  });

  // a new case has no prediction and no review yet: its view needs no second read
  return toIdentificationView({ ...created, photos: photos.map((photo) => ({ ...photo, caseId, createdAt: created.createdAt })), predictions: [], reviews: [] });
}
