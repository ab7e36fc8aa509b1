import type { Actor } from "@basegun/auth";
import { caseUpdatesOf, type ServiceDeps } from "../../deps.ts";
import { getIdentification } from "./read.ts";
import { isFinalStatus, readCaseStatus } from "./status.ts";
import { createWakeup } from "./wakeup.ts";
import type { IdentificationView } from "./view.ts";

/** Longest wait a client may ask for (`Prefer: wait=N`): below common proxy idle timeouts. */
export const MAX_WAIT_SECONDS = 30;
/** Safety net for an announcement lost while Redis restarts. */
const FALLBACK_POLL_MS = 2000;

/**
 * A case's view once it is done or failed, or when timeoutMs has passed, whichever comes first: a
 * service client gets its result in one request instead of polling. Woken by the worker's
 * announcements; a "processing" announcement needs no read at all, and between the others only the
 * status is read.
 */
export async function waitForIdentification(
  deps: ServiceDeps,
  actor: Actor,
  caseId: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<IdentificationView> {
  const deadline = Date.now() + options.timeoutMs;
  if (options.timeoutMs <= 0) return getIdentification(deps, actor, caseId);

  const wakeup = createWakeup();
  // Listen first, then read: a change between the two is never missed. The first read is also the
  // access check: an unknown or foreign case answers 404 at once (the subscription only held a
  // channel name, never data).
  const stop = await caseUpdatesOf(deps).listen(caseId, (status) => {
    if (status !== "processing") wakeup.notify();
  });
  const onAbort = () => wakeup.notify();
  options.signal?.addEventListener("abort", onAbort);
  try {
    for (;;) {
      wakeup.arm();
      if (isFinalStatus(await readCaseStatus(deps, actor, caseId))) break;
      const left = deadline - Date.now();
      if (left <= 0 || options.signal?.aborted) break;
      await wakeup.wait(Math.min(left, FALLBACK_POLL_MS));
    }
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    stop();
  }
  return getIdentification(deps, actor, caseId);
}
