import { createIdentificationOnce, getServiceDeps } from "@basegun/api";
import { idempotencyKeyOf, replayHeaders } from "@/server/idempotency";
import { handleOfficerUpload } from "@/server/officer-upload";
import { photosFromForm, requestOrigin } from "@/server/upload-request";

/**
 * Officer upload (session cookie): multipart form with one or more `photos`, optional `procedureNumber`,
 * `kind` (one per photo, or one for all) and `locale` (language of error messages). An `Idempotency-Key`
 * header (one per photo batch, the phone's offline queue sends it) makes a retried send answer with the
 * case the first send created.
 * Lives under /api so that the next-intl proxy, which caps bodies at 10 MB, never sees it.
 */
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleOfficerUpload(request, { failure: "identification upload failed" }, async ({ actor, form }) => {
    const procedureNumber = form.get("procedureNumber");
    const created = await createIdentificationOnce(getServiceDeps(), actor, {
      photos: await photosFromForm(form),
      procedureNumber: typeof procedureNumber === "string" && procedureNumber.trim() ? procedureNumber.trim().slice(0, 64) : undefined,
      source: "web",
      ...requestOrigin(request),
      idempotencyKey: idempotencyKeyOf(request),
    });
    const { view } = created;
    return Response.json(view, { status: 201, headers: { "Cache-Control": "no-store", Location: `/identifications/${view.id}`, ...replayHeaders(created) } });
  });
}
