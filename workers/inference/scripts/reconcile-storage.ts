/**
 * `pnpm storage:reconcile [--dry-run] [--grace-minutes N]`: removes photo files that no database row
 * refers to (an upload whose web process died before its rows committed), logged (one JSON line per
 * case folder, then a summary) and audited (`storage.orphan.remove`). Safe to run at any time, e.g.
 * hourly from cron: uploads younger than the grace period (15 minutes) are never touched.
 */
import { createDb } from "@basegun/db";
import { photoStoreFromEnv, resolveStorageDir } from "@basegun/storage";
import { loadWorkerEnv } from "../src/env.ts";
import { DEFAULT_RECONCILE_GRACE_MS, reconcileStorage } from "../src/reconcile-storage.ts";

const args = process.argv.slice(2);
const graceIndex = args.indexOf("--grace-minutes");
const graceMinutes = graceIndex >= 0 ? Number(args[graceIndex + 1]) : DEFAULT_RECONCILE_GRACE_MS / 60_000;
if (!Number.isFinite(graceMinutes) || graceMinutes < 0) {
  console.error("usage: pnpm storage:reconcile [--dry-run] [--grace-minutes N]");
  process.exit(2);
}
const env = loadWorkerEnv();
const db = createDb(env.DATABASE_URL);
try {
  const report = await reconcileStorage(
    { db, store: photoStoreFromEnv(env, resolveStorageDir(env.STORAGE_DIR)) },
    {
      graceMs: graceMinutes * 60_000,
      dryRun: args.includes("--dry-run"),
      log: (message, data) => console.log(JSON.stringify({ at: new Date().toISOString(), message, ...data })),
    },
  );
  console.log(JSON.stringify({ message: "storage reconciled", journalEntries: report.journalEntries, orphanCases: report.orphanCases.length, removedFiles: report.removedFiles.length, dryRun: report.dryRun }));
} finally {
  await db.$disconnect();
}
