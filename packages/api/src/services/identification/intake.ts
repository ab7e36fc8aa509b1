import { randomUUID } from "node:crypto";
import { poolOf, type Db, type PhotoKind } from "@basegun/db";
import { acceptPhoto, photoKeys, PhotoIntakeError, type AcceptedPhoto, type PhotoStore } from "@basegun/storage";
import { ServiceError } from "../../errors.ts";
import { createId } from "../../ids.ts";

const INTAKE_ERRORS: Record<PhotoIntakeError["code"], { code: ServiceError["code"]; key: string }> = {
  empty: { code: "BAD_REQUEST", key: "photoEmpty" },
  too_large: { code: "PAYLOAD_TOO_LARGE", key: "photoTooLarge" },
  unsupported_type: { code: "UNSUPPORTED_MEDIA_TYPE", key: "photoUnsupportedType" },
  corrupt: { code: "BAD_REQUEST", key: "photoCorrupt" },
  too_many_pixels: { code: "PAYLOAD_TOO_LARGE", key: "photoTooManyPixels" },
  too_small: { code: "BAD_REQUEST", key: "photoTooSmall" },
};

/** Checks every photo by content and re-encodes it; the first bad one stops everything (nothing stored). */
export async function acceptPhotos(photos: ReadonlyArray<{ bytes: Buffer }>): Promise<AcceptedPhoto[]> {
  const accepted: AcceptedPhoto[] = [];
  for (const [index, photo] of photos.entries()) {
    try {
      accepted.push(await acceptPhoto(photo.bytes));
    } catch (e) {
      if (!(e instanceof PhotoIntakeError)) throw e;
      const mapped = INTAKE_ERRORS[e.code];
      throw new ServiceError(mapped.code, `photo ${index + 1}: ${e.message}`, mapped.key, { photo: index + 1, reason: e.code });
    }
  }
  return accepted;
}

export interface StoredPhotoFile {
  photo: AcceptedPhoto;
  keys: { originalKey: string; derivativeKey: string };
}

export interface StoredPhotos {
  files: StoredPhotoFile[];
  /** the intake journal entry listing these files: deleted by whatever commits their rows */
  journalId: string;
}

/**
 * Writes the original (restricted) and the derivative of each accepted photo under server-made keys.
 * The files are listed in the intake journal first: if the process dies before the rows commit, the
 * storage reconciliation finds them there and removes them (written files are never left without a
 * trace). The commit deletes the journal entry (JOURNAL_DONE_SQL) in the same statement or transaction.
 */
export async function storePhotoFiles(deps: { store: PhotoStore; db: Db }, caseId: string, ownerId: string, accepted: AcceptedPhoto[]): Promise<StoredPhotos> {
  const files = accepted.map((photo) => ({ photo, keys: photoKeys(caseId, randomUUID(), photo.original.ext) }));
  const journalId = createId();
  const listed = files.map(({ photo, keys }) => ({ ...keys, sha256: photo.original.sha256 }));
  await poolOf(deps.db).query(`INSERT INTO "IntakeJournal" ("id", "caseId", "ownerId", "files", "startedAt") VALUES ($1, $2, $3, $4::jsonb, now())`, [
    journalId,
    caseId,
    ownerId,
    JSON.stringify(listed),
  ]);
  try {
    for (const { photo, keys } of files) {
      await deps.store.put(keys.originalKey, photo.original.bytes);
      await deps.store.put(keys.derivativeKey, photo.derivative.bytes);
    }
  } catch (e) {
    await removePhotoFiles(deps, { files, journalId });
    throw e;
  }
  return { files, journalId };
}

/** Deletes a journal entry; run by the statement or transaction that commits the photos' rows. */
export const JOURNAL_DONE_SQL = `DELETE FROM "IntakeJournal" WHERE "id" = $1`;

/** Removes files whose database rows were not committed, and their journal entry: no orphan photo stays. */
export async function removePhotoFiles(deps: { store: PhotoStore; db: Db }, stored: StoredPhotos): Promise<void> {
  const removed = await Promise.allSettled(stored.files.flatMap(({ keys }) => [deps.store.delete(keys.originalKey), deps.store.delete(keys.derivativeKey)]));
  // the entry stays when a file could not be removed: the reconciliation tries again later
  if (removed.every((result) => result.status === "fulfilled")) await poolOf(deps.db).query(JOURNAL_DONE_SQL, [stored.journalId]).catch(() => {});
}

/** The Photo row of a stored file; its id is made here so the caller needs no read-back. */
export function photoRow(file: StoredPhotoFile, position: number, kind: PhotoKind = "overview") {
  const { photo, keys } = file;
  return {
    id: createId(),
    position,
    kind,
    originalKey: keys.originalKey,
    originalSha256: photo.original.sha256,
    originalBytes: photo.original.bytes.length,
    originalMime: photo.original.mime,
    derivativeKey: keys.derivativeKey,
    derivativeSha256: photo.derivative.sha256,
    width: photo.derivative.width,
    height: photo.derivative.height,
  };
}
