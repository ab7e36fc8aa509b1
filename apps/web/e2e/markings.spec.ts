import { execFileSync } from "node:child_process";
import { devices, expect, test } from "@playwright/test";
import sharp from "sharp";
import { e2eEnv } from "./e2e-env.mjs";
import { expectNoAxeViolations, saveScreenshot, signIn, skipOnboarding, workerRunning } from "./helpers";

const EXPERT = { email: "expert@basegun.local", password: "expert-demo" };

/** The latest review of a case (the same e2e database the server under test uses). */
function latestReviewId(caseId: string): string {
  if (!/^[a-z0-9]+$/.test(caseId)) throw new Error(`unexpected case id ${caseId}`);
  return execFileSync("psql", [e2eEnv.DATABASE_URL, "-qtAc", `SELECT id FROM "Review" WHERE "caseId" = '${caseId}' ORDER BY "createdAt" DESC LIMIT 1`], { encoding: "utf8" }).trim();
}

/** A drawn weapon-like photo (never a dataset photo): the case's own photo, to reach a result page. */
function drawnWeapon(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400">
    <rect width="640" height="400" fill="#d8d2c4"/>
    <rect x="120" y="170" width="380" height="34" rx="6" fill="#222"/>
    <rect x="140" y="200" width="70" height="120" rx="10" fill="#333" transform="rotate(12 175 260)"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

/** A close-up of stamped markings, rendered by the test with a font of the machine. */
function renderedMarkings(lines: string[]): Promise<Buffer> {
  const text = lines.map((line, index) => `<text x="40" y="${100 + index * 66}" font-family="DejaVu Sans" font-size="44" font-weight="bold" fill="#2b2b2b">${line}</text>`).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="${120 + lines.length * 66}"><rect width="100%" height="100%" fill="#c4c3bd"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

test.beforeEach(async ({ page }) => {
  await skipOnboarding(page);
  await signIn(page);
  await expect(page).toHaveURL(/\/$/);
});

test("a markings photo of a reference alarm gun proposes the alarm gun and category C, live", async ({ page }) => {
  test.skip(!workerRunning(), "no inference worker (no trained model shipped under MODELS_DIR): markings are not read");

  await page.goto("/identifications/new");
  await page.getByLabel("Prendre ou choisir une photo").setInputFiles({ name: "arme.jpg", mimeType: "image/jpeg", buffer: await drawnWeapon() });
  await expect(page).toHaveURL(/\/identifications\/(?!new$)[a-z0-9]+$/, { timeout: 30_000 });
  await expect(page.getByTestId("typology")).toBeVisible({ timeout: 45_000 });

  const panel = page.getByTestId("markings-panel");
  await expect(panel.getByRole("heading", { name: "Marquages" })).toBeVisible();
  const chosenAt = Date.now();
  await panel.getByLabel("Photographier les marquages").setInputFiles({ name: "marquages.jpg", mimeType: "image/jpeg", buffer: await renderedMarkings(["ZORAKI 918 CAL 9mm P.A.K"]) });

  const match = panel.getByTestId("markings-match");
  await expect(match).toContainText("Arme d'alarme de la liste de référence : Zoraki 918", { timeout: 45_000 });
  console.log(`[measure] markings photo chosen → alarm gun shown: ${Date.now() - chosenAt} ms`);
  await expect(panel).toContainText("Marquage lu : « ZORAKI 918 CAL");
  await expect(match).toContainText("d'après les marquages");
  await expect(match.getByTestId("markings-category")).toContainText("Catégorie C");
  await expect(match).toContainText("Soumise à déclaration");
  await expectNoAxeViolations(page);
  await panel.scrollIntoViewIfNeeded();
  await saveScreenshot(page, "result-markings");

  // a close-up without any readable text says so and offers the visual key
  await panel.getByLabel("Nouvelle photo des marquages").setInputFiles({ name: "vide.jpg", mimeType: "image/jpeg", buffer: await renderedMarkings([]) });
  await expect(panel.getByText("Aucun marquage lisible")).toBeVisible({ timeout: 45_000 });
  await expect(panel.getByRole("link", { name: "Identifier avec la clé visuelle" })).toHaveAttribute("href", "#identifier");
  await expectNoAxeViolations(page);
});

test("the expert reviewing the case sees the text read on the markings and the match", async ({ page, browser }) => {
  test.skip(!workerRunning(), "no inference worker (no trained model shipped under MODELS_DIR): markings are not read");
  await page.goto("/identifications/new");
  await page.getByLabel("Prendre ou choisir une photo").setInputFiles({ name: "arme.jpg", mimeType: "image/jpeg", buffer: await drawnWeapon() });
  await expect(page.getByTestId("typology")).toBeVisible({ timeout: 45_000 });
  const caseId = page.url().split("/").pop()!;
  const panel = page.getByTestId("markings-panel");
  await panel.getByLabel("Photographier les marquages").setInputFiles({ name: "marquages.jpg", mimeType: "image/jpeg", buffer: await renderedMarkings(["KIMAR 92 AUTO", "9mm P.A.K"]) });
  await expect(panel.getByTestId("markings-match")).toContainText("Kimar 92 Auto", { timeout: 45_000 });

  // the shipped model is unsure of a drawn weapon: the case waits for an expert (or the officer asks)
  const expertPanel = page.getByTestId("expert-panel");
  if (!(await expertPanel.getByTestId("expert-status").isVisible())) {
    await expertPanel.getByRole("button", { name: "Demander l'avis d'un expert" }).click();
    await expertPanel.getByRole("button", { name: "Envoyer la demande" }).click();
    await expect(expertPanel.getByTestId("expert-status")).toBeVisible();
  }
  const reviewId = latestReviewId(caseId);
  expect(reviewId).toMatch(/^[a-z0-9]+$/);

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false, userAgent: devices["Desktop Chrome"].userAgent });
  const expert = await context.newPage();
  await signIn(expert, EXPERT.email, EXPERT.password);
  await expect(expert).toHaveURL(/\/review$/);
  await expert.goto(`/review/${reviewId}`);
  const block = expert.getByTestId("markings-readings");
  await expect(block.getByRole("heading", { name: "Marquages lus (OCR)" })).toBeVisible();
  await expect(block).toContainText("KIMAR 92 AUTO");
  await expect(block).toContainText("Arme d'alarme de la liste de référence : Kimar 92 Auto");
  await expect(block).toContainText("Typologie d'après les marquages : Pistolet semi-automatique");
  await expectNoAxeViolations(expert, { include: '[data-testid="markings-readings"]' });
  await context.close();
});
