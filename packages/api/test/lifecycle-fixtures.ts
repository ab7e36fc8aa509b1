import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Actor, Role } from "@basegun/auth";
import { createDb, registerShippedModels, type Db } from "@basegun/db";
import { dropDatabase, prepareDatabase, testDatabaseUrl } from "@basegun/db/testing";
import { createIdentifyProducer, createRedis, createTrainingProducer } from "@basegun/queue";
import { LocalPhotoStore } from "@basegun/storage";
import sharp from "sharp";
import type { ServiceDeps } from "../src/deps.ts";

/**
 * The lifecycle tests move the production alias: they get a database of their own (recreated per file)
 * so that no other package's tests, running at the same time, see a model they cannot load.
 */
export const LIFECYCLE_DATABASE_URL = `${testDatabaseUrl()}_lifecycle`;
/** Redis database reserved for these tests (api uses 1, the inference worker 3, the queue package 5). */
export const LIFECYCLE_REDIS_URL = process.env.LIFECYCLE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379/6";
export const SHIPPED_MODELS_DIR = path.resolve(import.meta.dirname, "../../../models");

export interface LifecycleHarness {
  deps: ServiceDeps;
  db: Db;
  root: string;
  modelsDir: string;
  datasetsRoot: string;
  shippedVersion: string;
  close(): Promise<void>;
}

export async function makeLifecycleHarness(): Promise<LifecycleHarness> {
  await dropDatabase(LIFECYCLE_DATABASE_URL);
  await prepareDatabase(LIFECYCLE_DATABASE_URL);
  const redis = createRedis(LIFECYCLE_REDIS_URL, "worker");
  await redis.flushdb();
  redis.disconnect();
  const root = await mkdtemp(path.join(tmpdir(), "basegun-lifecycle-"));
  const modelsDir = path.join(root, "models");
  const datasetsRoot = path.join(root, "datasets");
  await mkdir(modelsDir, { recursive: true });
  await mkdir(datasetsRoot, { recursive: true });
  // the shipped model, linked (never copied, never written): a temporary MODELS_DIR for candidates
  const shippedVersion = (await readdir(SHIPPED_MODELS_DIR)).filter((name) => /^\d{4}\.\d{2}\.\d{2}-\d+$/.test(name) && existsSync(path.join(SHIPPED_MODELS_DIR, name, "manifest.json"))).sort().at(-1);
  if (!shippedVersion) throw new Error(`no shipped model under ${SHIPPED_MODELS_DIR}`);
  await symlink(path.join(SHIPPED_MODELS_DIR, shippedVersion), path.join(modelsDir, shippedVersion));
  const db = createDb(LIFECYCLE_DATABASE_URL);
  await registerShippedModels(db, modelsDir);
  const training = createTrainingProducer(LIFECYCLE_REDIS_URL);
  const producer = createIdentifyProducer(LIFECYCLE_REDIS_URL);
  const deps: ServiceDeps = {
    db,
    store: new LocalPhotoStore(path.join(root, "storage")),
    producer,
    redisUrl: LIFECYCLE_REDIS_URL,
    lifecycle: { modelsDir, datasetsRoot, exportsDir: path.join(root, "exports"), uploadsDir: path.join(root, "uploads"), training },
  };
  return {
    deps,
    db,
    root,
    modelsDir,
    datasetsRoot,
    shippedVersion,
    async close() {
      await training.close();
      await producer.close();
      await db.$disconnect();
    },
  };
}

let counter = 0;
export async function makeActor(db: Db, role: Role): Promise<Actor> {
  counter += 1;
  const user = await db.user.create({ data: { email: `${role}-${counter}-${Math.random().toString(36).slice(2)}@lifecycle.test`, name: `${role} ${counter}`, role, unit: "Unit L" } });
  return { userId: user.id, role, unit: "Unit L", via: "session" };
}

/** A drawn image: each label its own colour and shape, jittered per index (never a real photo). */
export function drawnImage(label: string, index: number): Promise<Buffer> {
  const hue = [...label].reduce((total, char) => total + char.charCodeAt(0), 0) % 360;
  const shift = (index * 17) % 90;
  const long = label.startsWith("epaule") || label === "Rifle";
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240">
    <rect width="320" height="240" fill="hsl(${(hue + 180) % 360},30%,85%)"/>
    ${long ? `<rect x="${20 + shift / 3}" y="${100 + (index % 5)}" width="260" height="22" rx="4" fill="hsl(${hue},60%,25%)"/>` : `<circle cx="${120 + shift}" cy="${110 + (index % 7)}" r="${40 + (index % 9)}" fill="hsl(${hue},60%,30%)"/><rect x="${100 + shift}" y="130" width="30" height="70" fill="#222"/>`}
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

/** A folder with one sub-folder per label (the layout an export writes), under the datasets root. */
export async function writeLabelledFolder(datasetsRoot: string, name: string, perLabel: Record<string, number>): Promise<string> {
  const folder = path.join(datasetsRoot, name);
  for (const [label, count] of Object.entries(perLabel)) {
    await mkdir(path.join(folder, label), { recursive: true });
    for (let i = 0; i < count; i++) await writeFile(path.join(folder, label, `${label}-${i}.jpg`), await drawnImage(`${name}-${label}`, i));
  }
  return folder;
}

/**
 * A case labelled by an expert through the real review flow: the officer's upload (stored photos), a
 * low-tier prediction from the shipped model version, the review it opens, a claim and a correction.
 */
export async function expertLabelledCase(h: LifecycleHarness, officer: Actor, expert: Actor, typology: string, index: number, photoBytes?: Buffer[]) {
  const { createIdentification } = await import("../src/services/identification/create.ts");
  const { openReviewForPrediction } = await import("../src/services/review/open.ts");
  const { claimReview } = await import("../src/services/review/claim.ts");
  const { submitReviewDecision } = await import("../src/services/review/decide.ts");
  const photos = photoBytes ?? [await drawnImage(`case-${typology}`, index), await drawnImage(`case-${typology}`, index + 50)];
  const created = await createIdentification(h.deps, officer, { photos: photos.map((bytes) => ({ bytes })), source: "web" });
  const model = await h.db.modelVersion.findUniqueOrThrow({ where: { version: h.shippedVersion } });
  const other = typology === "revolver" ? "epaule_a_pompe" : "revolver";
  const probabilities = { [other]: 0.5, [typology]: 0.5 };
  const prediction = await h.db.prediction.create({
    data: {
      caseId: created.id, modelVersionId: model.id, rulesVersion: "fr-test", status: "not_determined", rawProbabilities: probabilities, probabilities,
      familyProbabilities: {}, topTypology: other, typology: null, family: null, confidence: 0.5, tier: "low", noFirearmScore: 0.01,
      executionProvider: "cpu", latencyMs: 5, timings: {},
    },
  });
  await h.db.case.update({ where: { id: created.id }, data: { status: "done" } });
  const routing = await h.db.$transaction((tx) => openReviewForPrediction(tx, { caseId: created.id, predictionId: prediction.id }, { random: () => 0.99 }));
  const reviewId = routing.reviewIds[0];
  if (!reviewId) throw new Error("no review opened for a low-tier prediction");
  const claim = await claimReview(h.deps, expert, reviewId);
  await submitReviewDecision(h.deps, expert, reviewId, { decision: "correct", version: claim.version, typology: typology as "revolver" });
  return { caseId: created.id, predictionId: prediction.id, reviewId };
}
