import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { e2eEnv } from "./e2e-env.mjs";
import { expectNoAxeViolations, expectNoSidewaysScroll, saveScreenshot, signIn, skipOnboarding } from "./helpers";

// The officer's phone (390 × 844, the project's default): an expert corrected a case; the officer learns
// of it from the header and the list, and the case page answers with the expert's verdict first.

function sql(query: string): string {
  return execFileSync("psql", [e2eEnv.DATABASE_URL, "-qtAc", query], { encoding: "utf8" }).trim();
}

const newId = () => `e2e${randomBytes(10).toString("hex")}`;
const hex = () => randomBytes(32).toString("hex");

/** A finished low-tier case the model read as a handgun, corrected by an expert to a pump-action long gun (B). */
function seedCorrectedCase(): string {
  const caseId = newId();
  const probabilities = JSON.stringify({ pistolet_semi_auto_moderne: 0.4, revolver: 0.35, epaule_a_pompe: 0.25 });
  sql(`
    WITH officer AS (SELECT id FROM "User" WHERE email = 'officer@basegun.local'),
         expert AS (SELECT id FROM "User" WHERE email = 'expert@basegun.local'),
         model AS (SELECT id FROM "ModelVersion" ORDER BY "createdAt" LIMIT 1),
         c AS (INSERT INTO "Case" (id, "ownerId", unit, status, answers, "updatedAt", "completedAt")
               SELECT '${caseId}', officer.id, 'E2E verdict', 'done', '{}', now(), now() FROM officer RETURNING id),
         p AS (INSERT INTO "Photo" (id, "caseId", position, "originalKey", "originalSha256", "originalBytes", "originalMime", "derivativeKey", "derivativeSha256", width, height)
               SELECT '${newId()}', c.id, 0, 'e2e/${caseId}/original', '${hex()}', 100, 'image/jpeg', 'e2e/${caseId}/derivative', '${hex()}', 480, 320 FROM c),
         pr AS (INSERT INTO "Prediction" (id, "caseId", "modelVersionId", "rulesVersion", status, "rawProbabilities", probabilities, "familyProbabilities", "topTypology", confidence, tier, "noFirearmScore", "executionProvider", "latencyMs", timings)
               SELECT '${newId()}', c.id, model.id, 'fr-2024-07.1', 'not_determined', '${probabilities}', '${probabilities}', '{"handgun":0.75,"long_gun":0.25}', 'pistolet_semi_auto_moderne', 0.4, 'low', 0.01, 'cpu', 10, '{}' FROM c, model RETURNING id)
    INSERT INTO "Review" (id, "caseId", "predictionId", reason, status, priority, unit, tier, "topTypology", confidence, decision, "correctedTypology", "correctedLetters", "correctedConditions", "messageToOfficer", "decidedById", "decidedAt", "updatedAt")
    SELECT '${newId()}', c.id, pr.id, 'low_confidence', 'decided', 50, 'E2E verdict', 'low', 'pistolet_semi_auto_moderne', 0.4, 'correct', 'epaule_a_pompe', '{B}', '{}', 'Fusil à pompe, canon court', expert.id, now(), now() FROM c, pr, expert`);
  return caseId;
}

test("an expert's correction: the officer sees it as new, then as the case's answer; the badge clears once opened", async ({ page }) => {
  // every earlier verdict of the demo officer counts as seen: this test's badge counts its own case only
  sql(`UPDATE "Case" SET "verdictSeenAt" = now() WHERE "ownerId" = (SELECT id FROM "User" WHERE email = 'officer@basegun.local')`);
  const caseId = seedCorrectedCase();

  await skipOnboarding(page);
  await signIn(page);
  await expect(page).not.toHaveURL(/sign-in/);
  await page.goto("/identifications");

  // the header and the list say there is one new verdict, without opening anything
  await expect(page.getByTestId("header-unseen-verdicts")).toHaveAccessibleName("1 nouvel avis d'expert");
  await expect(page.getByTestId("unseen-verdicts")).toHaveText("1 nouvel avis d'expert");
  const row = page.locator(`a[href$="/identifications/${caseId}"]`);
  await expect(row.getByTestId("case-headline")).toHaveText("Nouvel avisCorrigé par l'expert : Arme d'épaule à pompe · Catégorie B");
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, { screen: "list" });
  await saveScreenshot(page, "officer-verdict-list");

  // the case page: the expert's verdict first, the model's answer in the details, no second request
  await row.click();
  const answer = page.getByTestId("expert-answer");
  await expect(answer).toBeVisible();
  await expect(answer.getByTestId("expert-typology")).toHaveText("Arme d'épaule à pompe");
  await expect(answer.getByTestId("expert-category")).toContainText("Catégorie B");
  await expect(answer).toContainText("Corrigé par l'expert");
  await expect(answer).toContainText("Fusil à pompe, canon court");
  await expect(answer.getByTestId("expert-answer-by")).toContainText("Avis d'un expert du SCAE");
  const details = page.getByTestId("model-details");
  await expect(details.getByTestId("typology")).toBeHidden();
  const answerBox = await answer.boundingBox();
  const detailsBox = await details.boundingBox();
  expect(answerBox!.y).toBeLessThan(detailsBox!.y);
  await details.getByText("Réponse du modèle (détails)").click();
  await expect(details.getByTestId("typology")).toHaveText("Typologie non déterminée");
  await expect(page.getByRole("button", { name: "Demander l'avis d'un expert" })).toHaveCount(0);
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, { screen: "case" });
  await saveScreenshot(page, "officer-verdict-case");

  // opened: seen on the server, so the badge is gone from the header and the list
  await expect.poll(() => sql(`SELECT "verdictSeenAt" IS NOT NULL FROM "Case" WHERE id = '${caseId}'`)).toBe("t");
  await page.goto("/identifications");
  await expect(row.getByTestId("case-headline")).toHaveText("Corrigé par l'expert : Arme d'épaule à pompe · Catégorie B");
  await expect(page.getByTestId("unseen-verdicts")).toHaveCount(0);
  await expect(page.getByTestId("header-unseen-verdicts")).toHaveCount(0);
});
