import type { OutboxBatch } from "./store";

/** Where a sent batch's result lives (the app's localized result page). */
export const resultPath = (batch: Pick<OutboxBatch, "locale" | "caseId">) => `${batch.locale === "en" ? "/en" : ""}/identifications/${batch.caseId}`;

/**
 * Tells the officer that batches sent in the background reached the server: a system notification when
 * they allowed it (tapping it opens the result), and the app badge with the number of results not yet
 * opened, where the platform has one (installed app).
 */
export async function notifySent(registration: ServiceWorkerRegistration, sent: OutboxBatch[], unseen: number): Promise<void> {
  const nav = globalThis.navigator as Navigator & { setAppBadge?: (count?: number) => Promise<void> };
  await nav.setAppBadge?.(unseen).catch(() => undefined);
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  for (const batch of sent) {
    await registration
      .showNotification(batch.notice.title, { body: batch.notice.body, tag: batch.id, icon: "/icons/icon-192.png", data: { url: resultPath(batch) } })
      .catch(() => undefined);
  }
}
