import { caseIdSchema, getIdentificationStatus, getServiceDeps, waitForIdentification } from "@basegun/api";
import { apiKeyActor } from "../../_lib/auth.ts";
import { preferredWaitSeconds } from "../../_lib/prefer.ts";
import { presentIdentification } from "../../_lib/present.ts";
import { problem, problemFromError, unauthorized, withProblems } from "../../_lib/problem.ts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/v1/identifications/{id}: status and, once done, the result. With `Prefer: wait=N` the answer
 * comes when the identification is done or failed, or after N seconds (at most 30): one request instead
 * of a polling loop.
 */
export const GET = withProblems(async function getIdentification(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const actor = await apiKeyActor(request);
  if (!actor) return unauthorized();
  const id = caseIdSchema.safeParse((await params).id);
  // a malformed id is answered like an unknown one: nothing to learn from probing
  if (!id.success) return problem(404, "Not Found", "identification not found", { code: "notFound" });
  const wait = preferredWaitSeconds(request.headers.get("prefer"));
  try {
    // the state alone until the case is done: a polling client costs one small query per request
    const status =
      wait === null
        ? await getIdentificationStatus(getServiceDeps(), actor, id.data)
        : await waitForIdentification(getServiceDeps(), actor, id.data, { timeoutMs: wait * 1000, signal: request.signal });
    const headers: Record<string, string> = { "cache-control": "no-store", vary: "Prefer" };
    if (wait !== null) headers["preference-applied"] = `wait=${wait}`;
    return Response.json(presentIdentification(status), { headers });
  } catch (error) {
    return problemFromError(error);
  }
});
