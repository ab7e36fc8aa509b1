import { ServiceError } from "@basegun/api";
import { isDatabaseUnavailable } from "@basegun/db";
import { logger } from "@/server/logger";
import { RETRY_AFTER_SECONDS } from "@/server/service-unavailable";
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
  if (isDatabaseUnavailable(error)) return serviceUnavailable();
  logger.error({ err: error }, "public API: unexpected error");
  return problem(500, "Internal Server Error", "an unexpected error occurred; it has been logged");
}

/** 503 with a stable code and Retry-After; says nothing of the database's address or the error's text. */
export const serviceUnavailable = () =>
  problem(503, "Service Unavailable", "the service is temporarily unavailable; try again shortly", { code: "serviceUnavailable" }, { "retry-after": String(RETRY_AFTER_SECONDS) });

/**
 * Every public API handler goes through this: whatever escapes it (the API-key check included) is
 * answered as problem details, never Next's empty 500.
 */
export function withProblems<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      return problemFromError(error);
    }
  };
}

export const unauthorized = () =>
  problem(401, "Unauthorized", "send a valid API key: Authorization: Bearer <key>", { code: "apiKeyInvalid" });
