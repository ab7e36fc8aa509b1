import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { datasetsDir, e2eEnv } from "./e2e-env.mjs";
import { expectNoSidewaysScroll, realHandgunPhoto, saveScreenshot, signIn, skipOnboarding, workerRunning } from "./helpers";

function note(what: string, value: string) {
  test.info().annotations.push({ type: what, description: value });
  console.log(`[measure] ${what}: ${value}`);
}

/** Puts a case in the state the worker leaves after its last failed attempt (test database only). */
function markCaseFailed(caseId: string) {
  if (!/^[a-z0-9]+$/.test(caseId)) throw new Error(`unexpected case id ${caseId}`);
  execFileSync("psql", [e2eEnv.DATABASE_URL, "-qtAc", `UPDATE "Case" SET status = 'failed', "failureReason" = 'e2e', "updatedAt" = now() WHERE id = '${caseId}'`]);
}

test.beforeEach(async ({ page }) => {
  await skipOnboarding(page);
  await signIn(page);
  await expect(page).toHaveURL(/\/$/);
});

test("a file that is not a photo is refused with a French message, without a retry of the same file", async ({ page }) => {
  await page.goto("/identifications/new");
  await page.getByLabel("Prendre ou choisir une photo").setInputFiles({ name: "notes.jpg", mimeType: "image/jpeg", buffer: Buffer.from("ceci n'est pas une image") });
  await expect(page.getByTestId("upload-error")).toHaveText("Ce fichier n'est pas une photo lisible (formats acceptés : JPEG, PNG, WebP).");
  await expect(page.getByRole("button", { name: "Réessayer avec la même photo" })).toBeHidden();
  await expect(page).toHaveURL(/\/identifications\/new$/);
});

test("an oversized upload is refused with a French message", async ({ page }) => {
  await page.goto("/identifications/new");
  // JPEG magic bytes then 16 MB of padding: the browser cannot decode it, so it is sent as it is
  const oversized = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(16 * 1024 * 1024, 0x20)]);
  await page.getByLabel("Prendre ou choisir une photo").setInputFiles({ name: "big.jpg", mimeType: "image/jpeg", buffer: oversized });
  await expect(page.getByTestId("upload-error")).toHaveText("Photo trop volumineuse (15 Mo au maximum).", { timeout: 30_000 });
});

test("the officer photographs a weapon and reaches its category in three taps", async ({ page }) => {
  const photo = realHandgunPhoto();
  test.skip(!photo, "DATASETS_DIR has no weapons-coarse photos: real-photo upload not tested");

  // tap 1: start page → identify
  await page.getByRole("link", { name: /Identifier une arme/ }).click();
  await expect(page.getByRole("heading", { name: "Identifier une arme" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await saveScreenshot(page, "upload");

  // tap 2: choose the photo (the camera or gallery); the upload starts by itself
  const chosenAt = Date.now();
  await page.getByLabel("Prendre ou choisir une photo").setInputFiles(photo!);
  await expect(page).toHaveURL(/\/identifications\/(?!new$)[a-z0-9]+$/, { timeout: 30_000 });
  note("photo chosen → result page", `${Date.now() - chosenAt} ms`);

  // the analysed photo is shown whole, with alt text, and actually loads
  const analysed = page.getByRole("img", { name: "Photo analysée de l'arme" });
  await expect(analysed).toBeVisible();
  await expect.poll(() => analysed.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  expect(await analysed.evaluate((img) => getComputedStyle(img).objectFit)).toBe("contain");
  await expectNoSidewaysScroll(page);

  test.skip(!workerRunning(), "no inference worker (no trained model shipped under MODELS_DIR): result content not tested");

  // tap 3 is none: the result arrives live
  const verdict = page.getByTestId("typology");
  await expect(verdict).toBeVisible({ timeout: 45_000 });
  note("photo chosen → verdict shown", `${Date.now() - chosenAt} ms`);
  const tier = page.getByTestId("tier");
  await expect(tier).toBeVisible();
  await expect(tier).toContainText(/Fiabilité (élevée|moyenne|insuffisante)/);

  const undetermined = (await verdict.textContent())?.includes("Typologie non déterminée");
  if (!undetermined) {
    const category = page.getByTestId("category");
    await expect(category).toContainText(/Catégorie [ABCD]|Non classée/);
    // the verdict fits on the first screen: no scrolling needed to read the category
    const box = await category.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(844);
  }
  await expect(page.getByText("Ce résultat n'a qu'une valeur de renseignement", { exact: false })).toBeAttached();
  await saveScreenshot(page, "result");

  // the case is in "Mes identifications" with its status
  await page.goto("/identifications");
  await expect(page.getByRole("heading", { name: "Mes identifications" })).toBeVisible();
  await expect(page.getByText("Terminée").first()).toBeVisible();
});

// A held-out test photo of the shared datasets (split of seed 42): the served model (2026.12.06-5) names
// military-style semi-automatics at the medium tier, so the officer reads a typology and its category.
const heldOutSmgPhoto = path.join(datasetsDir, "weapons-coarse/SMG/Heckler-Koch-MP5-Wikipedia_jpg.rf.afe21ebed4acf79f502b945d63bd1594.jpg");

test("a real photo the model knows well is named at the medium tier, with its category on the first screen", async ({ page }) => {
  test.skip(!existsSync(heldOutSmgPhoto), "DATASETS_DIR has no weapons-coarse photos");
  test.skip(!workerRunning(), "no inference worker: the model's answer is not tested");
  await page.goto("/identifications/new");
  await page.getByLabel("Prendre ou choisir une photo").setInputFiles(heldOutSmgPhoto);
  await expect(page).toHaveURL(/\/identifications\/(?!new$)[a-z0-9]+$/, { timeout: 30_000 });
  await expect(page.getByTestId("typology")).toHaveText("Arme semi-automatique ou automatique", { timeout: 45_000 });
  await expect(page.getByTestId("tier")).toContainText("Fiabilité moyenne");
  const category = page.getByTestId("category");
  await expect(category).toContainText(/Catégorie [ABCD]/);
  const box = await category.boundingBox();
  expect(box && box.y + box.height).toBeLessThanOrEqual(844);
  await expectNoSidewaysScroll(page);
  await saveScreenshot(page, "result-medium");
});

test("a failed analysis offers 'Relancer l'analyse', which queues it again and shows the result live", async ({ page }) => {
  const photo = realHandgunPhoto();
  test.skip(!photo || !workerRunning(), "needs the datasets and the inference worker");

  await page.goto("/identifications/new");
  await page.getByLabel("Prendre ou choisir une photo").setInputFiles(photo!);
  await expect(page).toHaveURL(/\/identifications\/(?!new$)[a-z0-9]+$/, { timeout: 30_000 });
  await expect(page.getByTestId("typology")).toBeVisible({ timeout: 45_000 });
  const caseId = page.url().split("/").pop()!;

  // a job that died for good: what the worker leaves after its last attempt
  markCaseFailed(caseId);
  await page.reload();
  await expect(page.getByText("L'analyse a échoué.")).toBeVisible();
  await page.getByRole("button", { name: "Relancer l'analyse" }).click();
  await expect(page.getByTestId("typology")).toBeVisible({ timeout: 45_000 });
});

test("the case reaches an expert (by itself when unsure, or on request) and takes another photo", async ({ page }) => {
  const photo = realHandgunPhoto();
  test.skip(!photo || !workerRunning(), "needs the datasets and the inference worker");

  await page.goto("/identifications/new");
  await page.getByLabel("Prendre ou choisir une photo").setInputFiles(photo!);
  await expect(page.getByTestId("typology")).toBeVisible({ timeout: 45_000 });

  const panel = page.getByTestId("expert-panel");
  const status = panel.getByTestId("expert-status");
  if (!(await status.isVisible())) {
    await panel.getByRole("button", { name: "Demander l'avis d'un expert" }).click();
    await panel.getByLabel("Message pour l'expert (facultatif)").fill("Arme trouvée lors d'une perquisition");
    await panel.getByRole("button", { name: "Envoyer la demande" }).click();
  }
  await expect(status).toContainText(/en attente d'un expert|examine cette identification/);
  await expect(status).toContainText(/Motif : /);

  // another angle: the case is identified again with both photos
  await panel.getByLabel("Ajouter une photo").setInputFiles(photo!);
  await expect(page.getByRole("img", { name: "Photo analysée de l'arme (2 sur 2)" })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId("typology")).toBeVisible({ timeout: 45_000 });
});

test("a confident result shows typology, tier and category on the first screen of a phone", async ({ page }) => {
  const photo = realHandgunPhoto();
  test.skip(!photo || !workerRunning(), "needs a dataset photo and the inference worker");
  await page.goto("/identifications/new");
  await page.getByLabel("Prendre ou choisir une photo").setInputFiles(photo!);
  await expect(page.getByTestId("typology")).toBeVisible({ timeout: 45_000 });
  const caseId = page.url().split("/").pop()!;
  expect(caseId).toMatch(/^[a-z0-9]+$/);

  // The shipped model is never confident on real photos (see its model card), so the stored prediction
  // is turned into a confident one to check what an officer would see then.
  execFileSync("psql", [e2eEnv.DATABASE_URL, "-qtAc",
    `UPDATE "Prediction" SET status = 'identified', typology = 'pistolet_semi_auto_moderne', tier = 'high', confidence = 0.991 WHERE "caseId" = '${caseId}'`]);
  await page.reload();

  await expect(page.getByTestId("typology")).toContainText("Pistolet semi-automatique");
  await expect(page.getByTestId("tier")).toContainText(/Fiabilité élevée/);
  const category = page.getByTestId("category");
  await expect(category).toContainText("Catégorie B");
  for (const testId of ["typology", "tier", "category"]) {
    const box = await page.getByTestId(testId).boundingBox();
    expect(box, testId).not.toBeNull();
    expect(box!.y + box!.height, `${testId} is above the fold`).toBeLessThanOrEqual(844);
  }
  const analysed = page.getByRole("img", { name: "Photo analysée de l'arme" });
  expect(await analysed.evaluate((img) => getComputedStyle(img).objectFit)).toBe("contain");
  await saveScreenshot(page, "result-confident");
});
