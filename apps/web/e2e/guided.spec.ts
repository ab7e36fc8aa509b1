import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { e2eEnv } from "./e2e-env.mjs";
import { expectNoAxeViolations, expectNoSidewaysScroll, realHandgunPhoto, saveScreenshot, signIn, skipOnboarding, workerRunning } from "./helpers";

/**
 * The guided identification at 390 × 844: the officer's own choice (a candidate card or the visual key)
 * gives a category and the securing guide at once, marked as the officer's, and the case goes to an
 * expert as "identifiée par l'agent".
 */

const sql = (statement: string) => execFileSync("psql", [e2eEnv.DATABASE_URL, "-qtAc", statement], { encoding: "utf8" }).trim();

function note(what: string, value: string) {
  test.info().annotations.push({ type: what, description: value });
  console.log(`[measure] ${what}: ${value}`);
}

/** WCAG 2.1 A and AA, as the repository's other screens are checked. */
async function expectAboveTheFold(page: Page, testId: string) {
  const box = await page.getByTestId(testId).boundingBox();
  expect(box, testId).not.toBeNull();
  expect(box!.y + box!.height, `${testId} is above the fold`).toBeLessThanOrEqual(844);
}

/**
 * A real photo through the whole path (upload → worker → result), then its stored prediction set to the
 * case the issue describes: the shipped model is unsure on field photos, so the figures are fixed here
 * (test database only) for the cards to be the same on every run.
 */
async function uploadedCase(page: Page, prediction: { tier: "low" | "medium" | "high"; familyConfidence: number; typology?: string }) {
  await page.goto("/identifications/new");
  await page.getByLabel("Prendre ou choisir une photo").setInputFiles(realHandgunPhoto()!);
  await expect(page).toHaveURL(/\/identifications\/(?!new$)[a-z0-9]+$/, { timeout: 30_000 });
  await expect(page.getByTestId("typology")).toBeVisible({ timeout: 45_000 });
  const caseId = page.url().split("/").pop()!;
  expect(caseId).toMatch(/^[a-z0-9]+$/);
  const handgun = prediction.familyConfidence;
  const probabilities =
    prediction.tier === "low"
      ? { revolver: 0.42, pistolet_semi_auto_moderne: 0.3, autre_pistolet: 0.12, epaule_a_pompe: 0.1, epaule_a_verrou: 0.06 }
      : prediction.tier === "medium"
        ? { [prediction.typology!]: 0.8, revolver: 0.15, autre_pistolet: 0.05 }
        : { [prediction.typology!]: 0.99, revolver: 0.01 };
  const identified = prediction.tier !== "low";
  sql(`UPDATE "Prediction" SET status = '${identified ? "identified" : "not_determined"}', tier = '${prediction.tier}',
         typology = ${identified ? `'${prediction.typology}'` : "NULL"}, "topTypology" = '${identified ? prediction.typology : "revolver"}',
         confidence = ${identified ? 0.99 : 0.42}, family = '${handgun >= 0.5 ? "handgun" : "long_gun"}',
         probabilities = '${JSON.stringify(probabilities)}'::jsonb,
         "familyProbabilities" = '${JSON.stringify({ handgun, long_gun: Number((1 - handgun).toFixed(4)) })}'::jsonb
       WHERE "caseId" = '${caseId}'`);
  await page.reload();
  return caseId;
}

test.beforeEach(async ({ page }) => {
  test.skip(!realHandgunPhoto() || !workerRunning(), "needs a dataset photo and the inference worker");
  await skipOnboarding(page);
  await signIn(page);
  await expect(page).toHaveURL(/\/$/);
});

test("low tier: «Quelle arme avez-vous ?» above the fold; one card gives the category and the securing guide", async ({ page, browser }) => {
  const caseId = await uploadedCase(page, { tier: "low", familyConfidence: 0.95 });

  // the question and its cards are on the first screen of the phone, without percentages
  const chooser = page.getByTestId("guided-chooser");
  await expect(chooser.getByRole("heading", { name: "Quelle arme avez-vous ?" })).toBeVisible();
  await expectAboveTheFold(page, "guided-chooser");
  await expect(chooser.getByRole("button", { name: /Pistolet semi-automatique/ })).toContainText("glissière");
  await expect(chooser).not.toContainText("%");
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, { screen: "cards" });
  await saveScreenshot(page, "guided-cards");

  // tap 1: the card
  const shownAt = Date.now();
  await chooser.getByRole("button", { name: /Pistolet semi-automatique/ }).click();
  const choice = page.getByTestId("officer-choice");
  await expect(choice.getByTestId("officer-category")).toContainText("Catégorie B");
  note("guided: result page → category (card)", `1 tap, ${Date.now() - shownAt} ms`);
  await expect(choice.getByTestId("officer-badge")).toHaveText("Indiquée par l'agent");
  await expect(choice.getByTestId("officer-typology")).toHaveText("Pistolet semi-automatique");
  await expectAboveTheFold(page, "officer-category");
  await expectAboveTheFold(page, "securing-link");
  // the model's own answer stays "not determined": the officer's choice is never shown as the model's
  await expect(page.getByTestId("typology")).toHaveText("Typologie non déterminée");
  // its category questions, as for a confident model answer (alarm gun for a pistol)
  await expect(page.getByRole("heading", { name: "Préciser la catégorie" })).toBeVisible();
  await expectNoAxeViolations(page, { screen: "officer choice" });
  await saveScreenshot(page, "guided-officer-choice");

  // stored, routed to an expert with its reason, and no dataset label before an expert confirms it
  expect(sql(`SELECT "officerTypology" || ',' || "officerChoiceSource" FROM "Case" WHERE id = '${caseId}'`)).toBe("pistolet_semi_auto_moderne,officer");
  expect(sql(`SELECT reason FROM "Review" WHERE "caseId" = '${caseId}' AND "activeKey" IS NOT NULL`)).toBe("officer_identified");
  expect(sql(`SELECT count(*) FROM "DatasetItem" d JOIN "Photo" p ON p.id = d."photoId" WHERE p."caseId" = '${caseId}'`)).toBe("0");

  // tap 2: the securing guide of that typology
  await choice.getByTestId("securing-link").click();
  await expect(page).toHaveURL(new RegExp(`/securing/pistolet_semi_auto_moderne\\?case=${caseId}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Pistolet semi-automatique" })).toBeVisible();
  note("guided: result page → securing guide (card)", `2 taps, ${Date.now() - shownAt} ms`);

  // "Mes identifications" tells this case apart
  await page.goto("/identifications");
  const row = page.getByRole("link").filter({ has: page.getByTestId("case-state") }).first();
  await expect(row).toContainText("Pistolet semi-automatique");
  await expect(row.getByTestId("case-state")).toHaveText("Indiquée par l'agent · en attente d'expert");
  await expect(row).toContainText("arme de poing");
  await expectNoAxeViolations(page, { screen: "list" });
  await saveScreenshot(page, "guided-list");

  // the expert sees the officer's choice on the review screen (read-only), apart from the model's answer
  const reviewId = sql(`SELECT id FROM "Review" WHERE "caseId" = '${caseId}' AND "activeKey" IS NOT NULL`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "fr-FR" });
  const expert = await context.newPage();
  await skipOnboarding(expert);
  await signIn(expert, "expert@basegun.local", "expert-demo");
  await expect(expert).toHaveURL(/\/review$/);
  await expert.goto(`/review/${reviewId}`);
  const noteBox = expert.getByTestId("officer-choice-note");
  await expect(noteBox).toContainText("Typologie indiquée : Pistolet semi-automatique");
  await expect(noteBox).toContainText("« Confirmer » valide la typologie indiquée par l'agent");
  // the review screen's other parts belong to the expert screens' own checks (their controls are being reworked)
  await expectNoAxeViolations(expert, { screen: "review screen: officer's choice", include: '[data-testid="officer-choice-note"]' });
  await context.close();
});

test("«Je ne sais pas»: the visual key, one question per screen, ends on a family with its securing guide", async ({ page }) => {
  // the family is not trusted (60 %): the key starts with the family question
  const caseId = await uploadedCase(page, { tier: "low", familyConfidence: 0.6 });
  const shownAt = Date.now();
  await page.getByTestId("guided-chooser").getByRole("button", { name: "Je ne sais pas" }).click();

  const key = page.getByTestId("identification-key");
  await expect(key.getByRole("heading", { name: "Comment se tient l'arme ?" })).toBeVisible();
  await expect(page.getByTestId("guided-chooser")).toHaveCount(0);
  await expectAboveTheFold(page, "key-option-unknown");
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, { screen: "key: family question" });
  await saveScreenshot(page, "guided-key");

  await key.getByTestId("key-option-handgun").click();
  await expect(key.getByRole("heading", { level: 2 })).not.toHaveText("Comment se tient l'arme ?");
  await expectAboveTheFold(page, "key-option-unknown");
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, { screen: "key: handgun question" });
  await saveScreenshot(page, "guided-key-handgun");
  await key.getByTestId("key-option-unknown").click();

  const choice = page.getByTestId("officer-choice");
  await expect(choice.getByTestId("officer-typology")).toHaveText("Arme de poing : typologie à préciser");
  note("guided: result page → family and its guide (key, «je ne sais pas»)", `3 taps, ${Date.now() - shownAt} ms`);
  await expect(choice.getByTestId("officer-badge")).toHaveText("Indiquée par l'agent");
  await expectAboveTheFold(page, "securing-link");
  await expectNoAxeViolations(page, { screen: "key: family end" });
  await saveScreenshot(page, "guided-key-family");
  expect(sql(`SELECT coalesce("officerTypology", '-') || ',' || "officerFamily" || ',' || "officerKeyAnswers"::text FROM "Case" WHERE id = '${caseId}'`)).toBe(
    `-,handgun,[{"option": "handgun", "question": "family"}, {"option": "unknown", "question": "handgun_mechanism"}]`,
  );

  await choice.getByTestId("securing-link").click();
  await expect(page).toHaveURL(new RegExp(`/securing/families/handgun\\?case=${caseId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoAxeViolations(page, { screen: "family securing guide" });
});

test("medium tier: the cards (the model's typology first) and «Cette typologie vous semble-t-elle correcte ?»", async ({ page }) => {
  await uploadedCase(page, { tier: "medium", familyConfidence: 0.97, typology: "pistolet_semi_auto_moderne" });
  const chooser = page.getByTestId("guided-chooser");
  await expect(chooser.getByRole("heading", { name: "Quelle arme avez-vous ?" })).toBeVisible();
  await expect(chooser.getByTestId(/^candidate-/).first()).toHaveAttribute("data-testid", "candidate-pistolet_semi_auto_moderne");
  await expect(page.getByTestId("model-check").getByRole("heading", { name: "Cette typologie vous semble-t-elle correcte ?" })).toBeVisible();
  // the model's answer is read first: above the cards, its category on the phone's first screen
  const verdictBox = await page.getByTestId("typology").boundingBox();
  const chooserBox = await chooser.boundingBox();
  expect(verdictBox!.y).toBeLessThan(chooserBox!.y);
  await expectAboveTheFold(page, "category");
  await expectNoAxeViolations(page, { screen: "medium tier: cards and model check" });
  await chooser.getByTestId("candidate-pistolet_semi_auto_moderne").click();
  await expect(page.getByTestId("officer-choice").getByTestId("officer-typology")).toHaveText("Pistolet semi-automatique");
});

test("high tier: «non» to «Cette typologie vous semble-t-elle correcte ?» opens the key and sends the case to an expert", async ({ page }) => {
  const caseId = await uploadedCase(page, { tier: "high", familyConfidence: 0.1, typology: "epaule_a_verrou" });
  await expect(page.getByTestId("typology")).toContainText("Arme d'épaule à verrou");
  expect(sql(`SELECT count(*) FROM "Review" WHERE "caseId" = '${caseId}' AND "activeKey" IS NOT NULL AND reason = 'officer_identified'`)).toBe("0");
  const check = page.getByTestId("model-check");
  await expect(check.getByRole("heading", { name: "Cette typologie vous semble-t-elle correcte ?" })).toBeVisible();
  await expectNoAxeViolations(page, { screen: "model check" });

  await check.getByTestId("model-check-no").click();
  const key = page.getByTestId("identification-key");
  await key.getByTestId("key-option-long_gun").click();
  // the densest screen (six mechanisms and «je ne sais pas») still fits the phone's first screen
  await expect(key.getByTestId("key-option-pump")).toBeVisible();
  await expectAboveTheFold(page, "key-option-unknown");
  await expectNoAxeViolations(page, { screen: "key: long gun question" });
  await saveScreenshot(page, "guided-key-long-gun");
  await key.getByTestId("key-option-pump").click();

  const choice = page.getByTestId("officer-choice");
  await expect(choice.getByTestId("officer-typology")).toHaveText("Arme d'épaule à pompe");
  await expect(choice.getByTestId("officer-category")).toContainText(/Catégorie B ou C|Catégorie B or C/);
  expect(sql(`SELECT reason FROM "Review" WHERE "caseId" = '${caseId}' AND "activeKey" IS NOT NULL`)).toBe("officer_identified");
  await expectNoAxeViolations(page, { screen: "officer choice after «non»" });
});

test("the expert confirms the officer's choice on the review screen: the officer sees the verdict, the dataset gains the label with its own source", async ({ page, browser }) => {
  const caseId = await uploadedCase(page, { tier: "low", familyConfidence: 0.95 });
  await page.getByTestId("guided-chooser").getByRole("button", { name: /Pistolet semi-automatique/ }).click();
  await expect(page.getByTestId("officer-category")).toContainText("Catégorie B");
  const reviewId = sql(`SELECT id FROM "Review" WHERE "caseId" = '${caseId}' AND "activeKey" IS NOT NULL`);
  const photos = sql(`SELECT count(*) FROM "Photo" WHERE "caseId" = '${caseId}'`);

  // the expert, at the desk, on the review screen: claims it, and the confirm draft is the officer's typology
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "fr-FR" });
  const expert = await context.newPage();
  await skipOnboarding(expert);
  await signIn(expert, "expert@basegun.local", "expert-demo");
  await expect(expert).toHaveURL(/\/review$/);
  await expert.goto(`/review/${reviewId}`);
  await expert.getByRole("button", { name: "Prendre ce cas" }).click();
  await expect(expert.getByTestId("claim-bar")).toContainText("Vous examinez ce cas.");
  const panel = expert.getByTestId("decision-panel");
  // the screen says what «Confirmer» validates: the officer's typology, not the model's candidates
  await expect(expert.getByTestId("officer-choice-note")).toContainText("« Confirmer » valide la typologie indiquée par l'agent (Pistolet semi-automatique)");
  await expect(panel.getByTestId("confirm-officer-typology")).toContainText("Typologie indiquée par l'agent, sélectionnée : Pistolet semi-automatique");
  const confirmButton = panel.getByRole("button", { name: "Confirmer la typologie de l'agent : Pistolet semi-automatique" });
  await expect(confirmButton).toBeVisible();
  await expectNoAxeViolations(expert, { screen: "review screen: confirming the officer's typology", include: '[data-testid="decision-panel"]' });
  await expectNoAxeViolations(expert, { screen: "review screen: officer's choice note", include: '[data-testid="officer-choice-note"]' });
  await saveScreenshot(expert, "expert-review-officer-choice");
  // keys only: C puts the focus on the confirm button, Enter confirms
  await expert.keyboard.press("c");
  await expect(confirmButton).toBeFocused();
  await expert.keyboard.press("Enter");
  await expect(expert.getByTestId("decision-saved")).toBeVisible();
  note("expert: confirms the officer's typology on the review screen", "2 keys (C, Enter)");
  expect(sql(`SELECT decision || ',' || coalesce("correctedTypology", '-') FROM "Review" WHERE id = '${reviewId}' AND status = 'decided'`)).toMatch(/^confirm,/);
  expect(sql(`SELECT count(*) || ',' || min(source::text) || ',' || min(typology) FROM "DatasetItem" WHERE "reviewId" = '${reviewId}'`)).toBe(
    `${photos},officer_confirmed,pistolet_semi_auto_moderne`,
  );

  // the measures count the agreement
  await expert.goto("/review/measures");
  await expect(expert.getByTestId("officer-agreement")).toContainText("Pistolet semi-automatique");
  await expectNoAxeViolations(expert, { screen: "measures: officer agreement", include: '[data-testid="officer-agreement"]' });
  await context.close();

  // the officer sees the expert's verdict, apart from their own choice
  await page.reload();
  // the expert's answer comes first (the officer's own choice stays below, marked as theirs)
  await expect(page.getByTestId("expert-answer")).toContainText("Confirmé par l'expert");
  await expect(page.getByTestId("expert-typology")).toContainText("Pistolet semi-automatique");
  await expect(page.getByTestId("officer-choice")).toContainText("Un expert a rendu son avis");
  await expect(page.getByRole("button", { name: "Changer mon choix" })).toHaveCount(0);
  await expectNoAxeViolations(page, { screen: "officer choice after the verdict" });
  await page.goto("/identifications");
  await expect(page.getByTestId("case-state").first()).toHaveText("Confirmée par l'expert");
});
