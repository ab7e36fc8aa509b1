import { addPhotos, caseIdSchema, getServiceDeps, ServiceError } from "@basegun/api";
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
 * More photos for one of the officer's identifications (another angle, the markings, the photo an expert
 * asked for): multipart `photos` (+ optional `kind`, `locale`); the case is identified again.
 */
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  let locale = uploadLocale(request);
  if (!isSameOrigin(request)) return uploadErrorResponse(403, "FORBIDDEN", "forbidden", locale);
  const actor = await getActor();
  if (!actor) return uploadErrorResponse(401, "UNAUTHORIZED", "unauthorized", locale);
  const id = caseIdSchema.safeParse((await params).id);
  if (!id.success) return uploadErrorResponse(404, "NOT_FOUND", "notFound", locale);
  if (isDeclaredTooLarge(request)) return uploadErrorResponse(413, "PAYLOAD_TOO_LARGE", "requestTooLarge", locale);

  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return uploadErrorResponse(400, "BAD_REQUEST", "photoMissing", locale);
  }
  locale = uploadLocale(request, form);

  try {
    const view = await addPhotos(getServiceDeps(), actor, id.data, { photos: await photosFromForm(form), ...requestOrigin(request) });
    return Response.json(view, { status: 200, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof ServiceError) return uploadErrorResponse(error.httpStatus, error.code, error.messageKey, locale);
    logger.error({ err: error, caseId: id.data }, "adding photos failed");
    return uploadErrorResponse(500, "INTERNAL", "generic", locale);
  }
}
