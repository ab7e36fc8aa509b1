import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { E2E_BASE_URL, e2eEnv, repoRoot } from "./e2e/e2e-env.mjs";

/**
 * The inference worker runs when a trained model is shipped (a folder with manifest.json under
 * MODELS_DIR), or when E2E_WORKER=1 forces it; E2E_WORKER=0 leaves it out. Without it the tests that
 * need a result are skipped with a message.
 */
function modelShipped(): boolean {
  const dir = e2eEnv.MODELS_DIR;
  return existsSync(dir) && readdirSync(dir).some((entry) => existsSync(path.join(dir, entry, "manifest.json")));
}
const withWorker = process.env.E2E_WORKER ? process.env.E2E_WORKER === "1" : modelShipped();
process.env.E2E_WITH_WORKER = withWorker ? "1" : "0";

export default defineConfig({
  testDir: "./e2e",
  globalSetup: "./e2e/global-setup.ts",
  // one server, one database: tests run in order, which also keeps the 2-core machine responsive
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "./test-results",
  use: {
    baseURL: E2E_BASE_URL,
    ...devices["Pixel 7"],
    // a phone: 390 × 844, touch, French
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update"],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: [
    {
      // Playwright starts web servers before globalSetup: the database is prepared here, first.
      // Nothing is built here: `pnpm test:e2e` builds before running Playwright.
      command: "node e2e/prepare-db.mjs && node server.mjs",
      url: `${E2E_BASE_URL}/sign-in`,
      env: e2eEnv,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    ...(withWorker
      ? [
          {
            command: "pnpm --filter @basegun/worker-inference start",
            cwd: repoRoot,
            env: { ...e2eEnv, LOG_LEVEL: "info", WORKER_CONCURRENCY: "1" },
            wait: { stdout: /inference worker ready/ },
            timeout: 120_000,
            stdout: "ignore" as const,
            stderr: "pipe" as const,
          },
        ]
      : []),
  ],
});
