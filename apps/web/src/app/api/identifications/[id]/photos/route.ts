import { addPhotos, caseIdSchema, getServiceDeps } from "@basegun/api";
import { handleOfficerUpload } from "@/server/officer-upload";
import { photosFromForm, requestOrigin, uploadErrorResponse } from "@/server/upload-request";

/**
 * More photos for one of the officer's identifications (another angle, the markings, the photo an expert
 * asked for): multipart `photos` (+ optional `kind`, `locale`); the case is identified again.
 */
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const parsed = caseIdSchema.safeParse((await params).id);
  const caseId = parsed.success ? parsed.data : null;
  return handleOfficerUpload(
    request,
    {
      failure: "adding photos failed",
      logContext: { caseId },
      // after the origin and sign-in checks, like every refusal of this route
      check: (locale) => (caseId ? null : uploadErrorResponse(404, "NOT_FOUND", "notFound", locale)),
    },
    async ({ actor, form }) => {
      // check() has refused a malformed id before this runs
      const view = await addPhotos(getServiceDeps(), actor, caseId as string, { photos: await photosFromForm(form), ...requestOrigin(request) });
      return Response.json(view, { status: 200, headers: { "Cache-Control": "no-store" } });
    },
  );
}
