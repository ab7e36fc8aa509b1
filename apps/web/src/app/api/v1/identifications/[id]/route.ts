import { caseIdSchema, getIdentificationStatus, getServiceDeps, officerChoiceInputSchema, setOfficerChoice, waitForIdentification } from "@basegun/api";
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

/**
 * PATCH /api/v1/identifications/{id}: the officer's own identification of the weapon, as the web app's
 * "Quelle arme avez-vous ?" stores it: `typology` (a key of the catalogue) and/or `keyAnswers` (the
 * visual key's answers, checked with the domain's walkKey). The case goes to an expert with the reason
 * officer_identified; the answer is the identification with `officerChoice` (and its category).
 */
export const PATCH = withProblems(async function patchIdentification(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const actor = await apiKeyActor(request);
  if (!actor) return unauthorized();
  const id = caseIdSchema.safeParse((await params).id);
  if (!id.success) return problem(404, "Not Found", "identification not found", { code: "notFound" });
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    return problem(415, "Unsupported Media Type", "send application/json: {\"typology\": \"...\", \"keyAnswers\": [{\"question\": \"...\", \"option\": \"...\"}]}", { code: "jsonRequired" });
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return problem(400, "Bad Request", "the body is not valid JSON", { code: "jsonInvalid" });
  }
  const input = officerChoiceInputSchema.safeParse(body);
  if (!input.success) {
    const issue = input.error.issues[0];
    return problem(400, "Bad Request", `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`, { code: "invalidField" });
  }
  try {
    const view = await setOfficerChoice(getServiceDeps(), actor, id.data, input.data);
    const state = { id: view.id, status: view.status, createdAt: view.createdAt, failureReason: view.failureReason };
    return Response.json(presentIdentification({ state, view }), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return problemFromError(error);
  }
});
