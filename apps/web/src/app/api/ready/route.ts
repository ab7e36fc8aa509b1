import { getServiceDeps } from "@basegun/api";
import { checkReadiness } from "@/server/readiness";

/**
 * GET /api/ready: readiness for the orchestrator and the load balancer: 200 when PostgreSQL, Redis and
 * a loaded model (an inference worker's heartbeat) are all there, 503 with Retry-After and which check
 * failed otherwise.
 */
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const deps = getServiceDeps();
  const readiness = await checkReadiness(deps.db, deps.redisUrl);
  return Response.json(
    { status: readiness.ready ? "ready" : "unavailable", ...readiness },
    { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store", ...(readiness.ready ? {} : { "retry-after": "5" }) } },
  );
}
