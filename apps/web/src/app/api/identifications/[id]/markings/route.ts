import { addMarkingsPhoto, caseIdSchema, getServiceDeps } from "@basegun/api";
import { handleOfficerUpload } from "@/server/officer-upload";
import { photosFromForm, requestOrigin, uploadErrorResponse } from "@/server/upload-request";

/**
 * "Photographier les marquages": one close-up photo (multipart `photos`, + optional `locale`) added to one
 * of the officer's identifications as a markings photo and read by OCR; the case is not identified again.
 */
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const parsed = caseIdSchema.safeParse((await params).id);
  const caseId = parsed.success ? parsed.data : null;
  return handleOfficerUpload(
    request,
    {
      failure: "adding a markings photo failed",
      logContext: { caseId },
      check: (locale) => (caseId ? null : uploadErrorResponse(404, "NOT_FOUND", "notFound", locale)),
    },
    async ({ actor, form, locale }) => {
      const photos = await photosFromForm(form);
      if (photos.length !== 1) return uploadErrorResponse(400, "BAD_REQUEST", "photoMissing", locale);
      // check() has refused a malformed id before this runs
      const view = await addMarkingsPhoto(getServiceDeps(), actor, caseId as string, { photo: photos[0]!, ...requestOrigin(request) });
      return Response.json(view, { status: 200, headers: { "Cache-Control": "no-store" } });
    },
  );
}
