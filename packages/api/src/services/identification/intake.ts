import { randomUUID } from "node:crypto";
import type { PhotoKind } from "@basegun/db";
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

/** Writes the original (restricted) and the derivative of each accepted photo under server-made keys. */
export async function storePhotoFiles(store: PhotoStore, caseId: string, accepted: AcceptedPhoto[]): Promise<StoredPhotoFile[]> {
  const files = accepted.map((photo) => ({ photo, keys: photoKeys(caseId, randomUUID(), photo.original.ext) }));
  try {
    for (const { photo, keys } of files) {
      await store.put(keys.originalKey, photo.original.bytes);
      await store.put(keys.derivativeKey, photo.derivative.bytes);
    }
  } catch (e) {
    await removePhotoFiles(store, files);
    throw e;
  }
  return files;
}

/** Removes files whose database rows were not committed, so no orphan photo stays in storage. */
export async function removePhotoFiles(store: PhotoStore, files: StoredPhotoFile[]): Promise<void> {
  await Promise.allSettled(files.flatMap(({ keys }) => [store.delete(keys.originalKey), store.delete(keys.derivativeKey)]));
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
