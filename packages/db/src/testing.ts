import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { poolConfigFromUrl } from "./connection.ts";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const DEFAULT_TEST_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/basegun_test";

/** The database integration tests use; never the development one. */
export const testDatabaseUrl = () => process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;

/** A database of its own for one group of tests (basegun_test_<name>), next to the package's default. */
export function packageTestDatabaseUrl(name: string, base = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/$/, "")}_${name.replace(/[^a-z0-9]/gi, "_")}`;
  return url.toString();
}

/**
 * Creates the database if needed and applies the migrations (start-up and vitest globalSetup). Safe when two
 * packages' test runs start at once: a concurrent CREATE is tolerated and migrate takes a lock.
 */
export async function prepareDatabase(url = testDatabaseUrl()): Promise<string> {
  const config = poolConfigFromUrl(url);
  const admin = new pg.Client({ ...config, database: "postgres" });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [config.database]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${config.database.replace(/"/g, "")}"`).catch((e: { code?: string }) => {
        if (e.code !== "42P04" && e.code !== "23505") throw e; // created by a concurrent run
      });
    }
  } finally {
    await admin.end();
  }
  execFileSync("pnpm", ["exec", "prisma", "migrate", "deploy"], {
    cwd: packageDir,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  return url;
}

/** A fresh test database for one package's run (vitest globalSetup): dropped, created, migrated. */
export async function resetTestDatabase(url: string): Promise<string> {
  await dropDatabase(url);
  return prepareDatabase(url);
}

/** Drops the database (closing its connections) so the next prepare starts from an empty schema. */
export async function dropDatabase(url: string): Promise<void> {
  const config = poolConfigFromUrl(url);
  if (!/test|e2e/.test(config.database)) throw new Error(`refusing to drop ${config.database}: only test databases are dropped`);
  const admin = new pg.Client({ ...config, database: "postgres" });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${config.database.replace(/"/g, "")}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
