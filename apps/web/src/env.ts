import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";
import { DEFAULT_UPLOAD_LIMITS } from "@basegun/api/upload-limits";
import { DEFAULT_SIGN_IN_LIMITS } from "@basegun/auth/sign-in-limits";
import { refineStorageEnv, storageEnv } from "@basegun/storage";

/**
 * Server configuration, validated once on first use: a missing variable stops the server with a clear
 * message instead of failing on the first request. `SKIP_ENV_VALIDATION=1` lets `next build` run without
 * a database or secrets (the build collects page data and would otherwise need them).
 */
export const env = createEnv({
  server: {
    DATABASE_URL: z.url(),
    REDIS_URL: z.url(),
    AUTH_SECRET: z.string().min(16, "AUTH_SECRET: at least 16 characters (e.g. openssl rand -base64 32)"),
    // photo storage (STORAGE_DRIVER, STORAGE_DIR, S3_*): the same variables as the workers'
    ...storageEnv,
    AUTH_OIDC_ISSUER: z.url().optional(),
    AUTH_OIDC_ID: z.string().min(1).optional(),
    AUTH_OIDC_SECRET: z.string().min(1).optional(),
    AUTH_OIDC_NAME: z.string().min(1).optional(),
    // uploads per user and minute (new identifications and added photos); 0 turns the limit off
    UPLOAD_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(DEFAULT_UPLOAD_LIMITS.session),
    API_UPLOAD_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(DEFAULT_UPLOAD_LIMITS.apiKey),
    // password sign-in: failures allowed per account and per client address within the window, then
    // every attempt is refused with the usual "wrong credentials" answer until the window ends
    SIGN_IN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(DEFAULT_SIGN_IN_LIMITS.perAccount),
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(DEFAULT_SIGN_IN_LIMITS.perAddress),
    SIGN_IN_THROTTLE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(DEFAULT_SIGN_IN_LIMITS.windowSeconds),
    // the address users reach the app at; browsers may post only from its origin. Unset (local use):
    // http://localhost:PORT, http://127.0.0.1:PORT and http://[::1]:PORT
    PUBLIC_URL: z.url().optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    // read by server.mjs (listed here so the app validates them too): proxies whose X-Forwarded-*
    // headers are believed, and the time a client has to send a whole request
    TRUSTED_PROXIES: z.string().optional(),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  },
  client: {},
  experimental__runtimeEnv: {},
  createFinalSchema: (shape) => z.object(shape).superRefine(refineStorageEnv),
  emptyStringAsUndefined: true,
  skipValidation: !!process.env.SKIP_ENV_VALIDATION,
});
