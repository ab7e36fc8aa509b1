import type { Actor } from "@basegun/auth";
import { caseUpdatesOf, type ServiceDeps } from "../../deps.ts";
import { getIdentification } from "./read.ts";
import { isFinalStatus, readCaseStatus } from "./status.ts";
import type { IdentificationView } from "./view.ts";

/** Longest wait a client may ask for (`Prefer: wait=N`): below common proxy idle timeouts. */
export const MAX_WAIT_SECONDS = 30;
/** Safety net for an announcement lost while Redis restarts. */
const FALLBACK_POLL_MS = 2000;

/**
 * A case's view once it is done or failed, or when timeoutMs has passed, whichever comes first: a
 * service client gets its result in one request instead of polling. Woken by the worker's
 * announcements; between them only the status is read.
 */
export async function waitForIdentification(
  deps: ServiceDeps,
  actor: Actor,
  caseId: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<IdentificationView> {
  const deadline = Date.now() + options.timeoutMs;
  // the access check comes before anything else (an unknown or foreign case answers 404 at once)
  if (isFinalStatus(await readCaseStatus(deps, actor, caseId)) || options.timeoutMs <= 0) return getIdentification(deps, actor, caseId);

  let wake: () => void = () => {};
  const stop = await caseUpdatesOf(deps).listen(caseId, () => wake());
  const onAbort = () => wake();
  options.signal?.addEventListener("abort", onAbort);
  try {
    // read after subscribing: a change between the first read and the subscription is not missed
    while (!isFinalStatus(await readCaseStatus(deps, actor, caseId))) {
      const left = deadline - Date.now();
      if (left <= 0 || options.signal?.aborted) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, FALLBACK_POLL_MS));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    stop();
  }
  return getIdentification(deps, actor, caseId);
}
