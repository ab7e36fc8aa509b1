import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createIdentification } from "@basegun/api";
import { createRedis, readHeartbeats } from "@basegun/queue";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSupervisor, type Supervisor } from "../../../scripts/supervisor.mjs";
import { flushRedis, makeHarness, makeOfficer, waitFor } from "./harness.ts";

// `pnpm start`'s supervisor (scripts/supervisor.mjs) with real processes: the real inference worker
// killed with SIGKILL is restarted and the case it was working on completes; a child that keeps dying
// brings everything down, leaving no process behind.

let h: Awaited<ReturnType<typeof makeHarness>>;
const WORKER_DIR = path.resolve(import.meta.dirname, "..");

beforeAll(async () => {
  h = await makeHarness();
  await flushRedis();
});
afterAll(async () => {
  await h?.deps.producer.close();
  await h?.db.$disconnect();
});

/**
 * Whether any process of this group is still running (zombies, dead but not yet reaped by whichever
 * process adopted them, do not count). Reads /proc: Linux, like the machines this runs on.
 */
function groupAlive(pgid: number): boolean {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid pgrp …; comm may contain spaces, so read after the last ')'
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(pgrp) === pgid && state !== "Z" && state !== "X") return true;
  }
  return false;
}

const photo = (seed: number) =>
  sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 40 + seed, g: 90, b: 120 } } })
    .jpeg()
    .toBuffer();

describe("pnpm start's supervisor", () => {
  it("restarts the inference worker killed with SIGKILL mid-job; the case completes once, and stopping leaves no process", async () => {
    const lines: string[] = [];
    const supervisor: Supervisor = createSupervisor({
      children: [
        {
          name: "inference",
          command: process.execPath,
          args: ["--import", "tsx", "src/main.ts"],
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
            WORKER_LOCK_MS: "2000",
            WORKER_STALLED_CHECK_MS: "1000",
            LOG_LEVEL: "silent",
          },
        },
      ],
      backoff: { initialMs: 500 },
      stdio: "ignore",
      log: (line) => lines.push(line),
    });
    const redis = createRedis(h.env.REDIS_URL, "worker");
    const heartbeatOf = async (pid: number) => (await readHeartbeats(redis)).find((beat) => beat.worker.endsWith(`:${pid}`));
    try {
      supervisor.start();
      const first = supervisor.pid("inference")!;
      await waitFor(() => heartbeatOf(first), 90_000, 200);

      const officer = await makeOfficer(h.db);
      const created = await createIdentification(h.deps, officer, { photos: await Promise.all([1, 2, 3, 4].map(photo)).then((all) => all.map((bytes) => ({ bytes }))), source: "api" });
      await waitFor(async () => (await h.db.case.findUniqueOrThrow({ where: { id: created.id } })).status !== "pending", 30_000, 5);
      const killedAt = Date.now();
      process.kill(first, "SIGKILL");

      // restarted (a new process), model loaded again, and the case it held finishes
      const second = await waitFor(async () => {
        const pid = supervisor.pid("inference");
        return pid && pid !== first ? pid : null;
      }, 30_000);
      await waitFor(() => heartbeatOf(second), 90_000, 200);
      const readyAt = Date.now();
      await waitFor(async () => (await h.db.case.findUniqueOrThrow({ where: { id: created.id } })).status === "done", 60_000);
      const doneAt = Date.now();
      console.log(`worker SIGKILL → restarted with its model in ${((readyAt - killedAt) / 1000).toFixed(1)} s → the case done in ${((doneAt - killedAt) / 1000).toFixed(1)} s`);
      expect(await h.db.prediction.count({ where: { caseId: created.id, shadow: false } })).toBe(1);
      expect(lines.some((line) => line.includes("inference stopped (SIGKILL)"))).toBe(true);
      expect(groupAlive(first)).toBe(false);

      expect(await supervisor.stop(0)).toBe(0);
      expect(groupAlive(second)).toBe(false);
    } finally {
      await supervisor.stop(0);
      redis.disconnect();
    }
  }, 240_000);

  it("a child that keeps dying stops the whole platform, and no process of any child survives", async () => {
    const lines: string[] = [];
    const supervisor = createSupervisor({
      children: [
        { name: "crasher", command: process.execPath, args: ["-e", "setTimeout(() => process.exit(3), 50)"] },
        // a long-running sibling that itself started a grandchild: both must go
        { name: "steady", command: process.execPath, args: ["-e", "require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); setInterval(() => {}, 1000)"] },
      ],
      backoff: { initialMs: 20 },
      maxRestarts: { count: 3, windowMs: 10_000 },
      stdio: "ignore",
      log: (line) => lines.push(line),
    });
    supervisor.start();
    const steady = supervisor.pid("steady")!;
    const started = Date.now();
    expect(await supervisor.done).toBe(1);
    console.log(`crash loop detected and the platform stopped in ${Date.now() - started} ms`);
    expect(lines.at(-1)).toContain("crasher died 4 times");
    expect(groupAlive(steady)).toBe(false);
    expect(groupAlive(supervisor.pid("crasher")!)).toBe(false);
  }, 30_000);
});
