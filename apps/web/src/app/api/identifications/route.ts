import { createIdentification, getServiceDeps } from "@basegun/api";
import { handleOfficerUpload } from "@/server/officer-upload";
import { photosFromForm, requestOrigin } from "@/server/upload-request";

/**
 * Officer upload (session cookie): multipart form with one or more `photos`, optional `procedureNumber`,
 * `kind` (one per photo, or one for all) and `locale` (language of error messages).
 * Lives under /api so that the next-intl proxy, which caps bodies at 10 MB, never sees it.
 */
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleOfficerUpload(request, { failure: "identification upload failed" }, async ({ actor, form }) => {
    const procedureNumber = form.get("procedureNumber");
    const view = await createIdentification(getServiceDeps(), actor, {
      photos: await photosFromForm(form),
      procedureNumber: typeof procedureNumber === "string" && procedureNumber.trim() ? procedureNumber.trim().slice(0, 64) : undefined,
      source: "web",
      ...requestOrigin(request),
    });
    return Response.json(view, { status: 201, headers: { "Cache-Control": "no-store", Location: `/identifications/${view.id}` } });
  });
}
