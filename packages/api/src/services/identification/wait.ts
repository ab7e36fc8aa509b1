import type { Actor } from "@basegun/auth";
import { caseUpdatesOf, type ServiceDeps } from "../../deps.ts";
import { getIdentificationStatus, isFinalStatus, readCaseState, withViewWhenDone, type CaseState, type IdentificationStatus } from "./status.ts";
import { createWakeup } from "./wakeup.ts";

/** Longest wait a client may ask for (`Prefer: wait=N`): below common proxy idle timeouts. */
export const MAX_WAIT_SECONDS = 30;
/** Safety net for an announcement lost while Redis restarts. */
const FALLBACK_POLL_MS = 2000;

/**
 * A case's status once it is done or failed, or when timeoutMs has passed, whichever comes first: a
 * service client gets its result in one request instead of polling. Woken by the worker's
 * announcements; a "processing" announcement needs no read at all, between the others only the state
 * is read, and the full view once, when the case is done.
 */
export async function waitForIdentification(
  deps: ServiceDeps,
  actor: Actor,
  caseId: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<IdentificationStatus> {
  const deadline = Date.now() + options.timeoutMs;
  if (options.timeoutMs <= 0) return getIdentificationStatus(deps, actor, caseId);

  const wakeup = createWakeup();
  // Listen first, then read: a change between the two is never missed. The first read is also the
  // access check: an unknown or foreign case answers 404 at once (the subscription only held a
  // channel name, never data).
  const stop = await caseUpdatesOf(deps).listen(caseId, (status) => {
    if (status !== "processing") wakeup.notify();
  });
  const onAbort = () => wakeup.notify();
  options.signal?.addEventListener("abort", onAbort);
  let state: CaseState;
  try {
    for (;;) {
      wakeup.arm();
      state = await readCaseState(deps, actor, caseId);
      if (isFinalStatus(state.status)) break;
      const left = deadline - Date.now();
      if (left <= 0 || options.signal?.aborted) break;
      await wakeup.wait(Math.min(left, FALLBACK_POLL_MS));
    }
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    stop();
  }
  return withViewWhenDone(deps, actor, state);
}
