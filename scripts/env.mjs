// The environment every process of the platform gets when started from the repository:
// values from the shell win, then .env at the repository root, then development defaults.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function readDotEnv(file) {
  if (!existsSync(file)) return {};
  const values = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match && !line.trimStart().startsWith("#")) values[match[1]] = match[2].replace(/^(['"])(.*)\1$/, "$2");
  }
  return values;
}

/** A development AUTH_SECRET generated once and kept in var/ (never used when NODE_ENV=production). */
function devAuthSecret() {
  const file = path.join(repoRoot, "var", "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

export function platformEnv(overrides = {}) {
  const declared = { ...readDotEnv(path.join(repoRoot, ".env")), ...process.env };
  // a production deployment is what the operator declares; `pnpm start` runs a production build of the
  // web app either way (overrides), but only a declared deployment must bring its own secret
  if (declared.NODE_ENV === "production" && !declared.AUTH_SECRET) {
    throw new Error("AUTH_SECRET must be set for a production deployment (NODE_ENV=production)");
  }
  const env = { ...declared, ...overrides };
  return {
    ...env,
    DATABASE_URL: env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/basegun",
    REDIS_URL: env.REDIS_URL ?? "redis://127.0.0.1:6379",
    AUTH_SECRET: env.AUTH_SECRET ?? devAuthSecret(),
    AUTH_TRUST_HOST: env.AUTH_TRUST_HOST ?? "true",
    STORAGE_DIR: path.resolve(repoRoot, env.STORAGE_DIR ?? "var/storage"),
    MODELS_DIR: path.resolve(repoRoot, env.MODELS_DIR ?? "models"),
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: env.PORT ?? "3000",
  };
}
