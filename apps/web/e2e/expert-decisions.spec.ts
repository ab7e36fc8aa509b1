import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { devices, expect, test, type Browser, type Page } from "@playwright/test";
import { e2eEnv } from "./e2e-env.mjs";
import { signIn } from "./helpers";

// The expert's desk: 1280 × 800, keyboard first. These cases are written straight into the e2e database
// (as the worker would leave them), so the decisions are measured without waiting for a model.
const DESKTOP = {
  viewport: { width: 1280, height: 800 },
  deviceScaleFactor: 1,
  isMobile: false,
  hasTouch: false,
  userAgent: devices["Desktop Chrome"].userAgent,
};

function sql(query: string): string {
  return execFileSync("psql", [e2eEnv.DATABASE_URL, "-qtAc", query], { encoding: "utf8" }).trim();
}

const newId = () => `e2e${randomBytes(10).toString("hex")}`;
const hex = () => randomBytes(32).toString("hex");

/** A finished low-tier case waiting for an expert: one photo, the model's probabilities, an open review. */
function seedWaitingCase(options: { probabilities: Record<string, number>; photoSha256?: string; unit?: string }): { caseId: string; reviewId: string } {
  const caseId = newId();
  const reviewId = newId();
  const unit = options.unit ?? `E2E experts ${randomBytes(4).toString("hex")}`;
  const entries = Object.entries(options.probabilities).sort((a, b) => b[1] - a[1]);
  const [top, confidence] = entries[0]!;
  const probabilities = JSON.stringify(options.probabilities);
  sql(`
    WITH officer AS (SELECT id FROM "User" WHERE email = 'officer@basegun.local'),
         model AS (SELECT id FROM "ModelVersion" ORDER BY "createdAt" LIMIT 1),
         c AS (INSERT INTO "Case" (id, "ownerId", unit, status, answers, "updatedAt", "completedAt")
               SELECT '${caseId}', officer.id, '${unit}', 'done', '{}', now(), now() FROM officer RETURNING id),
         p AS (INSERT INTO "Photo" (id, "caseId", position, "originalKey", "originalSha256", "originalBytes", "originalMime", "derivativeKey", "derivativeSha256", width, height)
               SELECT '${newId()}', c.id, 0, 'e2e/${caseId}/original', '${options.photoSha256 ?? hex()}', 100, 'image/jpeg', 'e2e/${caseId}/derivative', '${hex()}', 480, 320 FROM c),
         pr AS (INSERT INTO "Prediction" (id, "caseId", "modelVersionId", "rulesVersion", status, "rawProbabilities", probabilities, "familyProbabilities", "topTypology", confidence, tier, "noFirearmScore", "executionProvider", "latencyMs", timings)
               SELECT '${newId()}', c.id, model.id, 'fr-2024-07.1', 'not_determined', '${probabilities}', '${probabilities}', '{"handgun":0.5,"long_gun":0.5}', '${top}', ${confidence}, 'low', 0.01, 'cpu', 10, '{}' FROM c, model RETURNING id)
    INSERT INTO "Review" (id, "caseId", "predictionId", reason, status, priority, unit, tier, "topTypology", confidence, "activeKey", "updatedAt")
    SELECT '${reviewId}', c.id, pr.id, 'low_confidence', 'open', 50, '${unit}', 'low', '${top}', ${confidence}, c.id || ':1', now() FROM c, pr`);
  return { caseId, reviewId };
}

async function expertOn(browser: Browser, path: string): Promise<Page> {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  await signIn(page, "expert@basegun.local", "expert-demo");
  await expect(page).toHaveURL(/\/review$/);
  await page.goto(path);
  return page;
}

/** Claims the case by its button (mouse: not counted), and waits until the screen answers keys. */
async function claim(expert: Page) {
  await expert.getByRole("button", { name: "Prendre ce cas" }).click();
  await expect(expert.getByTestId("claim-bar")).toContainText("Vous examinez ce cas.");
  await expect(expert.getByTestId("decision-panel")).toBeVisible();
}

/** Key presses, counted: the figure the issue sets a target on. */
function keyCounter(expert: Page) {
  let count = 0;
  return {
    press: async (key: string) => {
      count += 1;
      await expert.keyboard.press(key);
    },
    get count() {
      return count;
    },
  };
}

const decided = (reviewId: string) =>
  sql(`SELECT decision || '|' || coalesce("correctedTypology", '') || '|' || array_to_string("correctedLetters", ',') || '|' || "categoryOverride" FROM "Review" WHERE id = '${reviewId}' AND status = 'decided'`);

test("a low-tier case: the expert confirms the model's second candidate in 2 key presses", async ({ browser }) => {
  const { reviewId } = seedWaitingCase({ probabilities: { epaule_a_verrou: 0.5, pistolet_mecanisme_ancien: 0.3, revolver: 0.2 } });
  const expert = await expertOn(browser, `/review/${reviewId}`);
  await claim(expert);
  const candidates = expert.getByTestId("candidates").getByRole("radio");
  await expect(candidates).toHaveCount(3);
  await expect(candidates.nth(1)).toContainText("Pistolet à mécanisme ancien");

  const keys = keyCounter(expert);
  await keys.press("2");
  await expect(candidates.nth(1)).toHaveAttribute("aria-checked", "true");
  await expect(expert.getByTestId("rules-letters")).toContainText("catégorie D");
  await keys.press("Enter");
  await expect(expert.getByTestId("decision-saved")).toBeVisible();
  expect(keys.count).toBe(2);
  expect(decided(reviewId)).toBe("confirm|pistolet_mecanisme_ancien|D|false");
  await expert.context().close();
});

test("ties are shown as ties: four candidates at 25 % all read rank 1", async ({ browser }) => {
  const { reviewId } = seedWaitingCase({ probabilities: { revolver: 0.25, pistolet_semi_auto_moderne: 0.25, autre_pistolet: 0.25, pistolet_mecanisme_ancien: 0.25 } });
  const expert = await expertOn(browser, `/review/${reviewId}`);
  await claim(expert);
  const candidates = expert.getByTestId("candidates").getByRole("radio");
  await expect(candidates).toHaveCount(4);
  for (let i = 0; i < 4; i += 1) await expect(candidates.nth(i)).toContainText("1 ex æquo");
  await expect(expert.getByTestId("model-answer").getByRole("listitem").filter({ hasText: "1 ex æquo" })).toHaveCount(4);
  await expert.context().close();
});

test("a correction to a typology the rules decide takes 4 key presses, the category derived by the rules", async ({ browser }) => {
  const { reviewId } = seedWaitingCase({ probabilities: { epaule_a_verrou: 0.6, epaule_a_pompe: 0.3, revolver: 0.1 } });
  const expert = await expertOn(browser, `/review/${reviewId}`);
  await claim(expert);

  const keys = keyCounter(expert);
  await keys.press("r");
  const search = expert.getByRole("combobox", { name: "Typologie" });
  await expect(search).toBeFocused();
  await keys.press("e"); // the key of "Arme d'épaule à mécanisme ancien"
  await expect(expert.getByRole("option").first()).toContainText("Arme d'épaule à mécanisme ancien");
  await keys.press("Enter");
  await expect(expert.getByTestId("rules-letters")).toContainText("catégorie D");
  await expect(expert.getByRole("button", { name: "Enregistrer la correction" })).toBeFocused();
  await keys.press("Enter");
  await expect(expert.getByTestId("decision-saved")).toBeVisible();
  expect(keys.count).toBeLessThanOrEqual(5);
  expect(keys.count).toBe(4);
  expect(decided(reviewId)).toBe("correct|epaule_mecanisme_ancien|D|false");
  await expert.context().close();
});

test("the typology picker finds by any word, accents ignored; a decision with no category answer never records 'non classée'; axe finds nothing", async ({ browser }) => {
  const { reviewId } = seedWaitingCase({ probabilities: { epaule_a_verrou: 0.6, epaule_a_pompe: 0.3, revolver: 0.1 } });
  const expert = await expertOn(browser, `/review/${reviewId}`);
  await claim(expert);
  await expert.keyboard.press("r");
  const search = expert.getByRole("combobox", { name: "Typologie" });
  await expect(search).toBeFocused();

  await search.fill("Arme d'épaule semi");
  // each option reads its label then its key
  await expect(expert.getByRole("option")).toHaveText([/^Arme d'épaule semi-automatique\s*s$/, /^Arme d'épaule semi-automatique ou automatique \(milieu XXe\)\s*m$/]);
  await expect(expert.getByRole("option", { name: /à verrou/ })).toHaveCount(0);
  await search.fill("arme d epaule semi");
  await expect(expert.getByRole("option")).toHaveCount(2);

  // a revolver with no answer about its ammunition: the rules say B or D, never "non classée"
  await search.fill("revolver");
  await search.press("Enter");
  await expect(expert.getByTestId("rules-letters")).toContainText("catégorie B ou D");
  const results = await new AxeBuilder({ page: expert }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // an override must say why: refused on screen, nothing saved
  await expert.getByLabel("Déroger aux règles (expertise)").check();
  await expert.getByLabel("Catégorie A", { exact: true }).check();
  await expert.getByRole("button", { name: "Enregistrer la correction" }).click();
  await expect(expert.getByTestId("decision-panel").getByRole("alert")).toHaveText("Expliquez la dérogation aux règles.");
  expect(sql(`SELECT status FROM "Review" WHERE id = '${reviewId}'`)).toBe("claimed");
  await expert.getByLabel("Déroger aux règles (expertise)").uncheck();

  await expert.getByRole("button", { name: "Enregistrer la correction" }).click();
  await expect(expert.getByTestId("decision-saved")).toBeVisible();
  expect(decided(reviewId)).toBe("correct|revolver|B,D|false");
  await expect(expert.getByTestId("decision-summary")).toContainText("catégorie B / D");
  await expert.context().close();
});

test("cases made from the same photo file are grouped in the queue, come next after one another, and the earlier decision applies in one key", async ({ browser }) => {
  const unit = `E2E meme photo ${randomBytes(4).toString("hex")}`;
  const file = hex();
  const probabilities = { epaule_a_pompe: 0.5, epaule_a_verrou: 0.3, revolver: 0.2 };
  const first = seedWaitingCase({ probabilities, photoSha256: file, unit });
  const other = seedWaitingCase({ probabilities, unit });
  const second = seedWaitingCase({ probabilities, photoSha256: file, unit });
  const third = seedWaitingCase({ probabilities, photoSha256: file, unit });

  const expert = await expertOn(browser, `/review?unit=${encodeURIComponent(unit)}`);
  const rows = expert.getByTestId("queue-row");
  await expect(rows).toHaveCount(4);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-case-id")))).toEqual([first, second, third, other].map((c) => c.caseId));
  await expect(rows.nth(0).getByTestId("same-photos")).toHaveText("Même photo : 3 cas");
  await expect(rows.nth(1).getByTestId("same-photos")).toHaveText("↳ même photo");
  await expect(rows.nth(3).getByTestId("same-photos")).toHaveCount(0);
  const queueAxe = await new AxeBuilder({ page: expert }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(queueAxe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // the first is decided (candidate 1 confirmed)
  await expert.goto(`/review/${first.reviewId}`);
  await claim(expert);
  await expert.keyboard.press("1");
  await expect(expert.getByRole("button", { name: "Confirmer ce candidat" })).toBeFocused();
  await expert.keyboard.press("Enter");
  await expect(expert.getByTestId("decision-saved")).toBeVisible();

  // N takes the next case: the same photo comes next, before the older case made from another file
  await expert.keyboard.press("n");
  await expect(expert).toHaveURL(new RegExp(`/review/${second.reviewId}$`));
  await expect(expert.getByTestId("claim-bar")).toContainText("Vous examinez ce cas.");
  // it shows the decision taken on that photo and applies it in one key
  const earlier = expert.getByTestId("same-photo-decision");
  await expect(earlier).toContainText("Arme d'épaule à pompe");
  const keys = keyCounter(expert);
  await keys.press("a");
  await expect(expert.getByTestId("decision-saved")).toBeVisible();
  expect(keys.count).toBe(1);
  expect(decided(second.reviewId)).toBe(decided(first.reviewId));
  expect(decided(second.reviewId)).toBe("confirm|epaule_a_pompe|B,C|false");
  await expert.context().close();
});
