import { execFileSync } from "node:child_process";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import sharp from "sharp";
import { e2eEnv } from "./e2e-env.mjs";
import { saveScreenshot, signIn, skipOnboarding } from "./helpers";

/**
 * The field phone (issue 13): the service worker keeps the offline shell, photos taken without network
 * wait in IndexedDB and are sent once when it returns. Chromium at 390 × 844 (the config's phone).
 */

const PHONE_HEIGHT = 844;

function casesWithProcedure(procedureNumber: string): number {
  if (!/^[A-Z0-9-]+$/.test(procedureNumber)) throw new Error(`unexpected procedure number ${procedureNumber}`);
  return Number(execFileSync("psql", [e2eEnv.DATABASE_URL, "-qtAc", `SELECT count(*) FROM "Case" WHERE "procedureNumber" = '${procedureNumber}'`]).toString().trim());
}

const uniqueProcedure = (label: string) => `PV-${label}-${Date.now().toString(36).toUpperCase()}`;

const photo = async (background: string) => ({
  name: "arme.jpg",
  mimeType: "image/jpeg",
  buffer: await sharp({ create: { width: 800, height: 600, channels: 3, background } }).jpeg().toBuffer(),
});

const isKept = (page: Page, path: string) =>
  page.waitForFunction(async (url) => (await caches.open("basegun-pages").then((cache) => cache.match(url))) !== undefined, path, { timeout: 60_000 });

/**
 * The page is controlled by the service worker and the offline shell is kept: the new identification
 * after the first load, the rest (start, list, securing guides) at the next open (a reload here).
 */
async function offlineShellReady(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
  await isKept(page, "/identifications/new");
  await page.waitForFunction(() => localStorage.getItem("basegun.offlineShell.core") !== null);
  await page.reload();
  for (const path of ["/", "/identifications", "/securing", "/securing/revolver", "/securing/pistolet_semi_auto_moderne/magazine_button_by_trigger_guard"]) await isKept(page, path);
  await page.waitForFunction(() => localStorage.getItem("basegun.offlineShell.guides") !== null, undefined, { timeout: 60_000 });
}

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

async function takePhotoWithProcedure(page: Page, procedureNumber: string, background: string) {
  await page.getByText("Ajouter un numéro de procédure").click();
  await page.getByLabel("Numéro de procédure (facultatif)").fill(procedureNumber);
  await page.getByLabel("Prendre ou choisir une photo").setInputFiles(await photo(background));
}

async function goOnline(context: BrowserContext) {
  await context.setOffline(false);
}

test.beforeEach(async ({ page }) => {
  await skipOnboarding(page);
  await signIn(page);
  await expect(page).toHaveURL(/\/$/);
});

test.afterEach(async ({ context }) => {
  await goOnline(context);
});

test("a photo taken offline survives a reload and a new page, is sent once when the network returns, and its result opens from the list", async ({ page, context }) => {
  await page.goto("/identifications/new");
  await offlineShellReady(page);
  const procedureNumber = uniqueProcedure("OFFLINE");

  await context.setOffline(true);
  await takePhotoWithProcedure(page, procedureNumber, "#5a4a3a");
  await expect(page.getByTestId("upload-error")).toHaveText(/Pas de réseau : la photo est gardée sur ce téléphone/);
  const retry = page.getByRole("button", { name: "Réessayer avec la même photo" });
  await expect(retry).toBeVisible();
  // the retry is the primary action, above the fold of a 390 × 844 phone
  const box = await retry.boundingBox();
  expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE_HEIGHT);
  await expect(page.getByTestId("outbox-item")).toHaveAttribute("data-state", "waiting");
  await expect(page.getByTestId("offline-banner")).toContainText("Hors connexion");
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, "offline");

  // a reload without network: the page comes from the service worker, the photo from IndexedDB
  await page.reload();
  await expect(page.getByRole("heading", { name: "Identifier une arme", level: 1 })).toBeVisible();
  await expect(page.getByTestId("offline-banner")).toBeVisible();
  await expect(page.getByTestId("outbox-item")).toHaveCount(1);
  await expect(page.getByTestId("outbox-item")).toHaveAttribute("data-state", "waiting");

  // a new page (another tab), "Mes identifications" with its last known state
  const other = await context.newPage();
  await other.goto("/identifications");
  await expect(other.getByRole("heading", { name: "Mes identifications", level: 1 })).toBeVisible();
  await expect(other.getByTestId("offline-banner")).toContainText("Vous voyez l'état connu le");
  await expect(other.getByRole("heading", { name: /À envoyer/ })).toBeVisible();
  await expect(other.getByTestId("outbox-item")).toHaveAttribute("data-state", "waiting");
  expect(await axeViolations(other)).toEqual([]);
  await other.close();
  expect(casesWithProcedure(procedureNumber)).toBe(0);

  // the network returns: sent by itself (the `online` event), once
  await goOnline(context);
  await expect(page.getByTestId("outbox-item")).toHaveAttribute("data-state", "sent", { timeout: 20_000 });
  await expect(page.getByTestId("offline-banner")).toBeHidden();
  await page.getByTestId("outbox").getByRole("link", { name: "Voir le résultat" }).click();
  await expect(page).toHaveURL(/\/identifications\/(?!new$)[a-z0-9]+$/);
  expect(casesWithProcedure(procedureNumber)).toBe(1);

  // opening the result took it out of the list; nothing is sent twice at the next open
  await page.goto("/identifications/new");
  await expect(page.getByTestId("outbox")).toBeHidden();
  expect(casesWithProcedure(procedureNumber)).toBe(1);
});

/** Cuts the first upload after the server answered: the case is stored, the phone never hears of it. */
async function cutFirstUploadAfterTheServerStoredIt(page: Page) {
  let cut = false;
  await page.route("**/api/identifications", async (route) => {
    if (cut || route.request().method() !== "POST") return route.continue();
    cut = true;
    const response = await route.fetch();
    expect(response.status()).toBe(201);
    await route.abort("connectionreset");
  });
}

test("a send cut after the server stored it, retried by the officer (no Background Sync), yields one case", async ({ page }) => {
  // a browser without Background Sync (Firefox, Safari): the retry is the officer's, or the next open's
  await page.addInitScript(() => Object.defineProperty(ServiceWorkerRegistration.prototype, "sync", { get: () => undefined }));
  await page.goto("/identifications/new");
  const procedureNumber = uniqueProcedure("CUT");
  await cutFirstUploadAfterTheServerStoredIt(page);

  await takePhotoWithProcedure(page, procedureNumber, "#3a5a4a");
  await expect(page.getByTestId("upload-error")).toHaveText(/L'envoi a échoué\. La photo est gardée sur ce téléphone/);
  expect(casesWithProcedure(procedureNumber)).toBe(1);

  const retry = page.getByRole("button", { name: "Réessayer avec la même photo" });
  const box = await retry.boundingBox();
  expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE_HEIGHT);
  await retry.click();
  await expect(page).toHaveURL(/\/identifications\/(?!new$)[a-z0-9]+$/, { timeout: 30_000 });
  expect(casesWithProcedure(procedureNumber)).toBe(1);
});

test("a send cut after the server stored it is sent again by itself (Background Sync, or the page's own retry) and yields one case", async ({ page }) => {
  await page.goto("/identifications/new");
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
  const procedureNumber = uniqueProcedure("SYNC");
  await cutFirstUploadAfterTheServerStoredIt(page);

  await takePhotoWithProcedure(page, procedureNumber, "#2a4a6a");
  // the retry finds the case the cut send created (same Idempotency-Key)
  const opened = page.getByRole("status").getByRole("link", { name: "Voir le résultat" });
  await expect(opened).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("outbox-item")).toHaveAttribute("data-state", "sent");
  expect(casesWithProcedure(procedureNumber)).toBe(1);
  await opened.click();
  await expect(page).toHaveURL(/\/identifications\/(?!new$)[a-z0-9]+$/);
  expect(casesWithProcedure(procedureNumber)).toBe(1);
});

test("a photo sent in the background while the officer is elsewhere is announced by a notification carrying its result's address", async ({ page, context }) => {
  await context.grantPermissions(["notifications"]);
  // the officer has left the app (another application in front): the page says it is hidden
  await page.addInitScript(() => Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" }));
  await page.goto("/identifications/new");
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
  const procedureNumber = uniqueProcedure("NOTICE");
  await cutFirstUploadAfterTheServerStoredIt(page);
  await takePhotoWithProcedure(page, procedureNumber, "#1a3a5a");

  await expect(page.getByTestId("outbox-item")).toHaveAttribute("data-state", "sent", { timeout: 30_000 });
  const notices = () =>
    page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((notice) => ({ title: notice.title, url: (notice.data as { url: string }).url })));
  await expect.poll(notices, { timeout: 10_000 }).toContainEqual({ title: "Identification envoyée", url: expect.stringMatching(/^\/identifications\/[a-z0-9]+$/) });
  expect(casesWithProcedure(procedureNumber)).toBe(1);
});

test("the officer can delete a photo waiting on the phone", async ({ page, context }) => {
  await page.goto("/identifications/new");
  await offlineShellReady(page);
  const procedureNumber = uniqueProcedure("DELETED");
  await context.setOffline(true);
  await takePhotoWithProcedure(page, procedureNumber, "#4a3a5a");
  await expect(page.getByTestId("outbox-item")).toHaveAttribute("data-state", "waiting");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByTestId("outbox").getByRole("button", { name: "Supprimer" }).click();
  await expect(page.getByTestId("outbox")).toBeHidden();
  await goOnline(context);
  await page.reload();
  await expect(page.getByTestId("outbox")).toBeHidden();
  expect(casesWithProcedure(procedureNumber)).toBe(0);
});

test("a shared phone: another officer neither sees nor sends the first one's waiting photo", async ({ page, context }) => {
  await page.goto("/identifications/new");
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
  const procedureNumber = uniqueProcedure("SHARED");
  await context.setOffline(true);
  await takePhotoWithProcedure(page, procedureNumber, "#6a5a2a");
  await expect(page.getByTestId("outbox-item")).toHaveAttribute("data-state", "waiting");

  // back online with uploads cut (page and worker), the first officer signs out
  await context.route("**/api/identifications", (route) => (route.request().method() === "POST" ? route.abort("connectionreset") : route.continue()));
  await goOnline(context);
  await page.getByText("Menu principal").click();
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // the second officer, uploads possible again: nothing of the first one's shows or leaves
  await signIn(page, "officer2@basegun.local", "officer-demo");
  await expect(page).toHaveURL(/\/$/);
  await context.unroute("**/api/identifications");
  await page.goto("/identifications/new");
  await expect(page.getByRole("heading", { name: "Identifier une arme", level: 1 })).toBeVisible();
  await page.waitForTimeout(2000);
  await expect(page.getByTestId("outbox")).toBeHidden();
  expect(casesWithProcedure(procedureNumber)).toBe(0);

  // the first officer back: their photo goes, once
  await page.getByText("Menu principal").click();
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await signIn(page);
  await expect(page).toHaveURL(/\/$/);
  await expect.poll(() => casesWithProcedure(procedureNumber), { timeout: 20_000 }).toBe(1);
});

test("the securing guides open without network, down to a variant's steps", async ({ page, context }) => {
  await page.goto("/");
  await offlineShellReady(page);
  await context.setOffline(true);

  await page.goto("/securing");
  await expect(page.getByRole("heading", { name: "Mise en sécurité", level: 1 })).toBeVisible();
  await expect(page.getByTestId("offline-banner")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole("link", { name: /Pistolet semi-automatique/ }).click();
  await expect(page.getByRole("heading", { name: "Où se trouve l'arrêtoir du chargeur ?" })).toBeVisible();
  await page.getByRole("link", { name: /Bouton à côté du pontet/ }).click();
  await expect(page.getByRole("heading", { name: "Étapes" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Appuyez sur le bouton d'arrêtoir du chargeur" })).toBeVisible();

  // the start page too; a page never opened gets the French offline page, not the browser's error
  await page.goto("/");
  await expect(page.getByRole("link", { name: /Identifier une arme/ })).toBeVisible();
  await page.goto("/review/measures");
  await expect(page.getByRole("heading", { name: "Hors connexion", level: 1 })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test("the service worker is served and controls the app", async ({ page, request }) => {
  const sw = await request.get("/sw.js");
  expect(sw.status()).toBe(200);
  expect(sw.headers()["content-type"]).toMatch(/javascript/);
  await page.goto("/");
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
  expect(await page.evaluate(() => new URL(navigator.serviceWorker.controller!.scriptURL).pathname)).toBe("/sw.js");
});
