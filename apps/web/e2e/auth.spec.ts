import { expect, test } from "@playwright/test";
import { OFFICER, saveScreenshot, signIn } from "./helpers";

test.describe("sign-in", () => {
  test("a signed-out visitor is sent to the sign-in page, then back where they were going", async ({ page }) => {
    await page.goto("/identifications/new");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fidentifications%2Fnew$/);
    await expect(page.getByRole("heading", { name: "Connexion" })).toBeVisible();

    await page.getByLabel("Adresse électronique").fill(OFFICER.email);
    await page.getByLabel("Mot de passe").fill(OFFICER.password);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page).toHaveURL(/\/identifications\/new$/);
  });

  test("the API refuses a signed-out upload", async ({ request }) => {
    const response = await request.post("/api/identifications", { multipart: { photos: { name: "a.jpg", mimeType: "image/jpeg", buffer: Buffer.from([0xff, 0xd8, 0xff]) } } });
    expect(response.status()).toBe(401);
    expect((await response.json()).error.message).toBe("Votre session a expiré : reconnectez-vous.");
  });

  test("the upload route refuses a post from another site", async ({ request }) => {
    const response = await request.post("/api/identifications", {
      headers: { Origin: "https://evil.example" },
      multipart: { photos: { name: "a.jpg", mimeType: "image/jpeg", buffer: Buffer.from([0xff, 0xd8, 0xff]) } },
    });
    expect(response.status()).toBe(403);
  });

  for (const [what, email, password] of [
    ["a wrong password", OFFICER.email, "not-the-password"],
    ["an unknown email", "nobody@basegun.local", "officer-demo"],
  ] as const) {
    test(`${what} gets the same French error and no session`, async ({ page }) => {
      await signIn(page, email, password);
      const error = page.getByRole("alert").filter({ hasText: /\S/ });
      await expect(error).toHaveText("Identifiant ou mot de passe incorrect.");
      await expect(page).toHaveURL(/\/sign-in/);
      await page.goto("/");
      await expect(page).toHaveURL(/\/sign-in/);
    });
  }

  test("a good password opens the start page; the onboarding is shown once; sign-out ends the session", async ({ page }) => {
    await signIn(page);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("link", { name: /Identifier une arme/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /Mettre en sécurité une arme/ })).toBeVisible();

    const onboarding = page.getByRole("region", { name: "À savoir avant de commencer" });
    await expect(onboarding).toBeVisible();
    await onboarding.getByRole("button", { name: "J'ai compris" }).click();
    await expect(onboarding).toBeHidden();
    await saveScreenshot(page, "start");
    await page.reload();
    await expect(page.getByRole("link", { name: /Identifier une arme/ })).toBeVisible();
    await expect(onboarding).toBeHidden();

    await page.getByText("Menu principal").click();
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/identifications");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
