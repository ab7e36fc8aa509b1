import { writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { createDb, poolOf, type Db } from "@basegun/db";
import {
  announceCaseUpdate,
  clearHeartbeat,
  createIdentifyProducer,
  createMarkingsProducer,
  createRedis,
  HEARTBEAT_INTERVAL_MS,
  identifyJobSchema,
  publishHeartbeat,
  QUEUE_NAMES,
  readMarkingsJobSchema,
} from "@basegun/queue";
import { photoStoreFromEnv } from "@basegun/storage";
import { UnrecoverableError, Worker } from "bullmq";
import sharp from "sharp";
import type { Logger } from "pino";
import type { WorkerEnv } from "./env.ts";
import { ModelProvider } from "./model-provider.ts";
import { markFailed, processIdentify, type ProcessDeps } from "./process-identify.ts";
import { strandedReadings } from "./markings/markings-sql.ts";
import { OcrEngine } from "./markings/ocr-engine.ts";
import { markReadingFailed, processReadMarkings, type MarkingsDeps } from "./markings/process-markings.ts";
import { sweepStrandedCases } from "./sweeper.ts";

export interface RunningWorker {
  /** the name its Redis connections show in CLIENT LIST: which host and process holds them */
  connectionName: string;
  models: ModelProvider;
  shadow: ModelProvider;
  /** the markings OCR, loaded on the first markings photo */
  ocr: OcrEngine;
  db: Db;
  /** stops taking jobs, waits for the ones in flight, closes every connection */
  close(): Promise<void>;
}

/** Wires the identify worker: queue consumer, model provider, sweeper. Used by main.ts and the tests. */
export async function startInferenceWorker(env: WorkerEnv, log: Logger): Promise<RunningWorker> {
  const db = createDb(env.DATABASE_URL);
  // named, so that CLIENT LIST tells which host and process holds each connection
  const connectionName = `basegun-inference-worker:${hostname()}:${process.pid}`;
  const connection = createRedis(env.REDIS_URL, "worker", connectionName);
  const publisher = createRedis(env.REDIS_URL, "worker", connectionName);
  const producer = createIdentifyProducer(env.REDIS_URL);
  // libvips's operation cache (50 MB by default) never hits here: every photo is decoded once
  sharp.cache(false);
  const tuning = { allowSpinning: env.ORT_ALLOW_SPINNING, memoryArena: env.ORT_MEMORY_ARENA, ...(env.ORT_INTRA_OP_THREADS ? { intraOpNumThreads: env.ORT_INTRA_OP_THREADS } : {}) };
  const models = new ModelProvider({
    db,
    modelsDir: env.MODELS_DIR,
    backbonePath: env.BACKBONE_PATH,
    executionProvider: env.ORT_EXECUTION_PROVIDER,
    tuning,
    aliasRefreshMs: env.MODEL_ALIAS_REFRESH_MS,
    log: (message, data) => log.info(data ?? {}, message),
  });
  // a candidate on live traffic when an admin sets the `shadow` alias: loaded on first use only
  const shadow = new ModelProvider({
    db,
    modelsDir: env.MODELS_DIR,
    backbonePath: env.BACKBONE_PATH,
    executionProvider: env.ORT_EXECUTION_PROVIDER,
    tuning,
    alias: "shadow",
    aliasRefreshMs: env.MODEL_ALIAS_REFRESH_MS,
    log: (message, data) => log.info({ ...data, alias: "shadow" }, message),
  });
  const deps: ProcessDeps = {
    db,
    store: photoStoreFromEnv(env, env.STORAGE_DIR),
    models,
    shadow,
    onShadowError: (error) => log.warn({ err: (error as Error).message }, "shadow prediction skipped"),
    announce: (caseId, status) => announceCaseUpdate(publisher, caseId, status),
  };

  // Load the production model before taking jobs: the first officer should not wait for it.
  const first = await models.resolve();
  log.info(
    {
      model: first.version,
      executionProvider: first.identifier.executionProvider,
      requestedExecutionProvider: env.ORT_EXECUTION_PROVIDER,
      fallbackReason: first.identifier.fallbackReason,
    },
    `inference runs on ${first.identifier.executionProvider.toUpperCase()}` +
      (first.identifier.executionProvider !== env.ORT_EXECUTION_PROVIDER ? ` (requested ${env.ORT_EXECUTION_PROVIDER}, fell back)` : ""),
  );

  const worker = new Worker(
    QUEUE_NAMES.identify,
    async (job) => {
      const parsed = identifyJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`invalid identify payload: ${parsed.error.message}`);
      const outcome = await processIdentify(deps, parsed.data);
      log.info({ caseId: parsed.data.caseId, outcome, attempt: job.attemptsMade + 1 }, "identify job finished");
      return outcome;
    },
    { connection, concurrency: env.WORKER_CONCURRENCY, lockDuration: env.WORKER_LOCK_MS, stalledInterval: env.WORKER_STALLED_CHECK_MS, maxStalledCount: 2 },
  );
  worker.on("error", (error) => log.error({ err: error }, "worker error"));
  worker.on("failed", (job, error) => {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    const final = error instanceof UnrecoverableError || error.name === "UnrecoverableError" || job.attemptsMade >= attempts;
    log.warn({ caseId: job.data?.caseId, attempt: job.attemptsMade, final, err: error.message }, "identify job failed");
    if (final && typeof job.data?.caseId === "string") {
      void markFailed(deps, job.data.caseId, error.message).catch((e) => log.error({ err: e }, "could not mark case failed"));
    }
  });

  // Markings photos (OCR) on a queue of their own, in this process: they need the same database,
  // storage and announcements as identify, and a worker of their own would duplicate all of it. Bounded
  // concurrency (MARKINGS_CONCURRENCY, 1 by default) keeps OCR from starving the typology batch.
  const ocr = new OcrEngine({ tuning, onLoaded: (ms) => log.info({ ms: Math.round(ms) }, "markings OCR loaded (PP-OCRv4, CPU)") });
  const markingsDeps: MarkingsDeps = { db, store: deps.store, ocr, announce: (caseId, status) => announceCaseUpdate(publisher, caseId, status) };
  const markingsProducer = createMarkingsProducer(env.REDIS_URL);
  const markingsWorker = new Worker(
    QUEUE_NAMES.readMarkings,
    async (job) => {
      const parsed = readMarkingsJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`invalid read-markings payload: ${parsed.error.message}`);
      const outcome = await processReadMarkings(markingsDeps, parsed.data);
      log.info({ readingId: parsed.data.readingId, outcome, attempt: job.attemptsMade + 1 }, "read-markings job finished");
      return outcome;
    },
    { connection, concurrency: env.MARKINGS_CONCURRENCY, lockDuration: env.WORKER_LOCK_MS, stalledInterval: env.WORKER_STALLED_CHECK_MS, maxStalledCount: 2 },
  );
  markingsWorker.on("error", (error) => log.error({ err: error }, "markings worker error"));
  markingsWorker.on("failed", (job, error) => {
    if (!job) return;
    const final = error instanceof UnrecoverableError || error.name === "UnrecoverableError" || job.attemptsMade >= (job.opts.attempts ?? 1);
    log.warn({ readingId: job.data?.readingId, attempt: job.attemptsMade, final, err: error.message }, "read-markings job failed");
    if (final && typeof job.data?.readingId === "string") {
      void markReadingFailed(markingsDeps, job.data.readingId, error.message).catch((e) => log.error({ err: e }, "could not mark reading failed"));
    }
  });

  const sweep = async () => {
    try {
      const count = await sweepStrandedCases(db, producer, env.SWEEP_INTERVAL_MS);
      if (count) log.info({ count }, "re-enqueued stranded cases");
      const readings = await strandedReadings(poolOf(db), env.SWEEP_INTERVAL_MS);
      for (const readingId of readings) await markingsProducer.enqueue({ readingId });
      if (readings.length) log.info({ count: readings.length }, "re-enqueued stranded markings readings");
    } catch (e) {
      log.warn({ err: (e as Error).message }, "sweep skipped (queue or database unavailable)");
    }
  };
  const sweeper = setInterval(sweep, env.SWEEP_INTERVAL_MS);
  void sweep();

  // alive, with this model: read by the web app's readiness check (/api/ready)
  const beat = async () => {
    try {
      const model = await models.resolve();
      await publishHeartbeat(publisher, { worker: connectionName, model: model.version, executionProvider: model.identifier.executionProvider });
      // and for a container health check that needs neither Redis nor a client (docker-compose.yml)
      if (env.HEARTBEAT_FILE) await writeFile(env.HEARTBEAT_FILE, `${model.version}\n`);
    } catch (e) {
      log.warn({ err: (e as Error).message }, "heartbeat skipped");
    }
  };
  const heartbeat = setInterval(beat, HEARTBEAT_INTERVAL_MS);
  await beat();

  return {
    connectionName,
    models,
    shadow,
    ocr,
    db,
    async close() {
      clearInterval(sweeper);
      clearInterval(heartbeat);
      await clearHeartbeat(publisher, connectionName).catch(() => {});
      await worker.close();
      await markingsWorker.close();
      await producer.close();
      await markingsProducer.close();
      await models.close();
      await shadow.close();
      publisher.disconnect();
      connection.disconnect();
      await db.$disconnect();
    },
  };
}
