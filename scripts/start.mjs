#!/usr/bin/env node
// `pnpm start`: the whole platform from a fresh clone — checks PostgreSQL and Redis, applies the
// migrations, prepares the model, seeds (demo accounts outside production), builds and starts the web
// app, the inference worker and the training worker. `pnpm dev` does the same with Next's dev server and
// no build.
import { spawn, spawnSync } from "node:child_process";
import { checkServices } from "./services.mjs";
import { platformEnv, repoRoot } from "./env.mjs";

const dev = process.argv.includes("--dev");
const env = platformEnv(dev ? {} : { NODE_ENV: process.env.NODE_ENV ?? "production" });

function step(title, args, extraEnv = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync("pnpm", args, { cwd: repoRoot, env: { ...env, ...extraEnv }, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

const problems = await checkServices({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL });
if (problems.length) {
  console.error(`Basegun needs PostgreSQL and Redis.\n\n- ${problems.join("\n- ")}`);
  process.exit(1);
}

step("database: create if missing and apply migrations", ["--filter", "@basegun/db", "db:ensure"]);
step("model: generate the backbone from the nsfwjs package", ["--filter", "@basegun/ml", "model:prepare"]);
// Demo accounts unless the operator declared a production deployment (NODE_ENV=production in the
// shell or .env); the web app itself always runs a production build under `pnpm start`.
const deployment = process.env.NODE_ENV === "production" ? "production" : "development";
step(`seed: shipped model versions${deployment === "production" ? "" : " and demo accounts"}`, ["--filter", "@basegun/db", "seed"], { NODE_ENV: deployment });
if (!dev) step("web: production build", ["--filter", "@basegun/web", "build"]);

console.log(`\n▶ starting web (http://localhost:${env.PORT}), the inference worker and the training worker — Ctrl+C stops them`);
const children = [
  spawn("pnpm", ["--filter", "@basegun/web", dev ? "dev" : "start"], { cwd: repoRoot, env, stdio: "inherit" }),
  spawn("pnpm", ["--filter", "@basegun/worker-inference", dev ? "dev" : "start"], { cwd: repoRoot, env, stdio: "inherit" }),
  spawn("pnpm", ["--filter", "@basegun/worker-training", dev ? "dev" : "start"], { cwd: repoRoot, env, stdio: "inherit" }),
];
let stopping = false;
const stopAll = (code) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 15_000).unref();
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.on("exit", r))))).then(() => process.exit(code));
};
for (const child of children) child.on("exit", (code) => stopAll(code ?? 1));
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));
