import { createIdentification, getServiceDeps, ServiceError } from "@basegun/api";
import { getActor } from "@/server/actor";
import { logger } from "@/server/logger";
import {
  isDeclaredTooLarge,
  isSameOrigin,
  photosFromForm,
  requestOrigin,
  uploadErrorResponse,
  uploadLocale,
} from "@/server/upload-request";

/**
 * Officer upload (session cookie): multipart form with one or more `photos`, optional `procedureNumber`,
 * `kind` (one per photo, or one for all) and `locale` (language of error messages).
 * Lives under /api so that the next-intl proxy, which caps bodies at 10 MB, never sees it.
 */
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  let locale = uploadLocale(request);
  if (!isSameOrigin(request)) return uploadErrorResponse(403, "FORBIDDEN", "forbidden", locale);
  const actor = await getActor();
  if (!actor) return uploadErrorResponse(401, "UNAUTHORIZED", "unauthorized", locale);
  if (isDeclaredTooLarge(request)) return uploadErrorResponse(413, "PAYLOAD_TOO_LARGE", "requestTooLarge", locale);

  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return uploadErrorResponse(400, "BAD_REQUEST", "photoMissing", locale);
  }
  locale = uploadLocale(request, form);
  const procedureNumber = form.get("procedureNumber");

  try {
    const view = await createIdentification(getServiceDeps(), actor, {
      photos: await photosFromForm(form),
      procedureNumber: typeof procedureNumber === "string" && procedureNumber.trim() ? procedureNumber.trim().slice(0, 64) : undefined,
      source: "web",
      ...requestOrigin(request),
    });
    return Response.json(view, { status: 201, headers: { "Cache-Control": "no-store", Location: `/identifications/${view.id}` } });
  } catch (error) {
    if (error instanceof ServiceError) return uploadErrorResponse(error.httpStatus, error.code, error.messageKey, locale);
    logger.error({ err: error }, "identification upload failed");
    return uploadErrorResponse(500, "INTERNAL", "generic", locale);
  }
}
