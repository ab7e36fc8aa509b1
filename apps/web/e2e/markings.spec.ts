import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { saveScreenshot, signIn, skipOnboarding, workerRunning } from "./helpers";

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

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
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
