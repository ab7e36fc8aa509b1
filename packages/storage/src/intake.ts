import { createHash } from "node:crypto";
import sharp, { type Metadata, type OutputInfo } from "sharp";

/** Limits on what an officer or a service may upload; documented in the README and the OpenAPI. */
export const UPLOAD_LIMITS = {
  maxPhotosPerCase: 8,
  maxBytesPerPhoto: 15 * 1024 * 1024,
  // a small PNG can decode to gigabytes: refuse anything above 50 megapixels before decoding it
  maxPixels: 50_000_000,
  minSide: 64,
  // derivatives are capped: enough to zoom on markings, small enough for a phone on a bad network
  derivativeMaxSide: 2048,
} as const;

export type DetectedType = { mime: "image/jpeg"; ext: "jpg" } | { mime: "image/png"; ext: "png" } | { mime: "image/webp"; ext: "webp" };

export type IntakeErrorCode = "empty" | "too_large" | "unsupported_type" | "corrupt" | "too_many_pixels" | "too_small";

export class PhotoIntakeError extends Error {
  constructor(
    readonly code: IntakeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The type is decided by the bytes, never by the file name or the declared Content-Type. */
export function detectImageType(bytes: Buffer): DetectedType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { mime: "image/jpeg", ext: "jpg" };
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { mime: "image/png", ext: "png" };
  }
  if (bytes.length >= 12 && bytes.toString("ascii", 0, 4) === "RIFF" && bytes.toString("ascii", 8, 12) === "WEBP") {
    return { mime: "image/webp", ext: "webp" };
  }
  return null;
}

export interface AcceptedPhoto {
  original: { bytes: Buffer; sha256: string; mime: DetectedType["mime"]; ext: DetectedType["ext"] };
  derivative: { bytes: Buffer; sha256: string; width: number; height: number };
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/**
 * Validates one uploaded photo by content and produces its derivative: decoded in full (so truncated
 * files fail here, not in the worker), auto-oriented from EXIF, downscaled, re-encoded as JPEG with
 * every metadata block (EXIF, GPS, XMP, ICC) dropped.
 */
export async function acceptPhoto(bytes: Buffer): Promise<AcceptedPhoto> {
  if (bytes.length === 0) throw new PhotoIntakeError("empty", "empty file");
  if (bytes.length > UPLOAD_LIMITS.maxBytesPerPhoto) {
    throw new PhotoIntakeError("too_large", `photo larger than ${UPLOAD_LIMITS.maxBytesPerPhoto / 1024 / 1024} MiB`);
  }
  const type = detectImageType(bytes);
  if (!type) throw new PhotoIntakeError("unsupported_type", "not a JPEG, PNG or WebP image");

  const pipelineOptions = { limitInputPixels: UPLOAD_LIMITS.maxPixels, failOn: "truncated" as const, sequentialRead: true };
  let meta: Metadata;
  try {
    meta = await sharp(bytes, pipelineOptions).metadata();
  } catch (e) {
    throw toIntakeError(e);
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width * height > UPLOAD_LIMITS.maxPixels) throw new PhotoIntakeError("too_many_pixels", `image above ${UPLOAD_LIMITS.maxPixels / 1e6} megapixels`);
  if (Math.min(width, height) < UPLOAD_LIMITS.minSide) throw new PhotoIntakeError("too_small", `image smaller than ${UPLOAD_LIMITS.minSide} px on a side`);

  let derivative: { data: Buffer; info: OutputInfo };
  try {
    derivative = await sharp(bytes, pipelineOptions)
      .rotate()
      .resize({ width: UPLOAD_LIMITS.derivativeMaxSide, height: UPLOAD_LIMITS.derivativeMaxSide, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 88, mozjpeg: false })
      .toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw toIntakeError(e);
  }
  return {
    original: { bytes, sha256: sha256(bytes), mime: type.mime, ext: type.ext },
    derivative: { bytes: derivative.data, sha256: sha256(derivative.data), width: derivative.info.width, height: derivative.info.height },
  };
}

function toIntakeError(e: unknown): PhotoIntakeError {
  const message = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(message)) return new PhotoIntakeError("too_many_pixels", `image above ${UPLOAD_LIMITS.maxPixels / 1e6} megapixels`);
  return new PhotoIntakeError("corrupt", "the image is damaged or truncated and cannot be read");
}
