import { createDb } from "@basegun/db";
import { DEFAULT_BACKBONE_PATH } from "@basegun/ml";
import { createRedis, QUEUE_NAMES, trainingJobSchema } from "@basegun/queue";
import { photoStoreFromEnv } from "@basegun/storage";
import { UnrecoverableError, Worker } from "bullmq";
import type { Logger } from "pino";
import type { TrainingEnv } from "./env.ts";
import { processRun } from "./jobs/process-run.ts";
import type { TrainingWorkerDeps } from "./jobs/worker-deps.ts";
import { RunContext } from "./run-context.ts";

export interface RunningTrainingWorker {
  deps: TrainingWorkerDeps;
  /** stops taking jobs, waits for the run in flight, closes every connection */
  close(): Promise<void>;
}

/** Wires the `train` queue consumer. Paths in env must already be absolute (main.ts resolves them). */
export async function startTrainingWorker(env: TrainingEnv, log: Logger): Promise<RunningTrainingWorker> {
  const db = createDb(env.DATABASE_URL);
  const connection = createRedis(env.REDIS_URL, "worker");
  const deps: TrainingWorkerDeps = {
    db,
    store: photoStoreFromEnv(env, env.STORAGE_DIR),
    modelsDir: env.MODELS_DIR,
    uploadsDir: env.MODEL_UPLOADS_DIR,
    cacheDir: env.TRAINING_CACHE_DIR,
    backbonePath: env.BACKBONE_PATH ?? DEFAULT_BACKBONE_PATH,
  };
  const worker = new Worker(
    QUEUE_NAMES.train,
    async (job) => {
      const parsed = trainingJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`invalid training payload: ${parsed.error.message}`);
      const outcome = await processRun(deps, (runId) => new RunContext(db, runId, (line) => log.info({ runId }, line)), parsed.data.runId);
      log.info({ runId: parsed.data.runId, outcome, attempt: job.attemptsMade + 1 }, "training job finished");
      return outcome;
    },
    // a training run holds the CPU for minutes: a long lock, renewed by BullMQ while it runs
    { connection, concurrency: env.TRAINING_CONCURRENCY, lockDuration: 120_000, maxStalledCount: 1 },
  );
  worker.on("error", (error) => log.error({ err: error }, "worker error"));
  worker.on("failed", (job, error) => log.warn({ runId: job?.data?.runId, err: error.message }, "training job crashed"));
  await worker.waitUntilReady();
  return {
    deps,
    async close() {
      await worker.close();
      connection.disconnect();
      await db.$disconnect();
    },
  };
}
