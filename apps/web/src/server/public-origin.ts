import { env } from "@/env";

/**
 * The origins a browser may send a state-changing request from: PUBLIC_URL's, or for local use this
 * port on localhost, 127.0.0.1 and [::1]. The same rule as server.mjs's (server/request-guard.mjs).
 */
function allowedOrigins(): Set<string> {
  if (env.PUBLIC_URL) return new Set([new URL(env.PUBLIC_URL).origin]);
  return new Set(["localhost", "127.0.0.1", "[::1]"].map((host) => `http://${host}:${env.PORT}`));
}

let origins: Set<string> | null = null;

/**
 * A browser sends Origin on every cross-origin request and on same-origin POSTs; a request with no
 * Origin and no cross-site Sec-Fetch-Site is not a browser's, and no other site can make it on a user's behalf.
 */
export function originAllowed(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin) return (origins ??= allowedOrigins()).has(origin);
  return headers.get("sec-fetch-site") !== "cross-site";
}
