import type { PrecacheEntry, SerwistGlobalConfig, SerwistPlugin } from "serwist";
import { CacheFirst, ExpirationPlugin, NetworkFirst, Serwist } from "serwist";
import { notifySent } from "./lib/outbox/notify";
import { listBatches, signedIn } from "./lib/outbox/store";
import { flushOutbox, SYNC_TAG } from "./lib/outbox/sync";

/**
 * Basegun's service worker, built by `serwist build` (configurator mode, serwist.config.js) after
 * `next build`. What it does and why:
 * - pages (start, new identification, "Mes identifications", securing guides…) are answered from the
 *   network first and kept, so that each opens without network with its last known state; the pages
 *   also ask it (CACHE_URLS) to keep the offline shell before the officer needs it;
 * - Next's hashed assets are kept once fetched (they never change under a URL);
 * - the photo outbox (IndexedDB) is sent by Background Sync when the network returns, even with the
 *   app closed, where the browser has it; the pages send it themselves otherwise.
 * Uploads, the API and sign-in are never cached.
 */

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

const PAGES_CACHE = "basegun-pages";
const STATIC_CACHE = "basegun-next-static";

const isPage = (url: URL, request: Request) =>
  url.origin === self.location.origin &&
  request.method === "GET" &&
  !url.pathname.startsWith("/api/") &&
  !url.pathname.startsWith("/_next/") &&
  !/\.[a-z0-9]+$/i.test(url.pathname) &&
  // Next's client navigations fetch the same URL as RSC data: not a page, never cached; offline the
  // router falls back to a full navigation, which this worker answers
  !request.headers.has("rsc") &&
  !/\/sign-in$/.test(url.pathname);

const staticAssets = new CacheFirst({
  cacheName: STATIC_CACHE,
  plugins: [new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 60 * 60 * 24 * 60 })],
});

/**
 * Only a page the officer could see is kept: a redirect (to sign-in, say) or an error would otherwise
 * replace the good copy. Each kept page's own scripts and styles are fetched too (from the HTTP cache
 * when already loaded), so that the page also works, not only shows, without network.
 */
const keepGoodPagesWithAssets: SerwistPlugin = {
  cacheWillUpdate: async ({ response }) => (response.status === 200 && !response.redirected ? response : null),
  cacheDidUpdate: async ({ newResponse, event }) => {
    const html = await newResponse.clone().text();
    // every tag naming one of Next's assets, except the `noModule` polyfills that no browser able to run
    // this worker ever loads (39 KB)
    const tags = Array.from(html.matchAll(/<(?:script|link)\b[^>]*>/g), (m) => m[0]).filter((tag) => !/\bnomodule\b/i.test(tag));
    const assets = new Set(tags.flatMap((tag) => Array.from(tag.matchAll(/(?:src|href)="(\/_next\/static\/[^"?#]+)"/g), (m) => m[1]!)));
    const cache = await self.caches.open(STATIC_CACHE);
    const missing = [];
    for (const asset of assets) if (!(await cache.match(asset))) missing.push(asset);
    const work = Promise.all(missing.map((asset) => staticAssets.handle({ request: new Request(asset), event }).catch(() => undefined)));
    if ("waitUntil" in event) (event as ExtendableEvent).waitUntil(work);
    await work;
  },
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  disableDevLogs: true,
  runtimeCaching: [
    { matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/_next/static/"), handler: staticAssets },
    {
      matcher: ({ url, request }) => isPage(url, request),
      handler: new NetworkFirst({
        cacheName: PAGES_CACHE,
        // a cellar's network that answers nothing: the kept page after a few seconds
        networkTimeoutSeconds: 6,
        plugins: [keepGoodPagesWithAssets, new ExpirationPlugin({ maxEntries: 80 })],
      }),
    },
  ],
  fallbacks: {
    entries: [{ url: "/offline.html", matcher: ({ request }) => request.destination === "document" }],
  },
});

serwist.addEventListeners();

async function sendOutboxInBackground() {
  const { sent, offline } = await flushOutbox();
  if (sent.length > 0) {
    const unseen = (await listBatches(await signedIn())).filter((batch) => batch.state === "sent").length;
    await notifySent(self.registration, sent, unseen);
  }
  // rejected: the browser fires the sync again later (with backoff) while photos still wait
  if (offline) throw new Error("outbox: still no network");
}

self.addEventListener("sync", (event) => {
  const sync = event as ExtendableEvent & { tag: string; lastChance: boolean };
  // a rejection makes the browser try the sync again later, with backoff: only while batches wait
  if (sync.tag === SYNC_TAG) sync.waitUntil(sendOutboxInBackground());
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = (event.notification.data as { url?: string } | null)?.url;
  if (!url?.startsWith("/")) return;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((client) => "focus" in client) as WindowClient | undefined;
      if (open) {
        await open.focus();
        await open.navigate(url).catch(() => self.clients.openWindow(url));
      } else {
        await self.clients.openWindow(url);
      }
    })(),
  );
});
