import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { e2eEnv } from "./e2e-env.mjs";
import { expectNoAxeViolations, expectNoSidewaysScroll, saveScreenshot, signIn, skipOnboarding } from "./helpers";

/**
 * The officer's screens as a new user met them, at 390 × 844: completing the review the platform opened by
 * itself, the language switch away from the menu button, the technical line folded away, "Identifier une
 * autre arme" at the top, and the drawn photo examples. Cases are written straight into the e2e database
 * (as the worker would leave them): no model needed.
 */

const sql = (statement: string) => execFileSync("psql", [e2eEnv.DATABASE_URL, "-qtAc", statement], { encoding: "utf8" }).trim();
const newId = () => `e2e${randomBytes(10).toString("hex")}`;
const hex = () => randomBytes(32).toString("hex");

/** A finished low-tier case of the demo officer, with a markings photo, and the review the platform opened for it. */
function seedAutomaticReview(): { caseId: string; reviewId: string; markingsPhotoId: string } {
  const caseId = newId();
  const reviewId = newId();
  const markingsPhotoId = newId();
  const unit = `E2E officer ${randomBytes(4).toString("hex")}`;
  const probabilities = JSON.stringify({ revolver: 0.42, pistolet_semi_auto_moderne: 0.3, autre_pistolet: 0.28 });
  sql(`
    WITH officer AS (SELECT id FROM "User" WHERE email = 'officer@basegun.local'),
         model AS (SELECT id FROM "ModelVersion" ORDER BY "createdAt" LIMIT 1),
         c AS (INSERT INTO "Case" (id, "ownerId", unit, status, answers, "updatedAt", "completedAt", "procedureNumber")
               SELECT '${caseId}', officer.id, '${unit}', 'done', '{}', now(), now(), 'PV-2026-0412' FROM officer RETURNING id),
         p AS (INSERT INTO "Photo" (id, "caseId", position, kind, "originalKey", "originalSha256", "originalBytes", "originalMime", "derivativeKey", "derivativeSha256", width, height)
               SELECT '${newId()}', c.id, 0, 'overview'::"PhotoKind", 'e2e/${caseId}/o0', '${hex()}', 100, 'image/jpeg', 'e2e/${caseId}/d0', '${hex()}', 480, 320 FROM c
               UNION ALL
               SELECT '${markingsPhotoId}', c.id, 1, 'markings'::"PhotoKind", 'e2e/${caseId}/o1', '${hex()}', 100, 'image/jpeg', 'e2e/${caseId}/d1', '${hex()}', 480, 320 FROM c),
         pr AS (INSERT INTO "Prediction" (id, "caseId", "modelVersionId", "rulesVersion", status, "rawProbabilities", probabilities, "familyProbabilities", family, "topTypology", confidence, tier, "noFirearmScore", "executionProvider", "latencyMs", timings)
               SELECT '${newId()}', c.id, model.id, 'fr-2024-07.1', 'not_determined', '${probabilities}', '${probabilities}', '{"handgun":0.97,"long_gun":0.03}', 'handgun', 'revolver', 0.42, 'low', 0.01, 'cpu', 812, '{}' FROM c, model RETURNING id)
    INSERT INTO "Review" (id, "caseId", "predictionId", reason, status, priority, unit, tier, "topTypology", confidence, "activeKey", "updatedAt")
    SELECT '${reviewId}', c.id, pr.id, 'low_confidence', 'open', 50, '${unit}', 'low', 'revolver', 0.42, c.id || ':1', now() FROM c, pr`);
  return { caseId, reviewId, markingsPhotoId };
}

test.beforeEach(async ({ page }) => {
  await skipOnboarding(page);
  await signIn(page);
  await expect(page).toHaveURL(/\/$/);
});

test("the review the platform opened is completed by the officer (urgency, message, lengths, markings photo); the expert sees it", async ({ page, browser }) => {
  const { caseId, reviewId, markingsPhotoId } = seedAutomaticReview();
  await page.goto(`/identifications/${caseId}`);
  const panel = page.getByTestId("expert-panel");
  await expect(panel.getByTestId("expert-status")).toContainText("en attente d'un expert");
  await panel.getByRole("button", { name: /Compléter la demande/ }).click();
  const form = panel.getByTestId("expert-request-form");
  await form.getByLabel("Message pour l'expert (facultatif)").fill("Garde à vue jusqu'à 18 h");
  await form.getByLabel("Longueur totale mesurée (cm, facultatif)").fill("abc");
  await form.getByRole("button", { name: "Envoyer à l'expert" }).click();
  // a length that is not a number is refused before anything is sent
  await expect(form.getByRole("alert")).toContainText("Longueur invalide");
  await form.getByLabel("Longueur totale mesurée (cm, facultatif)").fill("21,5");
  await expect(form.getByRole("alert")).toHaveCount(0);
  await form.getByLabel("Longueur du canon mesurée (cm, facultatif)").fill("11");
  await form.getByLabel("Photo des marquages à regarder").selectOption({ label: "Photo des marquages 1" });
  await form.getByLabel("Urgent (garde à vue, procédure contrainte par le temps)").check();
  await expectNoAxeViolations(page, { screen: "completing the automatic request", include: '[data-testid="expert-panel"]' });
  await form.evaluate((element) => element.scrollIntoView({ block: "start" }));
  await saveScreenshot(page, "expert-request-complete");
  await form.getByRole("button", { name: "Envoyer à l'expert" }).click();

  const sent = panel.getByTestId("expert-request-sent");
  await expect(sent).toContainText("Transmis à l'expert");
  await expect(sent).toContainText("Urgent (garde à vue)");
  await expect(sent).toContainText("Longueurs : 21,5 cm / canon 11 cm");
  await expect(sent).toContainText("Photo des marquages jointe");
  await expectNoAxeViolations(page, { screen: "request sent", include: '[data-testid="expert-panel"]' });

  // the same review, made urgent: no second one
  expect(sql(`SELECT count(*) || ',' || bool_and(urgent) || ',' || min(reason::text) || ',' || min(id) FROM "Review" WHERE "caseId" = '${caseId}'`)).toBe(
    `1,true,low_confidence,${reviewId}`,
  );
  expect(sql(`SELECT "expertRequest"->>'message' || '|' || ("expertRequest"->>'overallLengthCm') || '|' || ("expertRequest"->>'barrelLengthCm') || '|' || ("expertRequest"->>'markingsPhotoId') FROM "Case" WHERE id = '${caseId}'`)).toBe(
    `Garde à vue jusqu'à 18 h|21.5|11|${markingsPhotoId}`,
  );
  expect(sql(`SELECT data->>'joinedExisting' FROM "AuditLog" WHERE "resourceId" = '${caseId}' AND action = 'review.request'`)).toBe("true");

  // the expert sees the officer's additions on the review screen
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "fr-FR" });
  const expert = await context.newPage();
  await skipOnboarding(expert);
  await signIn(expert, "expert@basegun.local", "expert-demo");
  await expect(expert).toHaveURL(/\/review$/);
  await expert.goto(`/review/${reviewId}`);
  const caseContext = expert.getByTestId("case-context");
  await expect(caseContext.getByTestId("officer-message")).toContainText("Garde à vue jusqu'à 18 h");
  await expect(caseContext).toContainText("21,5 cm");
  await expect(caseContext).toContainText("Urgent");
  await expect(caseContext.getByTestId("officer-markings-photo").getByRole("link", { name: "ouvrir la photo" })).toHaveAttribute("href", new RegExp(markingsPhotoId));
  await expectNoAxeViolations(expert, { screen: "review screen: the officer's context", include: '[data-testid="case-context"]' });
  await context.close();
});

test("result page: «Identifier une autre arme» at the top, the technical line folded away, the language inside the menu", async ({ page }) => {
  const { caseId } = seedAutomaticReview();
  await page.goto(`/identifications/${caseId}`);
  const another = page.getByTestId("identify-another-top");
  await expect(another).toHaveText(/Identifier une autre arme/);
  await expect(another).toBeInViewport();
  // the model/rules/latency line is in a closed «Détails techniques»
  const details = page.getByTestId("technical-details");
  await expect(details.getByText(/Modèle .* · règles .* · 812 ms/)).toBeHidden();
  await expect(page.getByText("Procédure PV-2026-0412", { exact: false })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, { screen: "result page" });
  await details.getByText("Détails techniques").click();
  await expect(details.getByText(/Modèle .* · règles .* · 812 ms/)).toBeVisible();
  await expectNoAxeViolations(page, { screen: "result page, technical details open" });
  await details.evaluate((element) => element.scrollIntoView({ block: "end" }));
  await saveScreenshot(page, "result-technical-details");

  // no language link beside the menu button: it is inside the menu
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: "Switch to English" })).toBeHidden();
  await header.getByText("Menu principal").click();
  const menu = page.getByRole("navigation", { name: "Menu principal" });
  await expect(menu.getByRole("link", { name: "Switch to English" })).toBeVisible();
  await expectNoAxeViolations(page, { screen: "menu open" });
  await menu.getByRole("link", { name: "Switch to English" }).click();
  await expect(page).toHaveURL(new RegExp(`/en/identifications/${caseId}$`));
  await expect(page.getByTestId("identify-another-top")).toHaveText(/Identify another weapon/);

  // «Identifier une autre arme» from the top of the page: one tap to the next photo
  await page.getByTestId("identify-another-top").click();
  await expect(page).toHaveURL(/\/en\/identifications\/new$/);
});

test("the photo guidance shows a drawn good photo and one to avoid", async ({ page }) => {
  await page.goto("/identifications/new");
  const examples = page.getByTestId("photo-examples");
  await expect(examples.getByRole("img", { name: /Dessin d'une bonne photo/ })).toBeVisible();
  await expect(examples.getByRole("img", { name: /Dessin d'une photo à éviter/ })).toBeVisible();
  await expect(examples).toContainText("l'arme entière, de profil, sur un fond uni, bien éclairée");
  await expect(examples).toContainText("À éviter");
  // the photo button is still on the first screen of the phone
  const button = page.getByText("Prendre ou choisir une photo", { exact: true }).first();
  const box = await button.boundingBox();
  expect(box && box.y + box.height, "photo button above the fold").toBeLessThanOrEqual(844);
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, { screen: "new identification" });
  await saveScreenshot(page, "upload-guidance");
  // signed in, the language is inside the main menu, away from the menu button
  await page.getByRole("banner").getByText("Menu principal").click();
  await expect(page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Switch to English" })).toBeVisible();
  await saveScreenshot(page, "menu-language");
});
