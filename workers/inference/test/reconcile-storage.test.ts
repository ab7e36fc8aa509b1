import { spawn } from "node:child_process";
import { mkdtemp, readdir, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createIdentification } from "@basegun/api";
import { LocalPhotoStore } from "@basegun/storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileStorage } from "../src/reconcile-storage.ts";
import { drawnPhoto, makeHarness, makeOfficer, WORKER_TEST_REDIS_URL } from "./harness.ts";

// Issue 12: the web process killed during uploads left case folders (originals, possibly evidence)
// with no Case row. The intake now lists its files in a journal before writing them; the reconciliation
// removes what a dead upload left, logged and audited, and never touches committed photos, dataset
// images or an upload still in flight.

let h: Awaited<ReturnType<typeof makeHarness>>;
const WORKER_DIR = path.resolve(import.meta.dirname, "..");

beforeAll(async () => {
  h = await makeHarness();
});
afterAll(async () => {
  await h?.deps.producer.close();
  await h?.db.$disconnect();
});

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((entry) => /\.(jpg|png|webp)$/.test(entry)).sort();
}

/** Runs the real intake in its own process and kills it (SIGKILL) once it has written its first file. */
async function killMidUpload(storageDir: string, ownerId: string): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/slow-intake.ts", h.env.DATABASE_URL, storageDir, WORKER_TEST_REDIS_URL, ownerId], {
    cwd: WORKER_DIR,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no file written:\n${output}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("stored ")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`intake exited (${code}) before writing:\n${output}`)));
  });
  child.kill("SIGKILL");
  await new Promise((resolve) => child.once("exit", resolve));
}

describe("no orphan photo after a killed upload", () => {
  it("a process killed mid-upload leaves a journal entry; the reconciliation removes its files and audits it", async () => {
    const storageDir = await mkdtemp(path.join(tmpdir(), "basegun-reconcile-"));
    const store = new LocalPhotoStore(storageDir);
    const officer = await makeOfficer(h.db);
    const deps = { ...h.deps, store };

    // a committed case (its files must stay) and a dataset image (never a candidate)
    const committed = await createIdentification(deps, officer, { photos: [{ bytes: await drawnPhoto(1) }], source: "api" });
    await store.put("derivatives/dataset/ab/abcdef.jpg", await drawnPhoto(2));

    await killMidUpload(storageDir, officer.userId);
    const left = (await h.db.intakeJournal.findMany({ where: { ownerId: officer.userId } }))[0]!;
    expect(left).toBeDefined();
    expect(await h.db.case.count({ where: { id: left.caseId } })).toBe(0);
    const orphanFiles = (await filesUnder(storageDir)).filter((file) => file.includes(left.caseId));
    expect(orphanFiles.length).toBeGreaterThanOrEqual(1);

    // an orphan from before the journal existed: a case folder with no row and no journal entry
    const legacyKey = "originals/clegacyorphan00000000000000/0b9e0a52-1d2c-4c59-9a49-2f2c3c1f6a11.jpg";
    await store.put(legacyKey, await drawnPhoto(3));
    const old = new Date(Date.now() - 3600_000);
    await utimes(path.join(storageDir, legacyKey), old, old);

    // an upload in flight (journal entry just now) is left alone by a normal run
    const gentle = await reconcileStorage({ db: h.db, store }, { graceMs: 15 * 60_000 });
    expect(gentle.removedFiles).toEqual([legacyKey]);
    expect(await filesUnder(storageDir)).toEqual(expect.arrayContaining(orphanFiles));

    const logged: string[] = [];
    const report = await reconcileStorage({ db: h.db, store }, { graceMs: 0, log: (message, data) => logged.push(`${message} ${String(data.caseId)}`) });
    expect(report.orphanCases).toContain(left.caseId);
    expect(logged.some((line) => line.includes(left.caseId))).toBe(true);
    const remaining = await filesUnder(storageDir);
    expect(remaining.some((file) => file.includes(left.caseId))).toBe(false);
    expect(remaining.some((file) => file.includes(committed.id))).toBe(true);
    expect(remaining).toContain(path.join("derivatives", "dataset", "ab", "abcdef.jpg"));
    expect(await h.db.intakeJournal.count({ where: { id: left.id } })).toBe(0);

    const audit = await h.db.auditLog.findFirstOrThrow({ where: { action: "storage.orphan.remove", resourceId: left.caseId } });
    expect(audit.data).toMatchObject({ source: "intake journal", ownerId: officer.userId });
    expect((audit.data as { originalsSha256: string[] }).originalsSha256.length).toBeGreaterThanOrEqual(1);

    // nothing left to do: a second run removes nothing
    expect((await reconcileStorage({ db: h.db, store }, { graceMs: 0 })).removedFiles).toEqual([]);
  }, 120_000);

  it("a committed upload leaves no journal entry behind", async () => {
    const officer = await makeOfficer(h.db);
    await createIdentification(h.deps, officer, { photos: [{ bytes: await drawnPhoto(4) }], source: "api" });
    expect(await h.db.intakeJournal.count({ where: { ownerId: officer.userId } })).toBe(0);
  });
});
