import { MAX_WAIT_SECONDS } from "@basegun/api";

/**
 * The `wait` preference of RFC 7240 (`Prefer: wait=10`, possibly among others): how many seconds the
 * client is willing to wait for a final answer, capped at MAX_WAIT_SECONDS. Null when absent or
 * malformed (the request is then answered at once, as without the header).
 */
export function preferredWaitSeconds(header: string | null): number | null {
  if (!header) return null;
  for (const preference of header.split(",")) {
    const match = /^\s*wait\s*=\s*"?(\d{1,6})"?\s*(?:;.*)?$/i.exec(preference);
    if (match) return Math.min(Number(match[1]), MAX_WAIT_SECONDS);
  }
  return null;
}
