/**
 * `pnpm bench:soak [N] [IDLE_S]` (N = 60 jobs per phase, IDLE_S = 30 by default): does the inference
 * worker's memory grow with faults, or with time? Starts the real worker (`src/main.ts`, its own process,
 * as `pnpm start` runs it) on loopback PostgreSQL and Redis, feeds it drawn photos, and prints its
 * resident memory (RSS, read from /proc) per phase:
 *
 *   warm-up      20 jobs, so that the model, the thread pools and the allocators reach their steady size
 *   clean 1      N jobs, no fault
 *   faults 1..3  N jobs each, and during them: every 10 jobs, CLIENT KILL of every Redis connection the
 *                worker holds (found by its connection name, nobody else's); one photo in 6 corrupted
 *                after intake (the job fails, is retried 4 times, the case ends failed); in faults 1 only,
 *                SOAK_MARKINGS markings photos (2; the OCR engine loads once: +125-145 MB, known)
 *   clean 2      N jobs, no fault: compared with clean 1
 *   idle         IDLE_S seconds with no job
 *
 * SOAK_PHOTOS photos per case (1) of SOAK_PHOTO_WIDTH pixels (1200) make the jobs heavier.
 *
 * Bounded: at most 5 phases of N jobs, each job waited for at most 60 s, the whole run stopped after
 * SOAK_MAX_S seconds (600 by default). Loopback only. Database: SOAK_DATABASE_URL (default: the test
 * database's name + `_soak`, created and migrated); Redis: a redis-server of its own on a free loopback
 * port, or SOAK_REDIS_URL (refused while another client uses that database; nothing is flushed). Not part of
 * `pnpm test`: it is a measurement.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { connect, createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { addMarkingsPhoto, createIdentification, type ServiceDeps } from "@basegun/api";
import type { Actor } from "@basegun/auth";
import { createDb, registerShippedModels } from "@basegun/db";
import { packageTestDatabaseUrl, prepareDatabase } from "@basegun/db/testing";
import { DEFAULT_BACKBONE_PATH, MODELS_DIR } from "@basegun/ml";
import { createIdentifyProducer, createRedis, type IdentifyProducer } from "@basegun/queue";
import { LocalPhotoStore } from "@basegun/storage";
import sharp from "sharp";
import { renderMarkings } from "../test/markings-images.ts";

const N = Number(process.argv[2] ?? 60);
const IDLE_S = Number(process.argv[3] ?? 30);
const MAX_S = Number(process.env.SOAK_MAX_S ?? 600);
// heavier variants: more markings photos in faults 1, several photos per case, larger photos
const MARKINGS = Number(process.env.SOAK_MARKINGS ?? 2);
const PHOTOS_PER_CASE = Number(process.env.SOAK_PHOTOS ?? 1);
const PHOTO_WIDTH = Number(process.env.SOAK_PHOTO_WIDTH ?? 1200);
const DATABASE_URL = process.env.SOAK_DATABASE_URL ?? packageTestDatabaseUrl("soak");
// a Redis of its own by default (redis-server on a free loopback port, no persistence): any other worker
// on a shared Redis database would take the soak's jobs, and the soak's worker theirs
const ownRedis = process.env.SOAK_REDIS_URL ? null : await startOwnRedis();
process.on("exit", () => ownRedis?.process.kill());
const REDIS_URL = process.env.SOAK_REDIS_URL ?? `redis://127.0.0.1:${ownRedis!.port}/0`;
for (const url of [DATABASE_URL, REDIS_URL]) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) throw new Error(`the soak runs on loopback only, not ${host}`);
}
async function startOwnRedis(): Promise<{ port: number; process: ChildProcess }> {
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
  const server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  for (let i = 0; i < 50; i++) {
    const ready = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => (socket.end(), resolve(true)));
      socket.on("error", () => resolve(false));
    });
    if (ready) return { port, process: server };
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error("redis-server did not start (is it installed? or set SOAK_REDIS_URL)");
}
const WORKER_DIR = path.resolve(import.meta.dirname, "..");
const startedAt = Date.now();
const elapsed = () => ((Date.now() - startedAt) / 1000).toFixed(0);
const outOfTime = () => Date.now() - startedAt > MAX_S * 1000;

await prepareDatabase(DATABASE_URL);
const db = createDb(DATABASE_URL);
await registerShippedModels(db, MODELS_DIR);
const storageDir = await mkdtemp(path.join(tmpdir(), "basegun-soak-"));
const store = new LocalPhotoStore(storageDir);
const producer = createIdentifyProducer(REDIS_URL);
const deps: ServiceDeps = { db, store, producer, redisUrl: REDIS_URL };
const redisAdmin = createRedis(REDIS_URL, "worker");

// another process on this Redis database (a platform, a test's worker) would take the soak's jobs
const dbNumber = new URL(REDIS_URL).pathname.slice(1) || "0";
const others = ((await redisAdmin.call("CLIENT", "LIST")) as string).split("\n").filter((line) => line.includes(` db=${dbNumber} `) && !line.includes("cmd=client"));
if (others.length > 0) throw new Error(`Redis database ${dbNumber} has ${others.length} other clients (${others.map((line) => /name=(\S*)/.exec(line)?.[1] || "unnamed").join(", ")}): set SOAK_REDIS_URL to an unused one`);

const user = await db.user.create({ data: { email: `soak-${Date.now()}@test.local`, name: "Soak", role: "officer", unit: "Soak" } });
const officer: Actor = { userId: user.id, role: "officer", unit: "Soak", via: "session" };

// --- the worker, as its own process ---
const worker: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
  cwd: WORKER_DIR,
  env: {
    ...process.env,
    DATABASE_URL,
    REDIS_URL,
    STORAGE_DIR: storageDir,
    MODELS_DIR,
    BACKBONE_PATH: DEFAULT_BACKBONE_PATH,
    WORKER_CONCURRENCY: "2",
    SWEEP_INTERVAL_MS: "600000",
    LOG_LEVEL: "warn",
    ...(process.env.SOAK_WORKER_ENV ? Object.fromEntries(process.env.SOAK_WORKER_ENV.split(",").map((pair) => pair.split("=") as [string, string])) : {}),
  },
  stdio: ["ignore", "pipe", "pipe"],
});
let workerOutput = "";
worker.stdout!.on("data", (chunk: Buffer) => (workerOutput = (workerOutput + chunk.toString()).slice(-4000)));
worker.stderr!.on("data", (chunk: Buffer) => (workerOutput = (workerOutput + chunk.toString()).slice(-4000)));
worker.on("exit", (code) => {
  if (!finished) {
    console.error(`worker exited (${code}):\n${workerOutput}`);
    process.exit(1);
  }
});
let finished = false;

const rssMb = () => {
  const status = readFileSync(`/proc/${worker.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
};
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 250);

// ready: its heartbeat is in Redis (it loads the model before taking jobs)
const connectionName = await (async () => {
  for (;;) {
    const clients = (await redisAdmin.call("CLIENT", "LIST")) as string;
    const name = /name=(basegun-inference-worker:[^ ]+:(\d+)) /.exec(clients.split("\n").find((line) => line.includes(`:${worker.pid} `)) ?? "")?.[1];
    if (name && (await redisAdmin.exists(`basegun:heartbeat:inference:${name}`))) return name;
    if (outOfTime()) throw new Error("worker not ready");
    await new Promise((r) => setTimeout(r, 200));
  }
})();

async function killWorkerConnections(): Promise<number> {
  const clients = (await redisAdmin.call("CLIENT", "LIST")) as string;
  const ids = clients
    .split("\n")
    // its named connections, and BullMQ's blocking duplicates (named bull:<queue>): only the worker consumes here
    .filter((line) => line.includes(` name=${connectionName} `) || / name=bull:/.test(line))
    .map((line) => /^id=(\d+)/.exec(line)?.[1])
    .filter((id): id is string => Boolean(id));
  for (const id of ids) await redisAdmin.call("CLIENT", "KILL", "ID", id).catch(() => {});
  return ids.length;
}

/** A drawn photo (never a dataset photo): shapes that vary with the seed, PHOTO_WIDTH × 3/4 of it. */
function drawnPhoto(seed: number): Promise<Buffer> {
  const w = PHOTO_WIDTH;
  const h = Math.round((w * 3) / 4);
  const shapes = Array.from({ length: 24 }, (_, i) => `<rect x="${(i * 97 + seed * 13) % (w - 100)}" y="${(i * 53 + seed) % (h - 100)}" width="${60 + (i % 7) * 20}" height="${20 + (i % 5) * 12}" fill="hsl(${(i * 37 + seed) % 360},35%,${25 + (i % 4) * 10}%)" transform="rotate(${(i + seed) % 30} ${w / 2} ${h / 2})"/>`).join("");
  return sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="#d2cbbd"/>${shapes}</svg>`)).jpeg({ quality: 88 }).toBuffer();
}

const MARKING_LINES = ["ZORAKI 918 CAL 9mm P.A.K", "GLOCK 17 AUSTRIA 9x19", "REMINGTON 870 EXPRESS MAGNUM 12GA", "BERETTA 92 PB GARDONE V.T."];

/** Intake without the queue (the job is added later), so a photo can be corrupted before the worker reads it. */
const held: IdentifyProducer = { enqueue: async () => {}, close: async () => {} };

async function finalStatus(caseId: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { status: true } });
    if (row.status === "done" || row.status === "failed") return row.status;
    if (Date.now() > deadline) return `stuck:${row.status}`;
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface PhaseResult {
  name: string;
  jobs: number;
  seconds: number;
  statuses: Record<string, number>;
  kills: number;
  rssEnd: number;
  peak: number;
  samples: number[];
}
const results: PhaseResult[] = [];

async function phase(name: string, jobs: number, faults: { kills?: boolean; corruptEvery?: number; markings?: number } = {}) {
  if (outOfTime()) return;
  peak = rssMb();
  const started = Date.now();
  const statuses: Record<string, number> = {};
  const pending: Array<Promise<void>> = [];
  const samples: number[] = [];
  let kills = 0;
  for (let i = 0; i < jobs && !outOfTime(); i++) {
    if (faults.kills && i > 0 && i % 10 === 0) kills += await killWorkerConnections();
    const corrupt = faults.corruptEvery !== undefined && i % faults.corruptEvery === faults.corruptEvery - 1;
    const photos = await Promise.all(Array.from({ length: PHOTOS_PER_CASE }, (_, k) => drawnPhoto(results.length * 1000 + i * 8 + k)));
    const created = await createIdentification(corrupt ? { ...deps, producer: held } : deps, officer, { photos: photos.map((bytes) => ({ bytes })), source: "api" });
    if (corrupt) {
      const stored = await db.photo.findFirstOrThrow({ where: { caseId: created.id } });
      await store.put(stored.derivativeKey, Buffer.from("not a jpeg: the soak's failed photo"));
      await producer.enqueue({ caseId: created.id });
    }
    // two jobs in flight (the worker's concurrency); a failed photo is waited for in the background
    const done = finalStatus(created.id).then((status) => void (statuses[status] = (statuses[status] ?? 0) + 1));
    if (corrupt) pending.push(done);
    else await done;
    if (faults.markings && i < faults.markings) {
      const updated = await addMarkingsPhoto(deps, officer, created.id, { photo: { bytes: await renderMarkings([MARKING_LINES[i % MARKING_LINES.length]!]) } });
      const readingId = updated.markingsReadings[0]?.id;
      for (let wait = 0; readingId && wait < 600; wait++) {
        const reading = await db.markingsReading.findUnique({ where: { id: readingId }, select: { status: true } });
        if (reading && reading.status !== "pending") break;
        await new Promise((r) => setTimeout(r, 100));
      }
      statuses.markings = (statuses.markings ?? 0) + 1;
    }
    if ((i + 1) % 10 === 0) samples.push(Math.round(rssMb()));
  }
  await Promise.all(pending);
  const result = { name, jobs, seconds: (Date.now() - started) / 1000, statuses, kills, rssEnd: rssMb(), peak, samples };
  results.push(result);
  console.log(
    `[${elapsed()} s] ${name.padEnd(9)} ${String(jobs).padStart(3)} jobs in ${result.seconds.toFixed(0).padStart(3)} s  ` +
      `RSS end ${result.rssEnd.toFixed(0)} MB, peak ${result.peak.toFixed(0)} MB  per 10 jobs: ${samples.join(" ")}  ` +
      `${Object.entries(statuses).map(([k, v]) => `${k} ${v}`).join(", ")}${kills ? `, ${kills} Redis connections killed` : ""}`,
  );
}

const fresh = rssMb();
console.log(
  `inference worker pid ${worker.pid}, ready in ${elapsed()} s, RSS ${fresh.toFixed(0)} MB; N = ${N} jobs per phase, ${PHOTOS_PER_CASE} photo(s) of ${PHOTO_WIDTH} px per case, ${MARKINGS} markings photos, node ${process.version}`,
);
await phase("warm-up", 20);
await phase("clean 1", N);
await phase("faults 1", N, { kills: true, corruptEvery: 6, markings: MARKINGS });
await phase("faults 2", N, { kills: true, corruptEvery: 6 });
await phase("faults 3", N, { kills: true, corruptEvery: 6 });
await phase("clean 2", N);
if (!outOfTime()) {
  const idleSamples: number[] = [];
  for (let s = 0; s < IDLE_S; s += 5) {
    await new Promise((r) => setTimeout(r, 5000));
    idleSamples.push(Math.round(rssMb()));
  }
  console.log(`[${elapsed()} s] idle      ${IDLE_S} s, RSS every 5 s: ${idleSamples.join(" ")} MB`);
}

const byName = new Map(results.map((r) => [r.name, r]));
const f1 = byName.get("faults 1");
const f3 = byName.get("faults 3");
const c1 = byName.get("clean 1");
const c2 = byName.get("clean 2");
if (c1 && c2 && f1 && f3) {
  console.log(
    `growth: clean 1 → clean 2 ${(c2.rssEnd - c1.rssEnd).toFixed(0)} MB (the OCR engine loaded in between: +125-145 MB expected); ` +
      `faults 1 → faults 3 ${(f3.rssEnd - f1.rssEnd).toFixed(0)} MB over ${f3.jobs + (byName.get("faults 2")?.jobs ?? 0)} jobs with faults`,
  );
}

finished = true;
clearInterval(sampler);
worker.kill("SIGTERM");
await new Promise((resolve) => {
  const timer = setTimeout(() => (worker.kill("SIGKILL"), resolve(null)), 15_000);
  worker.once("exit", () => (clearTimeout(timer), resolve(null)));
});
await producer.close();
redisAdmin.disconnect();
await db.$disconnect();
await rm(storageDir, { recursive: true, force: true });
process.exit(0);
