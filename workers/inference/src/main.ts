import { resolveRepoPath, resolveStorageDir } from "@basegun/storage";
import { pino } from "pino";
import { loadWorkerEnv } from "./env.ts";
import { startInferenceWorker } from "./worker.ts";

const env = loadWorkerEnv();
const log = pino({ name: "inference-worker", level: env.LOG_LEVEL });
const running = await startInferenceWorker(
  { ...env, STORAGE_DIR: resolveStorageDir(env.STORAGE_DIR), MODELS_DIR: resolveRepoPath(env.MODELS_DIR, "models") },
  log,
);
log.info({ concurrency: env.WORKER_CONCURRENCY }, "inference worker ready");

// Graceful shutdown: finish the jobs in flight, take no new one. A second signal forces the exit.
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, "stopping: waiting for jobs in flight");
    running.close().then(
      () => process.exit(0),
      (e) => {
        log.error({ err: e }, "unclean shutdown");
        process.exit(1);
      },
    );
  });
}
