import { resolveRepoPath, resolveStorageDir } from "@basegun/storage";
import { pino } from "pino";
import { loadTrainingEnv } from "./env.ts";
import { startTrainingWorker } from "./worker.ts";

const env = loadTrainingEnv();
const log = pino({ name: "training-worker", level: env.LOG_LEVEL });
const running = await startTrainingWorker(
  {
    ...env,
    STORAGE_DIR: resolveStorageDir(env.STORAGE_DIR),
    MODELS_DIR: resolveRepoPath(env.MODELS_DIR, "models"),
    MODEL_UPLOADS_DIR: resolveRepoPath(env.MODEL_UPLOADS_DIR, "var/model-uploads"),
    TRAINING_CACHE_DIR: resolveRepoPath(env.TRAINING_CACHE_DIR, ".cache/ml"),
  },
  log,
);
log.info({ concurrency: env.TRAINING_CONCURRENCY }, "training worker ready");

// Graceful shutdown: the run in flight finishes (or, if killed, restarts from its first step on the
// next start); no new run is taken. A second signal forces the exit.
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, "stopping: waiting for the run in flight");
    running.close().then(
      () => process.exit(0),
      (e) => {
        log.error({ err: e }, "unclean shutdown");
        process.exit(1);
      },
    );
  });
}
