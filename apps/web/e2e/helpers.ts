import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { datasetsDir, screenshotsDir } from "./e2e-env.mjs";

export const OFFICER = { email: "officer@basegun.local", password: "officer-demo" };

export async function signIn(page: Page, email = OFFICER.email, password = OFFICER.password) {
  await page.goto("/sign-in");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

/** The onboarding notice is shown once per device; tests that do not test it start without it. */
export async function skipOnboarding(page: Page) {
  await page.addInitScript(() => localStorage.setItem("basegun.onboarding.v1", "e2e"));
}

export async function saveScreenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) });
}

export async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "page wider than the phone screen").toBeLessThanOrEqual(0);
}

/** A real handgun photo from the shared datasets (single weapon), or null when the datasets are absent. */
export function realHandgunPhoto(): string | null {
  const manifest = path.join(datasetsDir, "weapons-coarse", "manifest.csv");
  if (!existsSync(manifest)) return null;
  const rows = readFileSync(manifest, "utf8").trim().split("\n").slice(1);
  for (const row of rows) {
    const [file, label, , multiWeapon] = row.split(",");
    if (label === "HandGun" && multiWeapon === "no" && file) {
      const photo = path.join(datasetsDir, "weapons-coarse", file);
      if (existsSync(photo)) return photo;
    }
  }
  return null;
}

export const workerRunning = () => process.env.E2E_WITH_WORKER === "1";

export const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * No axe violation on the page (or inside `include`). Waits for the page's <title> first: after a
 * client-side navigation it can lag behind the content, and axe run in between reports
 * "document-title" (seen once in a full run).
 */
export async function expectNoAxeViolations(page: Page, options: { screen?: string; include?: string; tags?: string[] } = {}) {
  await expect(page).toHaveTitle(/\S/);
  const builder = new AxeBuilder({ page }).withTags(options.tags ?? WCAG_21_AA);
  const { violations } = await (options.include ? builder.include(options.include) : builder).analyze();
  const prefix = options.screen ? `${options.screen}: ` : "";
  expect(violations.map((v) => `${prefix}${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}
