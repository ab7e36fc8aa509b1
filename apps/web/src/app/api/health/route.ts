/**
 * GET /api/health: liveness for the orchestrator. The process answers HTTP; nothing else is checked
 * (a database outage must not get the web app restarted: it answers 503 by itself meanwhile).
 */
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
