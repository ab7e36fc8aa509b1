import { ServiceError } from "@basegun/api";
import type { Actor } from "@basegun/auth";
import { isDatabaseUnavailable } from "@basegun/db";
import type { Locale } from "@/i18n/routing";
import { getActor } from "./actor";
import { logger } from "./logger";
import { RETRY_AFTER_SECONDS, ServiceUnavailableError } from "./service-unavailable";
import { MultipartError, readMultipart } from "./multipart";
import { originAllowed } from "./public-origin";
import { retryAfterHeader, UPLOAD_BODY_LIMITS, uploadErrorResponse, uploadLocale } from "./upload-request";

export interface OfficerUpload {
  actor: Actor;
  form: FormData;
  locale: Locale;
}

/**
 * The steps every officer upload route takes, in order: same origin, signed in, the route's own check
 * (e.g. a well-formed case id), the multipart body read within its limits as it streams; then `handle`. A ServiceError becomes
 * its translated error; anything else is logged under `failure` and answered with a generic 500.
 */
/**
 * Whether a state-changing request comes from this site's own pages. The web server (server.mjs) already
 * refuses any other origin on every such request; the check is repeated where a session cookie is used
 * so that a route never depends on how the app is served.
 */
function isSameOrigin(request: Request): boolean {
  return originAllowed(request.headers);
}

export async function handleOfficerUpload(
  request: Request,
  options: { failure: string; logContext?: Record<string, unknown>; check?: (locale: Locale) => Response | null },
  handle: (upload: OfficerUpload) => Promise<Response>,
): Promise<Response> {
  let locale = uploadLocale(request);
  if (!isSameOrigin(request)) return uploadErrorResponse(403, "FORBIDDEN", "forbidden", locale);
  const unavailable = () => uploadErrorResponse(503, "SERVICE_UNAVAILABLE", "serviceUnavailable", locale, { "retry-after": String(RETRY_AFTER_SECONDS) });
  let actor: Actor | null;
  try {
    actor = await getActor();
  } catch (error) {
    if (error instanceof ServiceUnavailableError) return unavailable();
    throw error;
  }
  if (!actor) return uploadErrorResponse(401, "UNAUTHORIZED", "unauthorized", locale);
  const refused = options.check?.(locale);
  if (refused) return refused;

  let form: FormData;
  try {
    form = await readMultipart(request, UPLOAD_BODY_LIMITS);
  } catch (error) {
    const reason = error instanceof MultipartError ? error.reason : "malformed";
    // a refused body is not read further: close the connection rather than drain what is still coming
    if (reason === "bodyTooLarge") return uploadErrorResponse(413, "PAYLOAD_TOO_LARGE", "requestTooLarge", locale, { connection: "close" });
    if (reason === "fileTooLarge") return uploadErrorResponse(413, "PAYLOAD_TOO_LARGE", "photoTooLarge", locale, { connection: "close" });
    return uploadErrorResponse(400, "BAD_REQUEST", "photoMissing", locale);
  }
  locale = uploadLocale(request, form);
  try {
    return await handle({ actor, form, locale });
  } catch (error) {
    if (error instanceof ServiceError) return uploadErrorResponse(error.httpStatus, error.code, error.messageKey, locale, retryAfterHeader(error.details));
    if (isDatabaseUnavailable(error)) return unavailable();
    logger.error({ err: error, ...options.logContext }, options.failure);
    return uploadErrorResponse(500, "INTERNAL", "generic", locale);
  }
}
