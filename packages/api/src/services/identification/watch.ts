import type { Actor } from "@basegun/auth";
import { caseUpdatesOf, type ServiceDeps } from "../../deps.ts";
import { getIdentification } from "./read.ts";
import { isFinalStatus } from "./status.ts";
import { createWakeup } from "./wakeup.ts";
import type { IdentificationView } from "./view.ts";

const FALLBACK_POLL_MS = 5000;

/** Nothing more will come by itself: the case is done or failed and no markings photo is still being read. */
const isSettled = (view: IdentificationView) => isFinalStatus(view.status) && !view.markingsReadings.some((reading) => reading.status === "pending");

/**
 * Streams a case's view: now, then each time the worker announces a change (the process's shared
 * Redis subscriber), with a slow poll as a safety net for a missed message or a Redis restart, until
 * the case is done or failed and its markings photos are read.
 */
export async function* watchIdentification(
  deps: ServiceDeps,
  actor: Actor,
  caseId: string,
  signal?: AbortSignal,
  /** the view the caller already read (its access check); read here otherwise */
  first?: IdentificationView,
): AsyncGenerator<IdentificationView> {
  let view = first ?? (await getIdentification(deps, actor, caseId)); // access check before subscribing
  yield view;
  if (isSettled(view)) return;

  const wakeup = createWakeup();
  const stop = await caseUpdatesOf(deps).listen(caseId, () => wakeup.notify());
  const onAbort = () => wakeup.notify();
  signal?.addEventListener("abort", onAbort);
  try {
    // the case may have changed between the first read and the subscription
    wakeup.arm();
    view = await getIdentification(deps, actor, caseId);
    if (view.status !== "pending") yield view;
    while (!isSettled(view) && !signal?.aborted) {
      await wakeup.wait(FALLBACK_POLL_MS);
      if (signal?.aborted) return;
      // armed before the read: an announcement during it wakes the next wait
      wakeup.arm();
      const next = await getIdentification(deps, actor, caseId);
      if (next.status !== view.status || next.updatedAt.getTime() !== view.updatedAt.getTime()) yield next;
      view = next;
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    stop();
  }
}
