import { createCaller, createTRPCContext } from "@basegun/api";
import type { Actor } from "@basegun/auth";
import { headers } from "next/headers";

/** Calls the same tRPC procedures from server components (same checks, no HTTP round trip). */
export async function serverCaller(actor: Actor) {
  return createCaller(createTRPCContext({ actor, headers: new Headers(await headers()) }));
}
