// `pnpm test:e2e`: builds the app when the build is missing or older than the sources, then runs
// Playwright (which starts the web server, server.mjs, and, when a model is shipped, the inference worker).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.resolve(webRoot, "../..");
const buildId = path.join(webRoot, ".next", "BUILD_ID");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "generated" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = [path.join(webRoot, "src"), path.join(webRoot, "next.config.ts"), path.join(webRoot, "serwist.config.js"), path.join(repoRoot, "packages")];
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const sourcesAt = Math.max(...sources.filter(existsSync).map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)));

const run = (command, args, env = {}) => {
  const result = spawnSync(command, args, { cwd: webRoot, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (process.env.E2E_SKIP_BUILD !== "1" && sourcesAt > builtAt) {
  console.log("[e2e] building the app (sources changed since the last build)");
  run("node_modules/.bin/next", ["build"], { SKIP_ENV_VALIDATION: "1" });
  // the service worker (public/sw.js) is bundled after Next's build: see serwist.config.js
  run("node_modules/.bin/serwist", ["build"]);
} else {
  console.log("[e2e] build is up to date");
}
run("node_modules/.bin/playwright", ["test", ...process.argv.slice(2)]);
