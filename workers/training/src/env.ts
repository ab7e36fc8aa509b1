import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/** The training worker's environment, validated once at start: a bad value stops it with the variable's name. */
export function loadTrainingEnv(runtimeEnv: NodeJS.ProcessEnv = process.env) {
  return createEnv({
    server: {
      DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
      REDIS_URL: z.url({ protocol: /^rediss?$/ }),
      // relative paths are taken from the repository root (see resolveRepoPath)
      STORAGE_DIR: z.string().min(1).default("var/storage"),
      MODELS_DIR: z.string().min(1).default("models"),
      MODEL_UPLOADS_DIR: z.string().min(1).default("var/model-uploads"),
      // backbone feature cache shared with `pnpm model:train` (same keys: photo content + backbone + preprocessing)
      TRAINING_CACHE_DIR: z.string().min(1).default(".cache/ml"),
      BACKBONE_PATH: z.string().min(1).optional(),
      // one run at a time: training uses every core
      TRAINING_CONCURRENCY: z.coerce.number().int().min(1).max(4).default(1),
      LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    },
    runtimeEnv,
    emptyStringAsUndefined: true,
    onValidationError(issues) {
      const lines = issues.map((i) => `  ${i.path?.join(".") ?? "?"}: ${i.message}`);
      console.error(`basegun training worker: invalid environment\n${lines.join("\n")}`);
      process.exit(1);
    },
  });
}
export type TrainingEnv = ReturnType<typeof loadTrainingEnv>;
