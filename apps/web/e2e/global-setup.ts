import { existsSync, mkdirSync } from "node:fs";
import { screenshotsDir } from "./e2e-env.mjs";

/**
 * Runs after the web servers are up (Playwright's order), so the database is prepared by the web
 * server command instead (e2e/prepare-db.mjs). Here: checks that need no server.
 */
export default function globalSetup() {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(chromium)) {
    throw new Error(`Chromium not found at ${chromium}: install Debian's package (apt-get install -y chromium); Playwright must never download a browser of its own`);
  }
  mkdirSync(screenshotsDir, { recursive: true });
}
