import { createEnv } from "@t3-oss/env-core";
import { exitOnInvalidEnv, sharedWorkerEnv } from "@basegun/queue";
import { refineStorageEnv, storageEnv } from "@basegun/storage";
import { z } from "zod";

/** The worker's environment, validated once at start: a bad value stops it with the variable's name. */
export function loadWorkerEnv(runtimeEnv: NodeJS.ProcessEnv = process.env) {
  return createEnv({
    server: {
      ...sharedWorkerEnv,
      ...storageEnv,
      ORT_EXECUTION_PROVIDER: z.enum(["cpu", "cuda"]).default("cpu"),
      // ORT's own default (one thread per physical core) when unset
      ORT_INTRA_OP_THREADS: z.coerce.number().int().min(1).max(64).optional(),
      // idle ORT threads spinning for work: a little latency for a lot of CPU taken from web and database
      ORT_ALLOW_SPINNING: z.enum(["true", "false"]).default("false").transform((value) => value === "true"),
      // ORT's CPU memory arena keeps every session's buffers at the largest input seen: off, the worker's
      // memory follows the work in hand (see SessionTuning.memoryArena, pnpm bench:soak)
      ORT_MEMORY_ARENA: z.enum(["true", "false"]).default("false").transform((value) => value === "true"),
      WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
      // markings photos read at once (OCR); the engine is loaded on the first one
      MARKINGS_CONCURRENCY: z.coerce.number().int().min(1).max(8).default(1),
      // how long the worker trusts its last read of the production/shadow aliases: a promotion or a
      // rollback reaches jobs starting after that (0: read for every job)
      MODEL_ALIAS_REFRESH_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
      // a job whose worker died (killed, out of memory) is taken again once its lock has expired: the lock
      // is renewed every half of this while the worker lives, and expired locks are looked for this often
      WORKER_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
      WORKER_STALLED_CHECK_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
      SWEEP_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
      // rewritten every 5 s with the loaded model's version while the worker lives: a container health
      // check reads its age (docker-compose.yml); unset, no file
      HEARTBEAT_FILE: z.string().min(1).optional(),
    },
    runtimeEnv,
    // STORAGE_DRIVER=s3 needs its bucket: checked across variables, named like the others
    createFinalSchema: (shape) => z.object(shape).superRefine(refineStorageEnv),
    emptyStringAsUndefined: true,
    onValidationError: exitOnInvalidEnv("inference worker"),
  });
}
export type WorkerEnv = ReturnType<typeof loadWorkerEnv>;
