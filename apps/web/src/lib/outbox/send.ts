import type { OutboxBatch } from "./store";

/** What one send of a batch came to. */
export type SendResult =
  | { kind: "sent"; caseId: string }
  | { kind: "offline" }
  | { kind: "refused"; status: number; message: string | null; retriable: boolean };

export const UPLOAD_URL = "/api/identifications";
export const IDEMPOTENCY_HEADER = "Idempotency-Key";

/** The multipart body of a batch, as the upload route reads it. */
export function batchForm(batch: Pick<OutboxBatch, "photos" | "procedureNumber" | "locale">): FormData {
  const form = new FormData();
  batch.photos.forEach((photo, index) => form.append("photos", photo, `photo-${index + 1}.jpg`));
  form.append("locale", batch.locale);
  if (batch.procedureNumber.trim()) form.append("procedureNumber", batch.procedureNumber.trim());
  return form;
}

/**
 * Whether sending the same batch again can succeed: a refused photo (not an image, too large) or a
 * reused key will be refused again; a server error, a rate limit or an expired session (the officer
 * signs in again) will not.
 */
export function isRetriable(status: number): boolean {
  return status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;
}

/** One send with fetch (usable in the service worker, where XMLHttpRequest does not exist). */
export async function sendBatch(batch: OutboxBatch, signal?: AbortSignal): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(UPLOAD_URL, {
      method: "POST",
      body: batchForm(batch),
      headers: { [IDEMPOTENCY_HEADER]: batch.id },
      credentials: "same-origin",
      signal,
    });
  } catch {
    return { kind: "offline" };
  }
  const body = (await response.json().catch(() => null)) as { id?: string; error?: { message?: string } } | null;
  if (response.status === 201 && body?.id) return { kind: "sent", caseId: body.id };
  return { kind: "refused", status: response.status, message: body?.error?.message ?? null, retriable: isRetriable(response.status) };
}
