import { createEnv } from "@t3-oss/env-core";
import { exitOnInvalidEnv, sharedWorkerEnv } from "@basegun/queue";
import { refineStorageEnv, storageEnv } from "@basegun/storage";
import { z } from "zod";

/** The training worker's environment, validated once at start: a bad value stops it with the variable's name. */
export function loadTrainingEnv(runtimeEnv: NodeJS.ProcessEnv = process.env) {
  return createEnv({
    server: {
      ...sharedWorkerEnv,
      ...storageEnv,
      MODEL_UPLOADS_DIR: z.string().min(1).default("var/model-uploads"),
      // backbone feature cache shared with `pnpm model:train` (same keys: photo content + backbone + preprocessing)
      TRAINING_CACHE_DIR: z.string().min(1).default(".cache/ml"),
      // one run at a time: training uses every core
      TRAINING_CONCURRENCY: z.coerce.number().int().min(1).max(4).default(1),
    },
    runtimeEnv,
    // STORAGE_DRIVER=s3 needs its bucket: checked across variables, named like the others
    createFinalSchema: (shape) => z.object(shape).superRefine(refineStorageEnv),
    emptyStringAsUndefined: true,
    onValidationError: exitOnInvalidEnv("training worker"),
  });
}
export type TrainingEnv = ReturnType<typeof loadTrainingEnv>;
