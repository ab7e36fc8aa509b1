#!/usr/bin/env node
// `pnpm start`: the whole platform from a fresh clone — checks PostgreSQL and Redis, applies the
// migrations, prepares the model, seeds (demo accounts outside production), builds and starts the web
// app, the inference worker and the training worker. `pnpm dev` does the same with Next's dev server and
// no build.
import { spawnSync } from "node:child_process";
import { checkServices } from "./services.mjs";
import { platformEnv, repoRoot } from "./env.mjs";
import { createSupervisor } from "./supervisor.mjs";

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
// a child that dies is restarted with backoff; one that keeps dying stops the whole platform (no
// half-running platform, no orphans: see supervisor.mjs)
const supervisor = createSupervisor({
  children: [
    { name: "web", command: "pnpm", args: ["--filter", "@basegun/web", dev ? "dev" : "start"], cwd: repoRoot, env },
    { name: "inference worker", command: "pnpm", args: ["--filter", "@basegun/worker-inference", dev ? "dev" : "start"], cwd: repoRoot, env },
    { name: "training worker", command: "pnpm", args: ["--filter", "@basegun/worker-training", dev ? "dev" : "start"], cwd: repoRoot, env },
  ],
});
supervisor.start();
process.on("SIGINT", () => void supervisor.stop(0));
process.on("SIGTERM", () => void supervisor.stop(0));
process.on("SIGHUP", () => void supervisor.stop(0));
process.exit(await supervisor.done);
