import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { signIn, skipOnboarding } from "./helpers";

/**
 * Issue 13's budget: the start page on a cold cache, signed in, at most 250 KB transferred, the service
 * worker, its precache and the part of the offline shell it keeps right after the load (the new
 * identification page and its scripts) included; the rest of the shell is kept at the next open, measured
 * apart; nothing from another origin. Chromium's Resource Timing gives each fetch's transferred bytes (compressed body and headers),
 * on the page and inside the worker; the worker's own script is counted as its gzip size.
 */
const BUDGET_BYTES = 250 * 1024;

interface Fetched {
  name: string;
  transferSize: number;
}

test("the start page's first load on a cold cache stays within 250 KB, service worker and offline shell included", async ({ browser, page, request }) => {
  // sign in elsewhere: the measured context starts with the session cookie and nothing else
  await skipOnboarding(page);
  await signIn(page);
  await expect(page).toHaveURL(/\/$/);
  // only the session cookie: no local storage, no cache, no service worker
  const { cookies } = await page.context().storageState();
  const context = await browser.newContext({ ...test.info().project.use, storageState: { cookies, origins: [] } });
  await context.addInitScript(() => localStorage.setItem("basegun.onboarding.v1", "e2e"));

  const start = await context.newPage();
  await start.goto("/");
  await expect(start.getByRole("link", { name: /Identifier une arme/ })).toBeVisible();
  // the worker installed, precached, took control and kept the offline shell (pages and their scripts)
  await start.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const workerFetches = () => worker.evaluate(() => performance.getEntriesByType("resource").map((entry) => ({ name: entry.name, transferSize: (entry as PerformanceResourceTiming).transferSize })));
  // quiet: no new fetch in the worker for 3 s
  let previous = -1;
  await expect
    .poll(
      async () => {
        const count = (await workerFetches()).length;
        const settled = count === previous && count > 0;
        previous = count;
        return settled;
      },
      { timeout: 60_000, intervals: [3000] },
    )
    .toBe(true);

  const pageFetches: Fetched[] = await start.evaluate(() =>
    [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].map((entry) => ({ name: entry.name, transferSize: (entry as PerformanceResourceTiming).transferSize })),
  );
  const inWorker: Fetched[] = await workerFetches();
  const script = gzipSync(await (await request.get("/sw.js")).body()).length;

  const sum = (entries: Fetched[]) => entries.reduce((total, entry) => total + entry.transferSize, 0);
  const pageBytes = sum(pageFetches);
  const workerBytes = sum(inWorker);
  const total = pageBytes + workerBytes + script;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const line = `start page cold: ${kb(total)} (page ${kb(pageBytes)} in ${pageFetches.length} fetches; service worker script ${kb(script)}; worker's precache and offline shell ${kb(workerBytes)} in ${inWorker.length} fetches)`;
  test.info().annotations.push({ type: "first load", description: line });
  console.log(`[measure] ${line}`);
  for (const entry of [...pageFetches.map((e) => ({ ...e, by: "page" })), ...inWorker.map((e) => ({ ...e, by: "sw" }))].sort((a, b) => b.transferSize - a.transferSize).slice(0, 15)) {
    console.log(`[measure]   ${kb(entry.transferSize).padStart(9)} ${entry.by.padEnd(4)} ${new URL(entry.name).pathname}`);
  }

  const origins = new Set([...pageFetches, ...inWorker].map((entry) => new URL(entry.name).origin));
  expect([...origins]).toEqual([new URL(start.url()).origin]);
  // the first part of the offline shell was kept: the worker fetched the page, not only its precache
  expect(inWorker.map((entry) => new URL(entry.name).pathname)).toContain("/identifications/new");
  expect(total).toBeLessThanOrEqual(BUDGET_BYTES);

  // the next open keeps the securing guides: measured apart (not part of the first load)
  const before = inWorker.length;
  await start.reload();
  await start.waitForFunction(() => localStorage.getItem("basegun.offlineShell.guides") !== null, undefined, { timeout: 60_000 });
  const guides = (await workerFetches()).slice(before);
  const second = `next open, rest of the offline shell (start, list, securing guides) kept: ${kb(sum(guides))} in ${guides.length} fetches by the service worker`;
  test.info().annotations.push({ type: "second open", description: second });
  console.log(`[measure] ${second}`);
  await context.close();
});
