import { caseIdSchema, getIdentification, getServiceDeps } from "@basegun/api";
import { apiKeyActor } from "../../_lib/auth.ts";
import { presentIdentification } from "../../_lib/present.ts";
import { problem, problemFromError, unauthorized } from "../../_lib/problem.ts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/v1/identifications/{id}: status and, once done, the result. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const actor = await apiKeyActor(request);
  if (!actor) return unauthorized();
  const id = caseIdSchema.safeParse((await params).id);
  // a malformed id is answered like an unknown one: nothing to learn from probing
  if (!id.success) return problem(404, "Not Found", "identification not found", { code: "notFound" });
  try {
    const view = await getIdentification(getServiceDeps(), actor, id.data);
    return Response.json(presentIdentification(view), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return problemFromError(error);
  }
}
