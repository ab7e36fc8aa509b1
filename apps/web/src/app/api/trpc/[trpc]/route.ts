import { appRouter, createTRPCContext } from "@basegun/api";
import { SERVICE_UNAVAILABLE_MESSAGE } from "@basegun/api";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { logger } from "@/server/logger";
import { getActor } from "@/server/actor";
import { originAllowed } from "@/server/public-origin";
import { RETRY_AFTER_SECONDS, ServiceUnavailableError } from "@/server/service-unavailable";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  // mutations change state: only from this site's pages (queries and subscriptions are GETs)
  if (req.method !== "GET" && !originAllowed(req.headers)) {
    return Response.json({ error: { message: "foreign origin", code: "FORBIDDEN" } }, { status: 403, headers: { "Cache-Control": "no-store" } });
  }
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
