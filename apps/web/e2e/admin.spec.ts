import { execFileSync } from "node:child_process";
import { devices, expect, test, type Browser, type Page } from "@playwright/test";
import { e2eEnv } from "./e2e-env.mjs";
import { saveScreenshot, signIn, skipOnboarding } from "./helpers";

const ADMIN = { email: "admin@basegun.local", password: "admin-demo" };
const EXPERT = { email: "expert@basegun.local", password: "expert-demo" };
const ADMIN_PAGES = ["/admin/models", "/admin/dataset", "/admin/training", "/admin/monitoring"];
// the admin console is a desk tool
const DESKTOP = {
  viewport: { width: 1280, height: 800 },
  deviceScaleFactor: 1,
  isMobile: false,
  hasTouch: false,
  userAgent: devices["Desktop Chrome"].userAgent,
};

/** One value from the e2e database (the same one the server under test uses). */
function sql(query: string): string {
  return execFileSync("psql", [e2eEnv.DATABASE_URL, "-qtAc", query], { encoding: "utf8" }).trim();
}

const productionVersion = () => sql(`SELECT v.version FROM "ModelAlias" a JOIN "ModelVersion" v ON v.id = a."modelVersionId" WHERE a.name = 'production'`);

/**
 * A second registered version for the promotion round trip: the seed ships one model only, and the
 * promotion checks that a version's files are intact, so the fixture is a twin of the shipped version
 * (same folder, same hash) under another version name.
 */
const TWIN = "2026.11.25-90";
function registerTwinOfProduction() {
  sql(
    `INSERT INTO "ModelVersion" (id, version, "artifactPath", "artifactSha256", manifest, metrics, source, status)
     SELECT 'e2etwinmodelversion', '${TWIN}', v."artifactPath", v."artifactSha256", v.manifest, v.metrics, 'shipped', 'registered'
     FROM "ModelAlias" a JOIN "ModelVersion" v ON v.id = a."modelVersionId" WHERE a.name = 'production'
     ON CONFLICT (version) DO NOTHING`,
  );
}

async function adminPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  await skipOnboarding(page);
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin\/models$/);
  return page;
}

test("an admin sees production, promotes a version and rolls it back, with the history", async ({ browser }) => {
  const shipped = productionVersion();
  expect(shipped, "the seed registers the shipped model as production").toMatch(/^\d{4}\.\d{2}\.\d{2}-\d+$/);
  const page = await adminPage(browser);

  // the admin links are in the header menu (the admin lands on the console: its own tabs name them too)
  await page.getByText("Menu principal").click();
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Modèles", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/models$/);
  await expect(page.getByRole("heading", { name: "Registre des modèles" })).toBeVisible();
  await expect(page.getByTestId("production-version")).toHaveText(shipped);
  const shippedRow = page.locator(`[data-testid="model-version-row"][data-version="${shipped}"]`);
  await expect(shippedRow).toContainText("production");
  await expect(shippedRow).toContainText("livrée");
  const history = page.getByTestId("alias-history");
  await expect(history.locator('[data-testid="alias-event"][data-alias="production"]').first()).toContainText(shipped);

  registerTwinOfProduction();
  await page.reload();
  const twinRow = page.locator(`[data-testid="model-version-row"][data-version="${TWIN}"]`);
  await expect(twinRow).toBeVisible();

  // promotion: an explicit confirmation step that names what production becomes
  await twinRow.getByRole("button", { name: "Promouvoir" }).click();
  const dialog = page.getByTestId("promote-dialog");
  await expect(dialog).toContainText(`La production passe de ${shipped} à ${TWIN}.`);
  await dialog.getByLabel("Motif (facultatif)").fill("essai e2e");
  await dialog.getByRole("button", { name: `Mettre ${TWIN} en production` }).click();
  await expect(page.getByTestId("production-version")).toHaveText(TWIN);
  const newest = history.getByTestId("alias-event").first();
  await expect(newest).toHaveAttribute("data-action", "promote");
  await expect(newest).toContainText(`${shipped} → ${TWIN}`);
  await expect(newest).toContainText("Admin Démo");
  await expect(newest).toContainText("essai e2e");
  expect(productionVersion()).toBe(TWIN);

  // rollback: one action (with its confirmation) back to the version before
  await page.getByTestId("alias-production").getByRole("button", { name: "Revenir à la version précédente" }).click();
  // the confirmation names the version production leaves and the one it returns to
  await expect(page.getByTestId("rollback-change")).toContainText(`La production quitte ${TWIN} et revient à ${shipped}.`);
  await page.getByTestId("alias-production").getByRole("button", { name: "Confirmer le retour arrière" }).click();
  await expect(page.getByTestId("production-version")).toHaveText(shipped);
  await expect(history.getByTestId("alias-event").first()).toHaveAttribute("data-action", "rollback");
  await expect(history.getByTestId("alias-event").first()).toContainText(`${TWIN} → ${shipped}`);
  expect(productionVersion()).toBe(shipped);
  await saveScreenshot(page, "admin-models");

  // the comparison with production opens beside the registry
  await twinRow.getByRole("button", { name: "Comparer" }).click();
  await expect(page.getByTestId("model-comparison")).toBeVisible();

  // the other console pages render for the admin
  for (const [path, heading] of [
    ["/admin/dataset", "Jeu de données étiqueté"],
    ["/admin/training", "Entraînement et évaluations"],
    ["/admin/monitoring", "Surveillance des modèles"],
  ] as const) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
  }
  await expect(page.getByText("L'action a échoué.")).toHaveCount(0);
  await page.context().close();
});

for (const who of [
  { role: "an expert", email: EXPERT.email, password: EXPERT.password, home: /\/review$/ },
  { role: "an officer", email: "officer@basegun.local", password: "officer-demo", home: /\/$/ },
]) {
  test(`${who.role} gets a 404 on the admin pages and no admin links`, async ({ browser }) => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await skipOnboarding(page);
    await signIn(page, who.email, who.password);
    await expect(page).toHaveURL(who.home);
    for (const path of ADMIN_PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Page introuvable." })).toBeVisible();
    }
    expect((await page.request.get("/api/trpc/models.list")).status()).toBe(403);
    await page.goto("/");
    await page.getByText("Menu principal").click();
    await expect(page.getByRole("link", { name: "Modèles", exact: true })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Jeu de données" })).toHaveCount(0);
    await context.close();
  });
}
