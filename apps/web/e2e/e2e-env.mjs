// Settings shared by the Playwright config, the database preparation and the test script.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = path.resolve(webRoot, "../..");

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

// A temp folder per run, created once: Playwright's workers inherit the variable from the main process.
process.env.E2E_STORAGE_DIR ??= mkdtempSync(path.join(os.tmpdir(), "basegun-e2e-storage-"));

export const e2eEnv = {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/basegun_e2e",
  REDIS_URL: process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6379/2",
  STORAGE_DIR: process.env.E2E_STORAGE_DIR,
  MODELS_DIR: process.env.MODELS_DIR ?? path.join(repoRoot, "models"),
  // fixed, test-only secret: sessions of this throwaway server sign nothing else
  AUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
  AUTH_TRUST_HOST: "true",
  BASEGUN_DEMO: "1",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  PORT: String(E2E_PORT),
  // short, so the slow-client test (hardening.spec.ts) does not wait the default 30 s
  REQUEST_TIMEOUT_MS: "5000",
};

/** Folder of the shared datasets (never copied into the repository); may be absent. */
export const datasetsDir = path.resolve(repoRoot, process.env.DATASETS_DIR ?? "../shared/datasets");

export const screenshotsDir = path.join(repoRoot, "docs", "screenshots");
