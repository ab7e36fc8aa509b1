import { acceptPhoto, PhotoIntakeError, type AcceptedPhoto } from "@basegun/storage";
import { ServiceError } from "../../errors.ts";

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
