import { execFileSync } from "node:child_process";
import { devices, expect, test, type Browser, type Page } from "@playwright/test";
import { e2eEnv } from "./e2e-env.mjs";
import { realHandgunPhoto, saveScreenshot, signIn, skipOnboarding, workerRunning } from "./helpers";

const EXPERT = { email: "expert@basegun.local", password: "expert-demo" };
// the expert works at a desk: a laptop screen, a mouse and a keyboard
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

const safeId = (id: string) => {
  if (!/^[a-z0-9]+$/.test(id)) throw new Error(`unexpected id ${id}`);
  return id;
};

/** The officer (on the phone) sends a real photo and makes sure the case is waiting for an expert. */
async function officerSendsCaseToExpert(page: Page, photo: string): Promise<string> {
  await skipOnboarding(page);
  await signIn(page);
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/identifications/new");
  await page.getByLabel("Prendre ou choisir une photo").setInputFiles(photo);
  await expect(page.getByTestId("typology")).toBeVisible({ timeout: 45_000 });
  const caseId = safeId(page.url().split("/").pop()!);

  const panel = page.getByTestId("expert-panel");
  const status = panel.getByTestId("expert-status");
  // the current model is unsure of real photos (low tier): the case usually goes to the queue by itself
  if (!(await status.isVisible())) {
    await panel.getByRole("button", { name: "Demander l'avis d'un expert" }).click();
    await panel.getByLabel("Message pour l'expert (facultatif)").fill("Arme trouvée lors d'une perquisition");
    await panel.getByRole("button", { name: "Envoyer la demande" }).click();
  }
  await expect(status).toContainText(/en attente d'un expert/);
  return caseId;
}

async function expertPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  await signIn(page, EXPERT.email, EXPERT.password);
  // experts land on the queue
  await expect(page).toHaveURL(/\/review$/);
  return page;
}

async function claimFromQueue(expert: Page, caseId: string): Promise<string> {
  const row = expert.locator(`[data-testid="queue-row"][data-case-id="${caseId}"]`);
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Prendre" }).click();
  await expect(expert).toHaveURL(/\/review\/[a-z0-9]+$/);
  await expect(expert.getByTestId("claim-bar")).toContainText("Vous examinez ce cas.");
  return safeId(expert.url().split("/").pop()!);
}

test("an officer never reaches the expert pages, nor their API", async ({ page }) => {
  await skipOnboarding(page);
  await signIn(page);
  await expect(page).toHaveURL(/\/$/);

  for (const path of ["/review", "/review/measures", "/admin/routing", "/review/abc123"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page introuvable." })).toBeVisible();
  }
  const api = await page.request.get("/api/trpc/review.queue");
  expect(api.status()).toBe(403);

  await page.goto("/");
  await page.getByText("Menu principal").click();
  const menu = page.getByRole("navigation", { name: "Menu principal" });
  await expect(menu.getByRole("link", { name: "Mes identifications" })).toBeVisible();
  // my identifications, securing guides, my API keys, and the language (kept away from the menu button)
  await expect(menu.getByRole("link", { name: "Clés d'API" })).toBeVisible();
  await expect(menu.getByRole("link", { name: "Switch to English" })).toBeVisible();
  await expect(menu.getByRole("link")).toHaveCount(4);
  await expect(page.getByRole("link", { name: /File d'attente|Mesures|Politique de routage/ })).toHaveCount(0);
});

test("an expert takes an uncertain case from the queue and corrects it; the officer sees the verdict and the dataset holds the label", async ({ page, browser }) => {
  const photo = realHandgunPhoto();
  test.skip(!photo || !workerRunning(), "needs the datasets and the inference worker");
  test.setTimeout(150_000);

  const caseId = await officerSendsCaseToExpert(page, photo!);

  const expert = await expertPage(browser);
  await expect(expert.getByRole("heading", { name: "File d'attente des experts" })).toBeVisible();
  await expert.getByText("Menu principal").click();
  await expect(expert.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Mesures de la revue" })).toBeVisible();
  await expect(expert.getByRole("link", { name: "Politique de routage" })).toHaveCount(0);
  await expert.getByText("Menu principal").click();
  expect(Number(await expert.getByTestId("count-waiting").textContent())).toBeGreaterThanOrEqual(1);
  await expect(expert.getByTestId("oldest-waiting")).not.toHaveText("—");
  // the officer's unit filters the queue through the URL
  await expert.getByLabel("Service").fill("BR Paris 75");
  await expert.getByLabel("Service").press("Enter");
  await expect(expert).toHaveURL(/unit=BR\+Paris\+75/);
  await expect(expert.locator(`[data-testid="queue-row"][data-case-id="${caseId}"]`)).toBeVisible();
  await saveScreenshot(expert, "expert-queue");

  const reviewId = await claimFromQueue(expert, caseId);

  // every photo, loaded, with zoom by button and by keyboard
  const photoShown = expert.getByRole("img", { name: /^Photo de l'arme \(1 sur \d\)$/ });
  await expect.poll(() => photoShown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expert.getByRole("button", { name: "Zoomer", exact: true }).click();
  await expect(expert.getByTestId("zoom-level")).toHaveText("125 %");
  await expert.keyboard.press("0");
  await expect(expert.getByTestId("zoom-level")).toHaveText("100 %");
  await expect(expert.getByTestId("model-answer").getByRole("listitem")).toHaveCount(3);
  await expect(expert.getByTestId("shortcut-legend")).toContainText("Corriger");

  // R opens the correction with the typology search focused; the category comes from the rules and the
  // answers the expert gives (a swing-out cylinder: B)
  await expert.keyboard.press("r");
  const typology = expert.getByRole("combobox", { name: "Typologie" });
  await expect(typology).toBeFocused();
  await typology.fill("revolver");
  await typology.press("Enter");
  await expect(expert.getByTestId("rules-letters")).toContainText("catégorie B ou D");
  await expert.getByLabel("Quel système d'ouverture voyez-vous sur le revolver ?").selectOption("swing_out");
  await expect(expert.getByTestId("rules-letters")).toContainText("catégorie B");
  await expert.getByLabel("Rechercher un modèle de référence").fill("manurhin mr73");
  await expert.getByRole("button", { name: /Manurhin MR73/ }).click();
  await expect(expert.getByLabel("Marque", { exact: true })).toHaveValue("Manurhin");
  await expect(expert.getByLabel("Calibre", { exact: true })).toHaveValue(".357 Magnum");
  await expert.getByLabel("Notes (internes)").fill("Barillet basculant visible sur la photo");
  // the screenshot shows the claim and the model's answer above the form
  await expert.getByTestId("claim-bar").scrollIntoViewIfNeeded();
  await saveScreenshot(expert, "expert-review");

  await expert.getByRole("button", { name: "Enregistrer la correction" }).click();
  await expect(expert.getByTestId("decision-saved")).toContainText(/Décision enregistrée \(\d+ photos? ajoutées? au jeu de données\)/);

  // the dataset holds the expert's label, one item per photo, with its provenance
  const items = sql(
    `SELECT count(*) || '|' || string_agg(DISTINCT typology || ':' || array_to_string("categoryLetters", ',') || ':' || source || ':' || usable, ';')
       FROM "DatasetItem" WHERE "reviewId" = '${reviewId}'`,
  );
  const [count, labels] = items.split("|");
  expect(Number(count)).toBeGreaterThanOrEqual(1);
  expect(labels).toBe("revolver:B:expert_review:true");

  // the officer sees the expert's verdict on the case page
  await page.reload();
  const verdict = page.getByTestId("expert-answer");
  await expect(verdict).toContainText("Corrigé par l'expert");
  await expect(verdict).toContainText("Revolver");
  await expect(verdict).toContainText("Catégorie B");
  await expect(verdict).toContainText("Manurhin");

  // the measures count the decision for this expert
  await expert.goto("/review/measures?days=1");
  await expect(expert.getByRole("heading", { name: "Mesures de la revue experte" })).toBeVisible();
  await expect(expert.getByRole("row", { name: /Expert SCAE Démo/ })).toBeVisible();
  await expect(expert.getByRole("img", { name: "Nombre de cas sans décision à chaque instant de la période" })).toBeVisible();
  // the routing policy is for admins only
  expect((await expert.goto("/admin/routing"))?.status()).toBe(404);
  await expert.goto(`/review/${reviewId}`);
  await expect(expert.getByTestId("decision-summary")).toContainText("Résultat corrigé");

  // N takes the next case (or says none is left); Esc gives it back to the queue
  // the page is server-rendered first: a key pressed before React attaches its handler is lost, so if
  // nothing happened after a few seconds, press once more
  const afterNext = async () =>
    expert.url().endsWith(`/review/${reviewId}`) ? ((await expert.getByText("Aucun cas en attente pour ces filtres.").isVisible()) ? "none" : "waiting") : "moved";
  await expert.keyboard.press("n");
  const firstTry = await expect.poll(afterNext, { timeout: 5_000 }).not.toBe("waiting").then(() => true, () => false);
  if (!firstTry) {
    await expert.keyboard.press("n");
    await expect.poll(afterNext, { timeout: 15_000 }).not.toBe("waiting");
  }
  if (!expert.url().endsWith(`/review/${reviewId}`)) {
    const nextId = safeId(expert.url().split("/").pop()!);
    await expect(expert.getByTestId("claim-bar")).toContainText("Vous examinez ce cas.");
    await expert.keyboard.press("Escape");
    await expect(expert).toHaveURL(/\/review$/);
    expect(sql(`SELECT status FROM "Review" WHERE id = '${nextId}'`)).toBe("open");
  }
  await expert.context().close();
});

test("a decision that comes second is refused clearly, with a way forward", async ({ page, browser }) => {
  const photo = realHandgunPhoto();
  test.skip(!photo || !workerRunning(), "needs the datasets and the inference worker");
  test.setTimeout(120_000);

  const caseId = await officerSendsCaseToExpert(page, photo!);
  const expert = await expertPage(browser);
  const reviewId = await claimFromQueue(expert, caseId);

  // meanwhile the claim ran out and another expert (the admin) decided the case
  sql(
    `UPDATE "Review" SET status = 'decided', decision = 'unusable', "messageToOfficer" = 'Autre angle', "activeKey" = NULL, "claimedUntil" = NULL,
       "decidedById" = (SELECT id FROM "User" WHERE email = 'admin@basegun.local'), "decidedAt" = now(), version = version + 1
     WHERE id = '${reviewId}'`,
  );

  await expert.keyboard.press("u");
  await expect(expert.getByLabel("Message pour l'agent")).toBeFocused();
  await expert.getByLabel("Message pour l'agent").fill("Photographiez le côté gauche");
  await expert.getByRole("button", { name: "Demander une autre photo" }).click();

  const conflict = expert.getByTestId("decision-conflict");
  await expect(conflict).toContainText("Un autre expert a rendu sa décision sur ce cas avant vous.");
  await expect(conflict).toContainText("Votre décision n'a pas été enregistrée");
  await conflict.getByRole("button", { name: "Voir sa décision" }).click();
  await expect(expert.getByTestId("decision-summary")).toContainText("Photo inexploitable");
  await expect(expert.getByTestId("decision-summary")).toContainText("Admin Démo");
  expect(sql(`SELECT count(*) FROM "DatasetItem" WHERE "reviewId" = '${reviewId}'`)).toBe("0");
  await expert.context().close();
});

test("an admin saves a new routing policy version and sees it in the history", async ({ browser }) => {
  const context = await browser.newContext(DESKTOP);
  const admin = await context.newPage();
  await signIn(admin, "admin@basegun.local", "admin-demo");
  await expect(admin).toHaveURL(/\/admin\/models$/);
  await admin.getByText("Menu principal").click();
  await admin.getByRole("link", { name: "Politique de routage" }).click();
  await expect(admin.getByRole("heading", { name: "Politique de routage vers les experts" })).toBeVisible();
  const before = Number(sql(`SELECT coalesce(max(version), 0) FROM "RoutingPolicy"`));

  const form = admin.getByTestId("policy-form");
  await form.getByLabel("Taux d'échantillonnage (%)").fill("150");
  await form.getByRole("button", { name: "Enregistrer une nouvelle version" }).click();
  await expect(form.getByRole("alert")).toHaveText("Taux d'échantillonnage : un pourcentage entre 0 et 100.");

  await form.getByLabel("Taux d'échantillonnage (%)").fill("7,5");
  await form.getByLabel("Motif du changement (facultatif)").fill("Pilote e2e");
  await form.getByRole("button", { name: "Enregistrer une nouvelle version" }).click();
  await expect(form.getByRole("status")).toHaveText(`Version v${before + 1} enregistrée et en vigueur.`);
  const latest = admin.getByTestId("policy-history").getByRole("row").nth(1);
  await expect(latest).toContainText(`v${before + 1}`);
  await expect(latest).toContainText("7,5 %");
  await expect(latest).toContainText("Pilote e2e");
  expect(sql(`SELECT "qualitySampleRate" FROM "RoutingPolicy" WHERE version = ${before + 1}`)).toBe("0.075");
  await context.close();
});
