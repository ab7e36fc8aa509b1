/**
 * The client's address for the audit log and the sign-in throttle.
 *
 * The web server (apps/web/server.mjs) rewrites `X-Forwarded-For` on every request to the one address
 * it established: the socket's peer, or, only when that peer is a configured proxy (TRUSTED_PROXIES),
 * the nearest address the proxies vouch for. What a client sends in that header is therefore never
 * taken as is.
 */
export function clientAddress(headers: Headers): string | null {
  const value = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return value ? value : null;
}
