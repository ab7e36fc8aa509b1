/**
 * Whether an error means "the database cannot be reached or cannot take us now" (a server down,
 * restarting, refusing connections, a network cut), as opposed to a bug or a refused statement. Such a
 * request is answered "service unavailable, try again" (503 + Retry-After), never a wrong-password or a
 * not-found, and never with the error's text, which names the database's host and port.
 */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "EPIPE"]);
// PostgreSQL SQLSTATE: connection exceptions (08…), admin shutdown / crash / cannot connect now (57P0…),
// too many connections (53300)
const SQLSTATE = /^(08\d{3}|57P0[1-3]|53300)$/;
// Prisma: can't reach (P1001), timeout (P1002), server closed the connection (P1017), pool timeout (P2024)
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|DatabaseNotReachable/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
    const code = typeof candidate.code === "string" ? candidate.code : "";
    if (NETWORK_CODES.has(code) || SQLSTATE.test(code) || PRISMA_CODES.has(code)) return true;
    if (candidate.meta?.driverAdapterError?.cause?.kind === "DatabaseNotReachable") return true;
    if (typeof candidate.message === "string" && MESSAGES.test(candidate.message)) return true;
    current = candidate.cause;
  }
  return false;
}
