import { caseContextSchema, createIdentificationOnce, getServiceDeps, isFinalStatus, waitForIdentification } from "@basegun/api";
import { UPLOAD_LIMITS } from "@basegun/storage";
import { idempotencyKeyOf, replayHeaders } from "@/server/idempotency";
import { MultipartError, readMultipart } from "@/server/multipart";
import { MAX_UPLOAD_BODY_BYTES, requestOrigin, UPLOAD_BODY_LIMITS } from "@/server/upload-request";
import { apiKeyActor } from "../_lib/auth.ts";
import { preferredWaitSeconds } from "../_lib/prefer.ts";
import { presentIdentification } from "../_lib/present.ts";
import { problem, problemFromError, unauthorized, withProblems } from "../_lib/problem.ts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * POST /api/v1/identifications: multipart, one or more files in `photos`; answers 202 with the status
 * URL. With `Prefer: wait=N` (RFC 7240) it waits up to N seconds (at most 30) for the identification:
 * 201 with the finished identification when it is done or failed by then (one request for the whole
 * exchange), 202 as without the header otherwise. With `Idempotency-Key`, a retry of the same batch
 * answers with the case the first send created (`Idempotent-Replayed: true`), never a second case.
 */
export const POST = withProblems(async function postIdentification(request: Request): Promise<Response> {
  const actor = await apiKeyActor(request);
  if (!actor) return unauthorized();

  let form: FormData;
  try {
    // limits enforced while the body streams in, whatever Content-Length says (or its absence)
    form = await readMultipart(request, UPLOAD_BODY_LIMITS);
  } catch (error) {
    const reason = error instanceof MultipartError ? error.reason : "malformed";
    const close = { connection: "close" };
    if (reason === "notMultipart") return problem(415, "Unsupported Media Type", "send multipart/form-data with the photos in the field `photos`", { code: "multipartRequired" });
    if (reason === "bodyTooLarge") return problem(413, "Payload Too Large", `request larger than ${MAX_UPLOAD_BODY_BYTES} bytes`, { code: "photoTooLarge" }, close);
    if (reason === "fileTooLarge") return problem(413, "Payload Too Large", `a photo is larger than ${UPLOAD_LIMITS.maxBytesPerPhoto} bytes`, { code: "photoTooLarge" }, close);
    return problem(400, "Bad Request", "the multipart body could not be read", { code: "multipartInvalid" });
  }
  const files = form.getAll("photos").filter((value): value is File => typeof value !== "string");
  if (files.length === 0) return problem(400, "Bad Request", "no file in the field `photos`", { code: "photoMissing" });
  if (files.length > UPLOAD_LIMITS.maxPhotosPerCase) {
    return problem(400, "Bad Request", `at most ${UPLOAD_LIMITS.maxPhotosPerCase} photos`, { code: "tooManyPhotos" });
  }
  const context = caseContextSchema.safeParse({
    procedureNumber: form.get("procedureNumber") ?? undefined,
    urgency: form.get("urgency") ?? undefined,
  });
  if (!context.success) return problem(400, "Bad Request", context.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), { code: "invalidField" });

  try {
    const photos = await Promise.all(files.map(async (file) => ({ bytes: Buffer.from(await file.arrayBuffer()) })));
    const created = await createIdentificationOnce(getServiceDeps(), actor, {
      photos,
      ...context.data,
      source: "api",
      ...requestOrigin(request),
      idempotencyKey: idempotencyKeyOf(request),
    });
    const { view } = created;
    const statusUrl = `/api/v1/identifications/${view.id}`;
    const wait = preferredWaitSeconds(request.headers.get("prefer"));
    const headers: Record<string, string> = { location: statusUrl, "cache-control": "no-store", vary: "Prefer", ...replayHeaders(created) };
    if (wait === null) return Response.json({ id: view.id, status: view.status, statusUrl }, { status: 202, headers });
    headers["preference-applied"] = `wait=${wait}`;
    const status = await waitForIdentification(getServiceDeps(), actor, view.id, { timeoutMs: wait * 1000, signal: request.signal }).catch(() => null);
    if (status && isFinalStatus(status.state.status)) return Response.json(presentIdentification(status), { status: 201, headers });
    // the case is accepted and its photos stored: a wait that could not finish (Redis unreachable, say)
    // still gives the client its status URL, never an error that would hide the new case
    return Response.json({ id: view.id, status: status?.state.status ?? view.status, statusUrl }, { status: 202, headers });
  } catch (error) {
    return problemFromError(error);
  }
});
