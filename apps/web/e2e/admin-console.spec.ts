import { execFileSync } from "node:child_process";
import { devices, expect, test, type Browser, type Page } from "@playwright/test";
import { e2eEnv } from "./e2e-env.mjs";
import { expectNoAxeViolations, saveScreenshot, signIn, skipOnboarding } from "./helpers";

// The admin console as a new admin sees it: every list shows what the database holds, in French.
const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false, userAgent: devices["Desktop Chrome"].userAgent };

/** One value from the e2e database (the same one the server under test uses). */
function sql(query: string): string {
  return execFileSync("psql", [e2eEnv.DATABASE_URL, "-qtAc", query], { encoding: "utf8" }).trim();
}

async function adminPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  await skipOnboarding(page);
  await signIn(page, "admin@basegun.local", "admin-demo");
  await expect(page).toHaveURL(/\/admin\/models$/);
  return page;
}

// more than one page of the list (50 per page), so "load more" is part of what is checked
const SEEDED_ITEMS = 63;
const SHADOW_TWIN = "2026.11.25-91";

test.beforeAll(() => {
  sql(
    `INSERT INTO "DatasetItem" (id, typology, "categoryLetters", "labelSet", "sourceLabel", source, "splitKey", origin)
     SELECT 'e2econsoleitem' || lpad(n::text, 3, '0'), CASE WHEN n % 3 = 0 THEN 'epaule_a_pompe' ELSE 'revolver' END, '{}', '{}',
            CASE WHEN n % 3 = 0 THEN 'epaule_a_pompe' ELSE 'revolver' END, 'import', 'e2e-console-' || n, 'e2e admin console'
     FROM generate_series(1, ${SEEDED_ITEMS}) AS n
     ON CONFLICT (id) DO NOTHING`,
  );
  // live traffic this week: production answers, and a candidate (a twin of production's files) in shadow
  sql(
    `INSERT INTO "ModelVersion" (id, version, "artifactPath", "artifactSha256", manifest, metrics, source, status)
     SELECT 'e2econsoleshadowtwin', '${SHADOW_TWIN}', v."artifactPath", v."artifactSha256", v.manifest, v.metrics, 'shipped', 'candidate'
     FROM "ModelAlias" a JOIN "ModelVersion" v ON v.id = a."modelVersionId" WHERE a.name = 'production'
     ON CONFLICT (version) DO NOTHING`,
  );
  sql(
    `INSERT INTO "Case" (id, "ownerId", "updatedAt")
     SELECT 'e2econsolecase' || n, (SELECT id FROM "User" WHERE email = 'officer@basegun.local'), now()
     FROM generate_series(1, 12) AS n ON CONFLICT (id) DO NOTHING`,
  );
  const prediction = (versionSql: string, shadow: boolean) =>
    `INSERT INTO "Prediction" (id, "caseId", "modelVersionId", "rulesVersion", status, "rawProbabilities", probabilities, "familyProbabilities",
        "topTypology", typology, confidence, tier, "noFirearmScore", "executionProvider", "latencyMs", timings, shadow)
     SELECT 'e2econsolepred' || ${shadow ? "'s'" : "'p'"} || n, 'e2econsolecase' || n, (${versionSql}), 'e2e', 'identified', '{}', '{}', '{}',
        CASE WHEN n % 4 = 0 THEN 'epaule_a_pompe' ELSE 'revolver' END, CASE WHEN n % 4 = 0 THEN 'epaule_a_pompe' ELSE 'revolver' END,
        0.05 + (n % 10) * 0.1, CASE WHEN n % 3 = 0 THEN 'low' ELSE 'high' END::"ConfidenceTier", 0.01, 'cpu', 100, '{}', ${shadow}
     FROM generate_series(1, 12) AS n ON CONFLICT DO NOTHING`;
  sql(prediction(`SELECT "modelVersionId" FROM "ModelAlias" WHERE name = 'production'`, false));
  sql(prediction(`SELECT id FROM "ModelVersion" WHERE version = '${SHADOW_TWIN}'`, true));
});

test("the dataset page lists every labelled item the database holds", async ({ browser }) => {
  const page = await adminPage(browser);
  await page.goto("/admin/dataset");
  const total = Number(sql(`SELECT count(*) FROM "DatasetItem"`));
  expect(total).toBeGreaterThanOrEqual(SEEDED_ITEMS);
  await expect(page.getByTestId("dataset-by-label").getByRole("heading", { level: 2 })).toContainText(String(total));

  const list = page.getByTestId("dataset-items");
  await expect(list.getByTestId("dataset-item").first()).toBeVisible();
  const more = list.getByRole("button", { name: "Afficher plus" });
  while (await more.isVisible()) {
    const shown = await list.getByTestId("dataset-item").count();
    await more.click();
    await expect.poll(() => list.getByTestId("dataset-item").count()).toBeGreaterThan(shown);
  }
  await expect(list.getByTestId("dataset-item")).toHaveCount(total);
  await expect(page.getByText("L'action a échoué.")).toHaveCount(0);
  await expectNoAxeViolations(page, { tags: ["wcag2a", "wcag2aa"] });

  // a filter still answers what the database holds
  const pumpActions = Number(sql(`SELECT count(*) FROM "DatasetItem" WHERE typology = 'epaule_a_pompe' AND source = 'import'`));
  await list.getByLabel("Source").selectOption("import");
  await list.getByLabel("Étiquette").fill("epaule_a_pompe");
  await expect(list.getByTestId("dataset-item")).toHaveCount(pumpActions);
  await page.context().close();
});

test("rollback is disabled, with the reason, while production never had a predecessor; the registry speaks French", async ({ browser }) => {
  const page = await adminPage(browser);
  const hasPredecessor =
    sql(
      `SELECT e."previousVersionId" IS NOT NULL FROM "ModelAliasEvent" e JOIN "ModelAlias" a ON a.name = e.alias AND a."modelVersionId" = e."modelVersionId"
       WHERE e.alias = 'production' ORDER BY e."createdAt" DESC LIMIT 1`,
    ) === "t";
  const production = page.getByTestId("alias-production");
  const rollback = production.getByRole("button", { name: "Revenir à la version précédente" });
  if (hasPredecessor) {
    await expect(rollback).toBeEnabled();
    await expect(production.getByTestId("rollback-status")).toContainText("Revient à");
  } else {
    await expect(rollback).toBeDisabled();
    await expect(production.getByTestId("rollback-status")).toHaveText("Indisponible : aucune version n’a précédé celle-ci en production.");
  }
  // the model registry lists every version the database holds, the candidate marked in French
  const versions = Number(sql(`SELECT count(*) FROM "ModelVersion"`));
  await expect(page.getByTestId("model-version-row")).toHaveCount(versions);
  await expect(page.locator(`[data-testid="model-version-row"][data-version="${SHADOW_TWIN}"]`)).toContainText("non promue");
  const history = page.getByTestId("alias-history");
  await expect(history.getByTestId("alias-event")).toHaveCount(Math.min(100, Number(sql(`SELECT count(*) FROM "ModelAliasEvent"`))));
  await expect(history).toContainText("enregistrement initial du modèle livré");
  for (const english of ["initial registration", "shadow", "candidate"]) await expect(page.locator("main")).not.toContainText(english);
  await expectNoAxeViolations(page, { tags: ["wcag2a", "wcag2aa"] });
  await page.context().close();
});

test("monitoring shows this week's traffic per version with the catalogue's typology names, and nothing overlaps the histogram", async ({ browser }) => {
  const page = await adminPage(browser);
  await page.goto("/admin/monitoring");
  const thisWeek = (versionSql: string, shadow: boolean) =>
    Number(
      sql(
        `SELECT count(*) FROM "Prediction" WHERE "modelVersionId" = (${versionSql}) AND shadow = ${shadow} AND date_trunc('week', "createdAt") = date_trunc('week', now()::timestamp)`,
      ),
    );
  const productionVersion = sql(`SELECT v.version FROM "ModelAlias" a JOIN "ModelVersion" v ON v.id = a."modelVersionId" WHERE a.name = 'production'`);
  const panels = page.getByTestId("monitoring-version");
  const productionPanel = panels.filter({ has: page.getByRole("heading", { name: productionVersion, exact: true }) });
  const shadowPanel = panels.filter({ has: page.getByRole("heading", { name: `${SHADOW_TWIN} (en observation)`, exact: true }) });
  await expect(productionPanel.getByTestId("week-predictions").last()).toHaveText(String(thisWeek(`SELECT "modelVersionId" FROM "ModelAlias" WHERE name = 'production'`, false)));
  await expect(shadowPanel.getByTestId("week-predictions").last()).toHaveText(String(thisWeek(`SELECT id FROM "ModelVersion" WHERE version = '${SHADOW_TWIN}'`, true)));

  // typology names from the catalogue, never the raw keys
  const mix = shadowPanel.getByTestId("class-mix-row");
  await expect(mix.filter({ hasText: "Arme d'épaule à pompe" })).toHaveCount(1);
  await expect(mix.filter({ hasText: "Revolver" })).toHaveCount(1);
  for (const english of ["epaule_a_pompe", "shadow", "candidate", "initial registration"]) await expect(page.locator("main")).not.toContainText(english);

  // the class-mix column ends before the histogram begins, in every row
  const rows = page.getByTestId("monitoring-week");
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const mixCell = await row.locator("td").nth(2).boundingBox();
    const histogram = await row.locator("svg").boundingBox();
    const mixContent = await row.getByTestId("class-mix-row").evaluateAll((items) => Math.max(...items.map((item) => item.getBoundingClientRect().right)));
    expect(mixCell && histogram).toBeTruthy();
    expect(mixContent).toBeLessThanOrEqual(histogram!.x);
    expect(mixCell!.x + mixCell!.width).toBeLessThanOrEqual(histogram!.x + 0.5);
  }
  await saveScreenshot(page, "admin-monitoring");
  await expectNoAxeViolations(page, { tags: ["wcag2a", "wcag2aa"] });
  await page.context().close();
});
