import { ServiceError } from "@basegun/api";
import { retryAfterHeader } from "@/server/upload-request";

/** RFC 9457 problem details: every error of the public API has this shape. */
export function problem(status: number, title: string, detail?: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: "about:blank", title, status, ...(detail ? { detail } : {}), ...extra }), {
    status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers },
  });
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  503: "Service Unavailable",
};

/** Known service errors keep their meaning; anything else is a 500 without internals. */
export function problemFromError(error: unknown): Response {
  if (error instanceof ServiceError) {
    return problem(
      error.httpStatus,
      TITLES[error.httpStatus] ?? "Error",
      error.message,
      { code: error.messageKey, ...(error.details ? { details: error.details } : {}) },
      retryAfterHeader(error.details),
    );
  }
  console.error("public API: unexpected error", error);
  return problem(500, "Internal Server Error", "an unexpected error occurred; it has been logged");
}

export const unauthorized = () =>
  problem(401, "Unauthorized", "send a valid API key: Authorization: Bearer <key>", { code: "apiKeyInvalid" });
