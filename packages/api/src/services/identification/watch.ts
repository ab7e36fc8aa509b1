import type { Actor } from "@basegun/auth";
import { caseUpdatesChannel, createRedis } from "@basegun/queue";
import type { ServiceDeps } from "../../deps.ts";
import { getIdentification } from "./read.ts";
import type { IdentificationView } from "./view.ts";

const FALLBACK_POLL_MS = 5000;

/**
 * Streams a case's view: now, then each time the worker announces a change on Redis pub/sub (with a
 * slow poll as a safety net for a missed message or a Redis restart), until the case is done or failed.
 */
export async function* watchIdentification(deps: ServiceDeps, actor: Actor, caseId: string, signal?: AbortSignal): AsyncGenerator<IdentificationView> {
  let view = await getIdentification(deps, actor, caseId); // access check before subscribing
  yield view;
  if (isFinal(view)) return;

  const subscriber = createRedis(deps.redisUrl, "subscriber");
  let wake: (() => void) | null = null;
  const wakeUp = () => {
    wake?.();
    wake = null;
  };
  subscriber.on("message", wakeUp);
  signal?.addEventListener("abort", wakeUp);
  try {
    await subscriber.subscribe(caseUpdatesChannel(caseId)).catch(() => {});
    // the case may have changed between the first read and the subscription
    view = await getIdentification(deps, actor, caseId);
    if (view.status !== "pending") yield view;
    while (!isFinal(view) && !signal?.aborted) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, FALLBACK_POLL_MS).unref?.();
      });
      if (signal?.aborted) return;
      const next = await getIdentification(deps, actor, caseId);
      if (next.status !== view.status || next.updatedAt.getTime() !== view.updatedAt.getTime()) yield next;
      view = next;
    }
  } finally {
    subscriber.disconnect();
  }
}

const isFinal = (view: IdentificationView) => view.status === "done" || view.status === "failed";
