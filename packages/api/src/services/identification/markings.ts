import type { Actor } from "@basegun/auth";
import { writeAudit } from "@basegun/db";
import { UPLOAD_LIMITS } from "@basegun/storage";
import { createMarkingsProducer } from "@basegun/queue";
import type { ServiceDeps } from "../../deps.ts";
import { notFound, ServiceError } from "../../errors.ts";
import { createId } from "../../ids.ts";
import { requireScope } from "../access.ts";
import { acceptPhotos, JOURNAL_DONE_SQL, photoRow, removePhotoFiles, storePhotoFiles } from "./intake.ts";
import { getIdentification } from "./read.ts";
import type { IdentificationView } from "./view.ts";

export interface MarkingsPhoto {
  photo: { bytes: Buffer };
  ip?: string | null;
  userAgent?: string | null;
}

const producers = new WeakMap<ServiceDeps, ReturnType<typeof createMarkingsProducer>>();

/** The deps' read-markings producer; one is made (once per deps object) for deps built without it. */
export function markingsProducerOf(deps: ServiceDeps) {
  if (deps.markingsProducer) return deps.markingsProducer;
  let producer = producers.get(deps);
  if (!producer) {
    producer = createMarkingsProducer(deps.redisUrl);
    producers.set(deps, producer);
  }
  return producer;
}

/**
 * "Photographier les marquages": a close-up photo of the markings added to a case of the actor's, as a
 * photo of kind `markings`, and read by the inference worker (read-markings job). It is not part of the
 * typology batch: the case is not identified again and its status does not move, whatever it is.
 * Photo, reading and audit row are committed together; the job is enqueued after the commit (the
 * worker's sweeper enqueues it later if Redis is down).
 */
export async function addMarkingsPhoto(deps: ServiceDeps, actor: Actor, caseId: string, input: MarkingsPhoto): Promise<IdentificationView> {
  requireScope(actor, "identification:create");
  const current = await deps.db.case.findFirst({ where: { id: caseId, ownerId: actor.userId }, select: { _count: { select: { photos: true } } } });
  if (!current) throw notFound("identification");
  if (current._count.photos + 1 > UPLOAD_LIMITS.maxPhotosPerCase) {
    throw new ServiceError("BAD_REQUEST", `at most ${UPLOAD_LIMITS.maxPhotosPerCase} photos per identification`, "tooManyPhotos", {
      max: UPLOAD_LIMITS.maxPhotosPerCase,
    });
  }

  await deps.uploadLimiter?.consume(actor);
  const accepted = await acceptPhotos([input.photo]);
  const stored = await storePhotoFiles(deps, caseId, actor.userId, accepted);
  const { files } = stored;
  const readingId = createId();
  try {
    await deps.db.$transaction(async (tx) => {
      // the case row locked: two uploads at once cannot take the same position
      await tx.$queryRaw`SELECT 1 FROM "Case" WHERE "id" = ${caseId} FOR UPDATE`;
      // the photo's files are committed with its row: the intake journal entry goes in the same transaction
      await tx.$executeRawUnsafe(JOURNAL_DONE_SQL, stored.journalId);
      const last = await tx.photo.findFirst({ where: { caseId }, orderBy: { position: "desc" }, select: { position: true } });
      const row = photoRow(files[0]!, (last?.position ?? -1) + 1, "markings");
      await tx.photo.create({ data: { caseId, ...row } });
      await tx.markingsReading.create({ data: { id: readingId, caseId, photoId: row.id } });
      // a changed case: open result pages re-read it (and see the reading pending)
      await tx.case.update({ where: { id: caseId }, data: { updatedAt: new Date() } });
      await writeAudit(tx, {
        actorId: actor.userId,
        actorRole: actor.role,
        action: "identification.addMarkingsPhoto",
        resourceType: "Case",
        resourceId: caseId,
        data: { photoId: row.id, readingId, sha256: files[0]!.photo.original.sha256 },
        ip: input.ip,
        userAgent: input.userAgent,
      });
    });
  } catch (e) {
    await removePhotoFiles(deps, stored);
    throw e;
  }

  await markingsProducerOf(deps)
    .enqueue({ readingId })
    .catch(() => {
      /* the worker's sweeper enqueues pending readings once Redis is back */
    });
  return getIdentification(deps, actor, caseId);
}

/**
 * Readings for markings photos that came with a new case or with added photos (kind `markings` in the
 * generic upload): one per photo, never two, enqueued at once. A crash between the photos' commit and
 * this is covered by the worker's sweeper, which creates the missing readings.
 */
export async function startMarkingsReadings(deps: ServiceDeps, caseId: string, photoIds: string[]): Promise<void> {
  if (photoIds.length === 0) return;
  const created = await deps.db.$transaction(async (tx) => {
    const ids: string[] = [];
    for (const photoId of photoIds) {
      const id = createId();
      const inserted = await tx.$executeRaw`INSERT INTO "MarkingsReading" ("id", "caseId", "photoId") VALUES (${id}, ${caseId}, ${photoId}) ON CONFLICT ("photoId") DO NOTHING`;
      if (inserted > 0) ids.push(id);
    }
    return ids;
  });
  const producer = markingsProducerOf(deps);
  for (const readingId of created) await producer.enqueue({ readingId }).catch(() => {});
}
