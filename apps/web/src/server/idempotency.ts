import { parseIdempotencyKey, type CreatedIdentification } from "@basegun/api";

/**
 * Shared by the upload routes: the request's Idempotency-Key (null when absent; a malformed one throws
 * the api's 400 ServiceError), and the header that tells a client its retry found the earlier case.
 */
export function idempotencyKeyOf(request: Request): string | null {
  return parseIdempotencyKey(request.headers.get("idempotency-key"));
}

export function replayHeaders(created: CreatedIdentification): Record<string, string> {
  return created.replayed ? { "idempotent-replayed": "true" } : {};
}
