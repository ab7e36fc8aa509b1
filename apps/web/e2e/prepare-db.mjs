// Recreates the e2e database from scratch, applies the migrations and seeds the demo accounts and the
// shipped models: every run starts from the same state (a model folder rebuilt in place, or cases left
// by an earlier run, cannot leak into it). Run before the servers start (Playwright starts webServer
// before globalSetup).
import { execFileSync } from "node:child_process";
import { e2eEnv, repoRoot } from "./e2e-env.mjs";

const url = new URL(e2eEnv.DATABASE_URL);
const database = decodeURIComponent(url.pathname.slice(1));
if (!/^[a-z0-9_]+$/i.test(database)) throw new Error(`unexpected e2e database name: ${database}`);

const psql = (sql, db = "postgres") =>
  execFileSync("psql", ["-h", url.hostname, "-p", url.port || "5432", "-U", decodeURIComponent(url.username || "postgres"), "-d", db, "-tAc", sql], {
    encoding: "utf8",
    env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) },
  }).trim();

if (!/e2e/.test(database)) throw new Error(`refusing to recreate ${database}: the e2e database name must contain "e2e"`);
psql(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
psql(`CREATE DATABASE "${database}"`);

const env = { ...process.env, DATABASE_URL: e2eEnv.DATABASE_URL, MODELS_DIR: e2eEnv.MODELS_DIR, NODE_ENV: "test" };
execFileSync("pnpm", ["--silent", "--filter", "@basegun/db", "migrate:deploy"], { cwd: repoRoot, env, stdio: ["ignore", "ignore", "inherit"] });
execFileSync("pnpm", ["--silent", "--filter", "@basegun/db", "seed"], { cwd: repoRoot, env, stdio: ["ignore", "ignore", "inherit"] });
console.log(`[e2e] database ${database} recreated, migrated and seeded`);
