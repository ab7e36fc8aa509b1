import { photoKindSchema } from "@basegun/api";
import { UPLOAD_LIMITS } from "@basegun/storage";
import type { Locale } from "@/i18n/routing";
import { clientAddress } from "./client-address";
import { errorMessage } from "./error-messages";

/** Shared by the officer's upload routes: limits, locale, origin check, form reading, error shape. */

// multipart overhead and the text fields on top of the photos themselves
export const MAX_UPLOAD_BODY_BYTES = UPLOAD_LIMITS.maxPhotosPerCase * UPLOAD_LIMITS.maxBytesPerPhoto + 1024 * 1024;

/** What every upload route enforces while the body streams in (see multipart.ts). */
export const UPLOAD_BODY_LIMITS = {
  maxBodyBytes: MAX_UPLOAD_BODY_BYTES,
  maxFileBytes: UPLOAD_LIMITS.maxBytesPerPhoto,
  maxFiles: UPLOAD_LIMITS.maxPhotosPerCase,
} as const;

export function uploadErrorResponse(status: number, code: string, messageKey: string, locale: Locale, headers: Record<string, string> = {}) {
  return Response.json({ error: { code, messageKey, message: errorMessage(messageKey, locale) } }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** `Retry-After` (seconds) for an error that says when to come back (a rate limit). */
export function retryAfterHeader(details: Record<string, unknown> | undefined): Record<string, string> {
  const seconds = details?.retryAfterSeconds;
  return typeof seconds === "number" ? { "retry-after": String(seconds) } : {};
}

export function uploadLocale(request: Request, form?: FormData): Locale {
  return form?.get("locale") === "en" || request.headers.get("x-basegun-locale") === "en" ? "en" : "fr";
}

/** The `photos` files of the form, each with its `kind` (one per photo, or one for all). */
export async function photosFromForm(form: FormData) {
  const files = form.getAll("photos").filter((entry): entry is File => typeof entry !== "string");
  const kinds = form.getAll("kind").map((value) => photoKindSchema.safeParse(value));
  const kindFor = (index: number) => {
    const parsed = kinds.length === 1 ? kinds[0] : kinds[index];
    return parsed?.success ? parsed.data : undefined;
  };
  return Promise.all(files.map(async (file, index) => ({ bytes: Buffer.from(await file.arrayBuffer()), kind: kindFor(index) })));
}

export function requestOrigin(request: Request) {
  return {
    ip: clientAddress(request.headers),
    userAgent: request.headers.get("user-agent"),
  };
}
