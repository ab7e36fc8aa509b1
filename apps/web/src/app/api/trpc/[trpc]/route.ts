import { appRouter, createTRPCContext } from "@basegun/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { logger } from "@/server/logger";
import { getActor } from "@/server/actor";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => createTRPCContext({ actor: await getActor(), headers: req.headers }),
    onError({ error, path }) {
      // expected errors (not found, forbidden, validation) are the client's business; log only bugs
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error.cause ?? error, path }, "tRPC procedure failed");
    },
  });
}

export { handler as GET, handler as POST };
