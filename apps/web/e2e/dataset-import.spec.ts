import AxeBuilder from "@axe-core/playwright";
import { devices, expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false, userAgent: devices["Desktop Chrome"].userAgent });

test("the import form shows its naming rule before anything is sent, and refuses in French with the reason", async ({ page }) => {
  await signIn(page, "admin@basegun.local", "admin-demo");
  await expect(page).toHaveURL(/\/admin\/models$/);
  await page.goto("/admin/dataset");
  const form = page.getByTestId("dataset-import");
  const rule = form.getByTestId("import-rule");
  await expect(rule).toContainText("Règle de nommage");
  await expect(rule).toContainText("manifest.csv avec les colonnes file,label,group");
  await expect(rule).toContainText("epaule_a_pompe");
  await expect(rule).toContainText("HandGun");

  await form.getByLabel("Dossier").fill("dossier-qui-n-existe-pas");
  await form.getByRole("button", { name: "Importer" }).click();
  await expect(form.getByTestId("import-refused")).toHaveText("dossier-qui-n-existe-pas n'est pas un dossier du dossier des jeux de données.");

  await form.getByLabel("Dossier").fill("weapons-coarse");
  await form.getByLabel("Étiquette unique (facultatif)").fill("bazooka");
  await form.getByRole("button", { name: "Importer" }).click();
  await expect(form.getByTestId("import-refused")).toHaveText(
    "label : étiquette inconnue « bazooka » (attendu : une clé de typologie, une étiquette grossière ou none).",
  );
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
