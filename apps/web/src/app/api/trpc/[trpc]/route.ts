import { appRouter, createTRPCContext } from "@basegun/api";
import { SERVICE_UNAVAILABLE_MESSAGE } from "@basegun/api";
import { hasScope } from "@basegun/auth";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { tooLarge, withinBodyLimit } from "@/server/body-limit";
import { logger } from "@/server/logger";
import { getActor } from "@/server/actor";
import { originAllowed } from "@/server/public-origin";
import { RETRY_AFTER_SECONDS, ServiceUnavailableError } from "@/server/service-unavailable";

export const dynamic = "force-dynamic";

// tRPC bodies are small JSON, except an admin's model upload (70 MB of base64 ONNX and its manifest):
// only that procedure, called by someone allowed to, may send that much; nobody else makes the server
// hold more than 1 MiB
const TRPC_MAX_BODY_BYTES = 1024 * 1024;
const MODEL_UPLOAD_MAX_BODY_BYTES = 72 * 1024 * 1024;

async function bodyLimit(req: Request): Promise<number> {
  // a batch names its procedures in the path: models.upload may travel with others
  const procedures = decodeURIComponent(new URL(req.url).pathname.replace(/^\/api\/trpc\//, "")).split(",");
  if (!procedures.includes("models.upload")) return TRPC_MAX_BODY_BYTES;
  const actor = await getActor().catch(() => null);
  return actor && hasScope(actor.role, "model:manage") ? MODEL_UPLOAD_MAX_BODY_BYTES : TRPC_MAX_BODY_BYTES;
}

async function handler(incoming: Request) {
  // mutations change state: only from this site's pages (queries and subscriptions are GETs)
  if (incoming.method !== "GET" && !originAllowed(incoming.headers)) {
    return Response.json({ error: { message: "foreign origin", code: "FORBIDDEN" } }, { status: 403, headers: { "Cache-Control": "no-store" } });
  }
  // the body is read within its limit as it streams (a chunked body has no Content-Length to check)
  const limit = await bodyLimit(incoming);
  const req = await withinBodyLimit(incoming, limit);
  if (!req) return tooLarge(limit);
  // A subscription refused before its stream opens (a case the caller may not read) would still be a
  // 200 event stream carrying the error: answered with the error's own status instead (404 like every
  // other read). onError runs before the response is built.
  let refusedSubscription: TRPCError | null = null;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => {
      try {
        return createTRPCContext({ actor: await getActor(), headers: req.headers });
      } catch (error) {
        if (error instanceof ServiceUnavailableError) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: SERVICE_UNAVAILABLE_MESSAGE });
        throw error;
      }
    },
    // every answer is about the signed-in person (cases, photos' metadata, reviews): never cached by a
    // browser or a proxy
    responseMeta: ({ errors }) => ({
      headers: new Headers({
        "cache-control": "no-store",
        ...(errors.some((e) => e.code === "SERVICE_UNAVAILABLE") ? { "retry-after": String(RETRY_AFTER_SECONDS) } : {}),
      }),
      ...(refusedSubscription ? { status: getHTTPStatusCodeFromError(refusedSubscription) } : {}),
    }),
    onError({ error, path, type }) {
      if (type === "subscription" && !refusedSubscription && error.code !== "INTERNAL_SERVER_ERROR") refusedSubscription = error;
      // expected errors (not found, forbidden, validation) are the client's business; log only bugs
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error.cause ?? error, path }, "tRPC procedure failed");
    },
  });
}

export { handler as GET, handler as POST };
