/**
 * Errors that services raise on purpose, with the HTTP status and the message key the UI translates.
 * Anything else that escapes a service is a bug and becomes a generic 500 without details.
 */
export type ServiceErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "UNPROCESSABLE"
  | "TOO_MANY_REQUESTS"
  | "UNAVAILABLE";

const HTTP_STATUS: Record<ServiceErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
};

export class ServiceError extends Error {
  readonly httpStatus: number;
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    /** key into the UI's messages (errors.<messageKey>) */
    readonly messageKey: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.httpStatus = HTTP_STATUS[code];
  }
}

export const notFound = (what: string) => new ServiceError("NOT_FOUND", `${what} not found`, "notFound");
