#!/usr/bin/env node
// `node scripts/with-env.mjs <pnpm arguments…>`: runs pnpm with the platform's environment, as `pnpm
// start` does: the shell's values first, then .env at the repository root, then the README's defaults
// (DATABASE_URL, REDIS_URL, STORAGE_DIR…). The root package's commands (api-key:*, user:create,
// bench:identify, storage:reconcile) go through it, so they work in a fresh shell with nothing exported.
import { spawnSync } from "node:child_process";
import { platformEnv } from "./env.mjs";

const result = spawnSync("pnpm", process.argv.slice(2), { env: platformEnv(), stdio: "inherit" });
process.exit(result.status ?? 1);
