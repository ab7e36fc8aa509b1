import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Actor, Role } from "@basegun/auth";
import { createDb, type Db } from "@basegun/db";
import { testDatabaseUrl } from "@basegun/db/testing";
import { createIdentifyProducer, createRedis } from "@basegun/queue";
import { LocalPhotoStore } from "@basegun/storage";
import sharp from "sharp";
import { expect } from "vitest";
import type { ServiceDeps } from "../src/deps.ts";
import { ServiceError } from "../src/errors.ts";

/** Redis database reserved for this package's tests (the worker's tests use another). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/1";

export async function makeDeps(overrides: Partial<ServiceDeps> = {}): Promise<ServiceDeps> {
  const db = createDb(testDatabaseUrl());
  const root = await mkdtemp(path.join(tmpdir(), "basegun-api-test-"));
  return { db, store: new LocalPhotoStore(root), producer: createIdentifyProducer(TEST_REDIS_URL), redisUrl: TEST_REDIS_URL, ...overrides };
}

/** What a test file's afterAll closes: the queue producer and the database client. */
export async function closeDeps(deps: ServiceDeps | undefined) {
  await deps?.producer.close();
  await deps?.db.$disconnect();
}

/** Deps and an expert, the setup of the review and verdict tests. */
export async function depsWithExpert(): Promise<{ deps: ServiceDeps; expert: Actor }> {
  const deps = await makeDeps();
  return { deps, expert: await makeUser(deps.db, "expert") };
}

/** The ServiceError a refused call throws (fails the test when it resolves or throws something else). */
export async function serviceErrorOf(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

export async function expectServiceError(promise: Promise<unknown>, code: ServiceError["code"], messageKey?: string) {
  const error = await serviceErrorOf(promise);
  expect(error.code).toBe(code);
  if (messageKey) expect(error.messageKey).toBe(messageKey);
}

let counter = 0;
export async function makeUser(db: Db, role: Role, unit: string | null = "Unit Test"): Promise<Actor> {
  counter += 1;
  const user = await db.user.create({
    data: { email: `${role}-${Date.now()}-${counter}-${Math.random().toString(36).slice(2)}@test.local`, name: `${role} ${counter}`, role, unit },
  });
  return { userId: user.id, role, unit, via: "session" };
}

export const photoBytes = (color = "#556677", width = 480, height = 320) =>
  sharp({ create: { width, height, channels: 3, background: color } }).jpeg().toBuffer();

export async function flushTestRedis() {
  const redis = createRedis(TEST_REDIS_URL, "worker");
  await redis.flushdb();
  redis.disconnect();
}

/** A model version row, as the seed registers shipped models (safe when tests call it concurrently). */
export async function ensureModelVersion(db: Db, version = "test-model-1") {
  // createMany + skipDuplicates is one INSERT … ON CONFLICT DO NOTHING: unlike upsert it cannot race
  await db.modelVersion.createMany({
    data: [{ version, artifactPath: version, artifactSha256: "0".repeat(64), manifest: { version, thresholds: { medium: 0.76, high: 0.98 } } }],
    skipDuplicates: true,
  });
  return db.modelVersion.findUniqueOrThrow({ where: { version } });
}
