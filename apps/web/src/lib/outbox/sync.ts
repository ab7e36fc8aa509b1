import { sendBatch } from "./send";
import { listBatches, signedIn, updateBatch, type OutboxBatch } from "./store";

/** The Background Sync tag the pages register and the service worker answers. */
export const SYNC_TAG = "basegun-outbox";
const LOCK = "basegun-outbox-send";

/**
 * Runs `work` while no other page or the service worker sends from the outbox (Web Locks, in every
 * current browser). Without it two senders would only cost a duplicate request, never a duplicate case
 * (the server honours the batch's Idempotency-Key), but the list would flicker between states.
 */
export async function withOutboxLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? locks.request(LOCK, work) : work();
}

export interface FlushResult {
  sent: OutboxBatch[];
  /** the network was missing: the rest waits for the next occasion */
  offline: boolean;
}

/**
 * Sends every batch of the signed-in officer still to send, oldest first: waiting ones, ones left "sending" by a page that was
 * closed mid-send, and failures that sending again can fix (server error, rate limit, expired session).
 * Stops at the first send that finds no network.
 */
export async function flushOutbox(): Promise<FlushResult> {
  return withOutboxLock(async () => {
    const sent: OutboxBatch[] = [];
    for (const batch of await listBatches(await signedIn())) {
      const due = batch.state === "waiting" || batch.state === "sending" || (batch.state === "failed" && batch.retriable);
      if (!due) continue;
      const done = await sendOnce(batch);
      if (done === "offline") return { sent, offline: true };
      if (done.state === "sent") sent.push(done);
    }
    return { sent, offline: false };
  });
}

/** One send of one batch, its state recorded before and after. Call it inside withOutboxLock. */
export async function sendOnce(batch: OutboxBatch, send = sendBatch): Promise<OutboxBatch | "offline"> {
  await updateBatch(batch.id, { state: "sending", attempts: batch.attempts + 1 });
  const result = await send(batch);
  let patch: Partial<OutboxBatch>;
  if (result.kind === "sent") patch = { state: "sent", caseId: result.caseId, sentAt: Date.now(), lastError: null };
  else if (result.kind === "offline") patch = { state: "waiting" };
  else patch = { state: "failed", retriable: result.retriable, lastError: result.message };
  const updated = (await updateBatch(batch.id, patch)) ?? { ...batch, ...patch };
  return result.kind === "offline" ? "offline" : updated;
}
