"use client";

import { useEffect } from "react";
import { notifySent } from "@/lib/outbox/notify";
import { listBatches, OUTBOX_CHANNEL, setSignedIn, signedIn } from "@/lib/outbox/store";
import type { OfflineShell } from "@/lib/offline-shell";
import { flushOutbox, SYNC_TAG } from "@/lib/outbox/sync";

const SW_URL = "/sw.js";
// the shell is fetched again at most this often (pages the officer opens are kept anyway)
const WARM_EVERY_MS = 6 * 60 * 60 * 1000;
const WARMED_AT = { core: "basegun.offlineShell.core", guides: "basegun.offlineShell.guides" } as const;

// a send cut while the phone stays online fires no `online` event: the page tries again by itself
const RETRY_DELAYS_MS = [10_000, 30_000, 120_000, 300_000];

type SyncRegistration = ServiceWorkerRegistration & { sync?: { register: (tag: string) => Promise<void> } };

/** Sends what waits in the outbox; tells the officer when it went while they were elsewhere. */
async function sendWaitingPhotos() {
  if (!navigator.onLine) return;
  const { sent } = await flushOutbox();
  if (sent.length === 0 || document.visibilityState === "visible") return;
  const registration = await navigator.serviceWorker?.getRegistration();
  if (!registration) return;
  const unseen = (await listBatches(await signedIn())).filter((batch) => batch.state === "sent").length;
  await notifySent(registration, sent, unseen);
}

/** Has the service worker keep these pages (serwist's CACHE_URLS); resolves once they are kept. */
function keepPages(worker: ServiceWorker, urls: string[]): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    worker.postMessage({ type: "CACHE_URLS", payload: { urlsToCache: urls } }, [channel.port2]);
  });
}

const warmedRecently = (step: keyof OfflineShell) => Date.now() - Number(localStorage.getItem(WARMED_AT[step]) ?? 0) < WARM_EVERY_MS;

/**
 * Keeps the offline shell, one step per open: the core pages right after the first load, the guides
 * (most of the weight) at the next open, so the first load stays light on a bad network. A step is
 * marked done only once every page of it was kept.
 */
async function warmOfflineShell(registration: ServiceWorkerRegistration, shell: OfflineShell) {
  const worker = registration.active;
  if (!worker || !navigator.onLine) return;
  const step: keyof OfflineShell | null = !warmedRecently("core") ? "core" : !warmedRecently("guides") ? "guides" : null;
  if (!step) return;
  await keepPages(worker, shell[step]);
  localStorage.setItem(WARMED_AT[step], String(Date.now()));
}

/**
 * Mounted once in the layout (renders nothing): registers the service worker, has it keep the offline
 * shell after the page has loaded, and sends the photo outbox at each open, whenever the network comes
 * back (`online`), and through Background Sync where the browser has it (then even with the app closed).
 */
export function AppShellWorker({ shell, officerId }: { shell: OfflineShell; officerId: string | null }) {
  const signedIn = officerId !== null;
  useEffect(() => {
    if (!("serviceWorker" in navigator) || process.env.NODE_ENV !== "production") return;
    let cancelled = false;
    const start = async () => {
      await navigator.serviceWorker.register(SW_URL, { scope: "/" });
      if (!signedIn) {
        // signed out (or never signed in): nothing of a previous officer's pages stays on the phone
        await caches.delete("basegun-pages").catch(() => undefined);
        localStorage.removeItem(WARMED_AT.core);
        localStorage.removeItem(WARMED_AT.guides);
        return;
      }
      const ready = await navigator.serviceWorker.ready;
      if (!cancelled) await warmOfflineShell(ready, shell);
    };
    // after the page's own load, so that registering and warming never compete with the first paint
    const begin = () => void start().catch(() => undefined);
    if (document.readyState === "complete") begin();
    else window.addEventListener("load", begin, { once: true });
    return () => {
      cancelled = true;
      window.removeEventListener("load", begin);
    };
  }, [shell, signedIn]);

  useEffect(() => {
    let stop = () => {};
    void setSignedIn(officerId)
      .catch(() => undefined)
      .then(() => {
        if (!officerId) return;
        const send = () => void sendWaitingPhotos().catch(() => undefined);
        send();
        window.addEventListener("online", send);
        stop = () => window.removeEventListener("online", send);
      });
    return () => stop();
  }, [officerId]);

  useEffect(() => {
    if (!officerId) return;
    let timer: number | undefined;
    let attempt = 0;
    const schedule = async () => {
      if (timer !== undefined || !navigator.onLine) return;
      const due = (await listBatches(officerId)).some((batch) => batch.state === "waiting" || (batch.state === "failed" && batch.retriable));
      if (!due) {
        attempt = 0;
        return;
      }
      if (timer !== undefined) return;
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];
      attempt += 1;
      timer = window.setTimeout(() => {
        timer = undefined;
        void sendWaitingPhotos().catch(() => undefined);
      }, delay);
    };
    const channel = new BroadcastChannel(OUTBOX_CHANNEL);
    channel.onmessage = () => void schedule().catch(() => undefined);
    void schedule().catch(() => undefined);
    return () => {
      channel.close();
      window.clearTimeout(timer);
    };
  }, [officerId]);

  return null;
}

/** Asks for a Background Sync when a batch starts waiting (no-op where the browser lacks it). */
export async function requestBackgroundSend(): Promise<void> {
  const registration = (await navigator.serviceWorker?.getRegistration()) as SyncRegistration | undefined;
  await registration?.sync?.register(SYNC_TAG).catch(() => undefined);
}
