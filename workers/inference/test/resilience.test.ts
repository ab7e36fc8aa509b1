import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createIdentification } from "@basegun/api";
import { createRedis } from "@basegun/queue";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startInferenceWorker, type RunningWorker } from "../src/worker.ts";
import { flushRedis, makeHarness, makeOfficer, silentLog, waitFor } from "./harness.ts";

// What the platform must survive without losing a case: a worker process killed in the middle of a job,
// and the worker's Redis connections cut (a Redis restart, a network blip).

let h: Awaited<ReturnType<typeof makeHarness>>;
const WORKER_DIR = path.resolve(import.meta.dirname, "..");
// short locks: a dead worker's job is taken again within seconds instead of a minute
const FAST_RECOVERY = { WORKER_LOCK_MS: "2000", WORKER_STALLED_CHECK_MS: "1000" };

beforeAll(async () => {
  h = await makeHarness();
  await flushRedis();
});
afterAll(async () => {
  await h?.deps.producer.close();
  await h?.db.$disconnect();
});

/** A large, detailed photo: enough decoding and inference work that a job lasts a few hundred ms. */
function busyPhoto(seed: number): Promise<Buffer> {
  const shapes = Array.from({ length: 60 }, (_, i) => `<rect x="${(i * 97 + seed * 13) % 1900}" y="${(i * 53) % 1400}" width="${80 + (i % 7) * 20}" height="${30 + (i % 5) * 15}" fill="hsl(${(i * 37 + seed) % 360},40%,${30 + (i % 4) * 10}%)" transform="rotate(${i % 30} 1000 750)"/>`).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="1500"><rect width="2000" height="1500" fill="#cfc8b8"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 92 }).toBuffer();
}

/** The worker as its own process (`tsx src/main.ts`), so that it can really be killed. */
async function spawnWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: WORKER_DIR,
    env: {
      ...process.env,
      DATABASE_URL: h.env.DATABASE_URL,
      REDIS_URL: h.env.REDIS_URL,
      STORAGE_DIR: h.env.STORAGE_DIR,
      MODELS_DIR: h.env.MODELS_DIR,
      BACKBONE_PATH: h.env.BACKBONE_PATH,
      WORKER_CONCURRENCY: "1",
      SWEEP_INTERVAL_MS: "600000",
      LOG_LEVEL: "info",
      ...FAST_RECOVERY,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("inference worker ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${output}`)));
  });
  return child;
}

describe("resilience of the identify path", () => {
  it("a worker killed in the middle of a job: another worker finishes the case, with one prediction", async () => {
    const first = await spawnWorker();
    const officer = await makeOfficer(h.db);
    const photos = await Promise.all(Array.from({ length: 8 }, (_, i) => busyPhoto(i)));
    const created = await createIdentification(h.deps, officer, { photos: photos.map((bytes) => ({ bytes })), source: "api" });

    // kill it the moment it has started on the case (status processing), before it can store anything
    await waitFor(async () => (await h.db.case.findUniqueOrThrow({ where: { id: created.id } })).status !== "pending", 30_000, 5);
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const afterKill = await h.db.case.findUniqueOrThrow({ where: { id: created.id }, include: { predictions: true } });
    expect(afterKill.status).toBe("processing");
    expect(afterKill.predictions).toHaveLength(0);

    // a second worker takes the job again once the dead one's lock has expired
    let second: RunningWorker | undefined;
    try {
      second = await startInferenceWorker({ ...h.env, WORKER_LOCK_MS: 2000, WORKER_STALLED_CHECK_MS: 1000 }, silentLog);
      await waitFor(async () => (await h.db.case.findUniqueOrThrow({ where: { id: created.id } })).status === "done", 45_000);
    } finally {
      await second?.close();
    }
    const done = await h.db.case.findUniqueOrThrow({ where: { id: created.id }, include: { predictions: true } });
    expect(done.predictions).toHaveLength(1);
    expect(done.attempts).toBeGreaterThanOrEqual(2);
  });

  it("the worker's Redis connections cut (Redis restart): it reconnects and takes the next case", async () => {
    const worker = await startInferenceWorker(h.env, silentLog);
    const admin = createRedis(h.env.REDIS_URL, "worker");
    try {
      const clients = (await admin.call("CLIENT", "LIST")) as string;
      const ids = clients
        .split("\n")
        .filter((line) => line.includes(` name=${worker.connectionName} `))
        .map((line) => /^id=(\d+)/.exec(line)?.[1])
        .filter((id): id is string => Boolean(id));
      // the queue connection, its blocking duplicate and the publisher: exactly this worker's, no one else's
      expect(ids.length).toBeGreaterThanOrEqual(2);
      for (const id of ids) await admin.call("CLIENT", "KILL", "ID", id);

      const officer = await makeOfficer(h.db);
      const created = await createIdentification(h.deps, officer, { photos: [{ bytes: await busyPhoto(99) }], source: "api" });
      await waitFor(async () => (await h.db.case.findUniqueOrThrow({ where: { id: created.id } })).status === "done", 45_000);
      expect(await h.db.prediction.count({ where: { caseId: created.id } })).toBe(1);
    } finally {
      admin.disconnect();
      await worker.close();
    }
  });
});
