#!/usr/bin/env node
// `pnpm test`: every test of the platform — type checks, unit and integration tests of each package
// (against the real PostgreSQL and Redis), then the end-to-end tests in Chromium.
// `pnpm test -- --skip-e2e` stops before the browser tests.
import { spawnSync } from "node:child_process";
import { checkServices } from "./services.mjs";
import { platformEnv, repoRoot } from "./env.mjs";

const env = platformEnv({ TEST_DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/basegun_test" });
const skipE2e = process.argv.includes("--skip-e2e");

const problems = await checkServices({ databaseUrl: env.TEST_DATABASE_URL, redisUrl: env.REDIS_URL });
if (problems.length) {
  console.error(`The tests need PostgreSQL and Redis.\n\n- ${problems.join("\n- ")}`);
  process.exit(1);
}

const results = [];
function run(title, args) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const { status } = spawnSync("pnpm", args, { cwd: repoRoot, env, stdio: "inherit" });
  results.push({ title, ok: status === 0, seconds: Math.round((Date.now() - started) / 1000) });
  return status === 0;
}

const ok =
  run("model: generate the backbone (skipped when present)", ["--filter", "@basegun/ml", "model:prepare"]) &&
  run("lint", ["run", "lint"]) &&
  run("type checks", ["exec", "turbo", "run", "typecheck", "--concurrency=2", "--output-logs=errors-only"]) &&
  run("unit and integration tests", ["exec", "turbo", "run", "test", "--concurrency=2"]) &&
  (skipE2e || run("end-to-end tests (Chromium)", ["--filter", "@basegun/web", "test:e2e"]));

console.log("\nSummary");
for (const r of results) console.log(`  ${r.ok ? "✔" : "✖"} ${r.title} (${r.seconds} s)`);
process.exit(ok ? 0 : 1);
