import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ServiceDeps } from "@basegun/api";
import type { Actor, Role } from "@basegun/auth";
import { createDb, registerShippedModels, type Db } from "@basegun/db";
import { dropDatabase, prepareDatabase, testDatabaseUrl } from "@basegun/db/testing";
import { DEFAULT_BACKBONE_PATH, MODELS_DIR } from "@basegun/ml";
import { createIdentifyProducer, createRedis, createTrainingProducer } from "@basegun/queue";
import { LocalPhotoStore } from "@basegun/storage";
import { loadWorkerEnv, startInferenceWorker, type RunningWorker } from "@basegun/worker-inference";
import { pino } from "pino";
import sharp from "sharp";
import { loadTrainingEnv } from "../src/env.ts";
import { startTrainingWorker, type RunningTrainingWorker } from "../src/worker.ts";

/** This package's own database (see vitest.config.ts, recreated per file) and Redis db 7: the loop moves the production alias. */
export const TRAINING_DATABASE_URL = testDatabaseUrl();
export const TRAINING_REDIS_URL = process.env.TRAINING_TEST_REDIS_URL ?? "redis://127.0.0.1:6379/7";
export const silentLog = pino({ level: "silent" });

export interface Harness {
  db: Db;
  deps: ServiceDeps;
  root: string;
  modelsDir: string;
  datasetsRoot: string;
  shippedVersion: string;
  inference: RunningWorker;
  training: RunningTrainingWorker;
  close(): Promise<void>;
}

export async function makeHarness(): Promise<Harness> {
  await dropDatabase(TRAINING_DATABASE_URL);
  await prepareDatabase(TRAINING_DATABASE_URL);
  const redis = createRedis(TRAINING_REDIS_URL, "worker");
  await redis.flushdb();
  redis.disconnect();
  const root = await mkdtemp(path.join(tmpdir(), "basegun-training-test-"));
  // a temporary MODELS_DIR: candidates are written here, the shipped model is only linked
  const modelsDir = path.join(root, "models");
  const datasetsRoot = path.join(root, "datasets");
  const storageDir = path.join(root, "storage");
  await mkdir(modelsDir, { recursive: true });
  await mkdir(datasetsRoot, { recursive: true });
  const shippedVersion = (await readdir(MODELS_DIR)).filter((name) => /^\d{4}\.\d{2}\.\d{2}-\d+$/.test(name) && existsSync(path.join(MODELS_DIR, name, "manifest.json"))).sort().at(-1);
  if (!shippedVersion) throw new Error("no shipped model under models/");
  await symlink(path.join(MODELS_DIR, shippedVersion), path.join(modelsDir, shippedVersion));
  const db = createDb(TRAINING_DATABASE_URL);
  await registerShippedModels(db, modelsDir);

  const inference = await startInferenceWorker(
    loadWorkerEnv({ DATABASE_URL: TRAINING_DATABASE_URL, REDIS_URL: TRAINING_REDIS_URL, STORAGE_DIR: storageDir, MODELS_DIR: modelsDir, BACKBONE_PATH: DEFAULT_BACKBONE_PATH, WORKER_CONCURRENCY: "1", SWEEP_INTERVAL_MS: "60000", LOG_LEVEL: "silent",
      // the loop test promotes and then identifies at once: read the alias for every job (the refresh
      // window itself is tested in the inference worker's model-provider.test.ts)
      MODEL_ALIAS_REFRESH_MS: "0" }),
    silentLog,
  );
  const training = await startTrainingWorker(
    loadTrainingEnv({ DATABASE_URL: TRAINING_DATABASE_URL, REDIS_URL: TRAINING_REDIS_URL, STORAGE_DIR: storageDir, MODELS_DIR: modelsDir, MODEL_UPLOADS_DIR: path.join(root, "uploads"), TRAINING_CACHE_DIR: path.join(root, "cache"), BACKBONE_PATH: DEFAULT_BACKBONE_PATH, LOG_LEVEL: "silent" }),
    silentLog,
  );
  const trainingProducer = createTrainingProducer(TRAINING_REDIS_URL);
  const deps: ServiceDeps = {
    db,
    store: new LocalPhotoStore(storageDir),
    producer: createIdentifyProducer(TRAINING_REDIS_URL),
    redisUrl: TRAINING_REDIS_URL,
    lifecycle: { modelsDir, datasetsRoot, exportsDir: path.join(root, "exports"), uploadsDir: path.join(root, "uploads"), training: trainingProducer },
  };
  return {
    db, deps, root, modelsDir, datasetsRoot, shippedVersion, inference, training,
    async close() {
      await inference.close();
      await training.close();
      await trainingProducer.close();
      await deps.producer.close();
      await db.$disconnect();
    },
  };
}

let counter = 0;
export async function makeActor(db: Db, role: Role): Promise<Actor> {
  counter += 1;
  const user = await db.user.create({ data: { email: `${role}-${counter}-${Math.random().toString(36).slice(2)}@training.test`, name: `${role} ${counter}`, role, unit: "Unit T" } });
  return { userId: user.id, role, unit: "Unit T", via: "session" };
}

/** Drawn images, one look per label (colour, shape), jittered per index: learnable, never real photos. */
export function drawnImage(label: string, index: number): Promise<Buffer> {
  const palette: Record<string, string> = { revolver: "#a02020", epaule_a_pompe: "#2040a0", pistolet_semi_auto_moderne: "#208040" };
  const colour = palette[label] ?? "#555555";
  const jitter = (index * 37) % 60;
  const shape = label.startsWith("epaule")
    ? `<rect x="${30 + jitter / 2}" y="${110 + (index % 9)}" width="${250 - jitter / 3}" height="26" rx="5" fill="${colour}"/>`
    : label === "revolver"
      ? `<circle cx="${130 + jitter}" cy="${120 + (index % 7)}" r="${45 + (index % 11)}" fill="${colour}"/>`
      : `<polygon points="${90 + jitter},60 ${230 + jitter / 2},60 ${160 + jitter},${190 + (index % 13)}" fill="${colour}"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240"><rect width="320" height="240" fill="#f0ece4"/>${shape}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

export async function writeLabelledFolder(datasetsRoot: string, name: string, perLabel: Record<string, number>, offset = 0) {
  for (const [label, count] of Object.entries(perLabel)) {
    await mkdir(path.join(datasetsRoot, name, label), { recursive: true });
    for (let i = 0; i < count; i++) await writeFile(path.join(datasetsRoot, name, label, `${label}-${i}.jpg`), await drawnImage(label, i + offset));
  }
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, stepMs = 150): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
