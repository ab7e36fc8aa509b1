import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/** The worker's environment, validated once at start: a bad value stops it with the variable's name. */
export function loadWorkerEnv(runtimeEnv: NodeJS.ProcessEnv = process.env) {
  return createEnv({
    server: {
      DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
      REDIS_URL: z.url({ protocol: /^rediss?$/ }),
      // relative paths are taken from the repository root (see resolveStorageDir)
      STORAGE_DIR: z.string().min(1).default("var/storage"),
      MODELS_DIR: z.string().min(1).default("models"),
      BACKBONE_PATH: z.string().min(1).optional(),
      ORT_EXECUTION_PROVIDER: z.enum(["cpu", "cuda"]).default("cpu"),
      WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
      MODEL_ALIAS_POLL_MS: z.coerce.number().int().min(200).default(5000),
      SWEEP_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
      LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    },
    runtimeEnv,
    emptyStringAsUndefined: true,
    onValidationError(issues) {
      const lines = issues.map((i) => `  ${i.path?.join(".") ?? "?"}: ${i.message}`);
      console.error(`basegun inference worker: invalid environment\n${lines.join("\n")}`);
      process.exit(1);
    },
  });
}
export type WorkerEnv = ReturnType<typeof loadWorkerEnv>;
