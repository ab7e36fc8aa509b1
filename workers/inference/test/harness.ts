import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ServiceDeps } from "@basegun/api";
import type { Actor } from "@basegun/auth";
import { createDb, registerShippedModels, type Db } from "@basegun/db";
import { testDatabaseUrl } from "@basegun/db/testing";
import { DEFAULT_BACKBONE_PATH, MODELS_DIR } from "@basegun/ml";
import { createIdentifyProducer, createRedis } from "@basegun/queue";
import { LocalPhotoStore } from "@basegun/storage";
import { pino } from "pino";
import sharp from "sharp";
import { loadWorkerEnv, type WorkerEnv } from "../src/env.ts";

/** Redis database reserved for the worker's tests (the api package's tests use db 1). */
export const WORKER_TEST_REDIS_URL = process.env.WORKER_TEST_REDIS_URL ?? "redis://127.0.0.1:6379/3";

export const silentLog = pino({ level: "silent" });

export async function makeHarness() {
  const storageDir = await mkdtemp(path.join(tmpdir(), "basegun-worker-test-"));
  const db: Db = createDb(testDatabaseUrl());
  const models = await registerShippedModels(db, MODELS_DIR);
  if (!models.production) throw new Error("no shipped model under models/: train one with pnpm model:train");
  const env: WorkerEnv = loadWorkerEnv({
    DATABASE_URL: testDatabaseUrl(),
    REDIS_URL: WORKER_TEST_REDIS_URL,
    STORAGE_DIR: storageDir,
    MODELS_DIR,
    BACKBONE_PATH: DEFAULT_BACKBONE_PATH,
    WORKER_CONCURRENCY: "1",
    SWEEP_INTERVAL_MS: "1000",
    LOG_LEVEL: "silent",
  });
  const deps: ServiceDeps = {
    db,
    store: new LocalPhotoStore(storageDir),
    producer: createIdentifyProducer(WORKER_TEST_REDIS_URL),
    redisUrl: WORKER_TEST_REDIS_URL,
  };
  return { env, deps, db, storageDir };
}

/**
 * The production version's id, and a second registered version on the same files under `version`:
 * enough for a test to see which version served (shadow rows, alias moves).
 */
export async function productionAndTwin(db: Db, version: string): Promise<{ productionId: string; twinId: string }> {
  const production = await db.modelAlias.findUniqueOrThrow({ where: { name: "production" }, include: { modelVersion: true } });
  const { artifactPath, artifactSha256, manifest } = production.modelVersion;
  const twin = await db.modelVersion.upsert({
    where: { version },
    create: { version, artifactPath, artifactSha256, manifest: manifest as object, source: "trained", status: "candidate" },
    update: {},
  });
  return { productionId: production.modelVersionId, twinId: twin.id };
}

export async function flushRedis() {
  const redis = createRedis(WORKER_TEST_REDIS_URL, "worker");
  await redis.flushdb();
  redis.disconnect();
}

export async function makeOfficer(db: Db): Promise<Actor> {
  const user = await db.user.create({
    data: { email: `worker-test-${Date.now()}-${Math.random().toString(36).slice(2)}@test.local`, name: "Worker test", role: "officer", unit: "Unit W" },
  });
  return { userId: user.id, role: "officer", unit: "Unit W", via: "session" };
}

/** A drawn photo: a dark, gun-like silhouette on a light table (never a dataset photo in the repo). */
export function drawnPhoto(seed = 0): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400">
    <rect width="640" height="400" fill="#d8d2c4"/>
    <rect x="${120 + seed}" y="170" width="380" height="34" rx="6" fill="#222"/>
    <rect x="${140 + seed}" y="200" width="70" height="120" rx="10" fill="#333" transform="rotate(12 175 260)"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, stepMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
