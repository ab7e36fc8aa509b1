import { randomUUID } from "node:crypto";
import type { Actor } from "@basegun/auth";
import { writeAudit } from "@basegun/db";
import { photoKeys, UPLOAD_LIMITS } from "@basegun/storage";
import { createId } from "../../ids.ts";
import type { ServiceDeps } from "../../deps.ts";
import { ServiceError } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { acceptPhotos } from "./intake.ts";
import { loadCaseRow, toIdentificationView, type IdentificationView } from "./view.ts";

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
  const files = accepted.map((photo) => ({ photo, keys: photoKeys(caseId, randomUUID(), photo.original.ext) }));
  try {
    for (const { photo, keys } of files) {
      await deps.store.put(keys.originalKey, photo.original.bytes);
      await deps.store.put(keys.derivativeKey, photo.derivative.bytes);
    }
    await deps.db.$transaction(async (tx) => {
      const owner = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { unit: true } });
      await tx.case.create({
        data: {
          id: caseId,
          ownerId: actor.userId,
          unit: owner.unit,
          source: input.source,
          procedureNumber: input.procedureNumber?.trim() || null,
          urgency: input.urgency ?? "normal",
          photos: {
            create: files.map(({ photo, keys }, position) => ({
              position,
              kind: input.photos[position]?.kind ?? "overview",
              originalKey: keys.originalKey,
              originalSha256: photo.original.sha256,
              originalBytes: photo.original.bytes.length,
              originalMime: photo.original.mime,
              derivativeKey: keys.derivativeKey,
              derivativeSha256: photo.derivative.sha256,
              width: photo.derivative.width,
              height: photo.derivative.height,
            })),
          },
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
    });
  } catch (e) {
    // nothing committed: remove the files so no orphan photo stays in storage
    await Promise.allSettled(files.flatMap(({ keys }) => [deps.store.delete(keys.originalKey), deps.store.delete(keys.derivativeKey)]));
    throw e;
  }

  // after commit: the job never references a row that does not exist yet
  await deps.producer.enqueue({ caseId }).catch(() => {
    /* the sweeper re-enqueues pending cases once Redis is back */
  });

  const row = await loadCaseRow(deps.db, caseId);
  return toIdentificationView(row!);
}
