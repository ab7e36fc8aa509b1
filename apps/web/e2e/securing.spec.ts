import { expect, test } from "@playwright/test";
import { expectNoSidewaysScroll } from "./helpers";

test("securing guides are browsable without a photo: typology → variant → steps", async ({ page }) => {
  await page.goto("/securing");
  await expect(page.getByRole("heading", { name: "Mise en sécurité", level: 1 })).toBeVisible();
  await expect(page.getByText("Considérez toujours l'arme comme chargée.")).toBeVisible();
  await expectNoSidewaysScroll(page);

  await page.getByRole("link", { name: /Pistolet semi-automatique/ }).click();
  await expect(page.getByRole("heading", { name: "Où se trouve l'arrêtoir du chargeur ?" })).toBeVisible();
  await page.getByRole("link", { name: /Bouton à côté du pontet/ }).click();
  await expect(page.getByRole("heading", { name: "Étapes" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Appuyez sur le bouton d'arrêtoir du chargeur" })).toBeVisible();
  await page.getByText("Je n'arrive pas à réaliser cette étape").first().click();
  await expect(page.getByText("Arrêtez-vous : ne forcez pas le mécanisme.", { exact: false }).first()).toBeVisible();
  await expectNoSidewaysScroll(page);
});

test("a typology without a guide sends to an expert", async ({ page }) => {
  await page.goto("/securing/pistolet_mecanisme_ancien");
  await expect(page.getByText("Pas de guide de mise en sécurité pour cette arme", { exact: false })).toBeVisible();
});

test("the language switch keeps the page and shows English", async ({ page }) => {
  await page.goto("/securing/epaule_a_pompe");
  await page.getByRole("link", { name: "Switch to English" }).click();
  await expect(page).toHaveURL(/\/en\/securing\/epaule_a_pompe$/);
  await expect(page.getByRole("heading", { name: "Pump-action long gun", exact: false })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});
