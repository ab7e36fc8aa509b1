import { pgRunner, poolOf, writeAudit, type Db } from "@basegun/db";
import type { PhotoStore } from "@basegun/storage";

/**
 * Finds photo files that no database row refers to, and removes them, logged and audited (issue 12: a
 * web process killed mid-upload left case folders with originals, possibly evidence, and no case).
 *
 * Two sources, both only older than `graceMs` (an upload still in flight is never touched):
 * - intake journal entries left behind: the files an upload wrote before its rows committed; each is
 *   audited with its case id, owner and the originals' sha256, so the audit log keeps a trace of what
 *   was received and removed;
 * - a scan of the store for case photo files (`originals|derivatives/<case id>/<uuid>.<ext>`) that no
 *   Photo row names, for orphans made before the journal existed.
 * Dataset images (`derivatives/dataset/…`) are never candidates. Files are removed, not adopted: without
 * a committed case there is no officer answer, no procedure number, and nobody told the officer that
 * the case exists; the upload failed on their side and they send it again.
 */
export interface ReconcileOptions {
  graceMs?: number;
  dryRun?: boolean;
  now?: Date;
  log?: (message: string, data: Record<string, unknown>) => void;
}

export interface ReconcileReport {
  journalEntries: number;
  removedFiles: string[];
  orphanCases: string[];
  dryRun: boolean;
}

export const DEFAULT_RECONCILE_GRACE_MS = 15 * 60_000;
const CASE_PHOTO_KEY = /^(originals|derivatives)\/(c[a-z0-9]{20,40})\/[0-9a-f-]{36}\.(jpg|png|webp)$/;

interface JournalRow {
  id: string;
  caseId: string;
  ownerId: string;
  files: Array<{ originalKey: string; derivativeKey: string; sha256: string }>;
}

export async function reconcileStorage(deps: { db: Db; store: PhotoStore }, options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const graceMs = options.graceMs ?? DEFAULT_RECONCILE_GRACE_MS;
  const dryRun = options.dryRun ?? false;
  const cutoff = new Date((options.now ?? new Date()).getTime() - graceMs);
  const log = options.log ?? (() => {});
  const pool = poolOf(deps.db);
  const report: ReconcileReport = { journalEntries: 0, removedFiles: [], orphanCases: [], dryRun };

  /** Of these keys, the ones a Photo row names. */
  const referenced = async (keys: string[]): Promise<Set<string>> => {
    if (keys.length === 0) return new Set();
    const { rows } = await pool.query<{ key: string }>(
      `SELECT "originalKey" AS "key" FROM "Photo" WHERE "originalKey" = ANY($1) UNION SELECT "derivativeKey" FROM "Photo" WHERE "derivativeKey" = ANY($1)`,
      [keys],
    );
    return new Set(rows.map((row) => row.key));
  };

  const remove = async (caseId: string, keys: string[], data: Record<string, unknown>) => {
    if (keys.length === 0) return;
    report.removedFiles.push(...keys);
    if (!report.orphanCases.includes(caseId)) report.orphanCases.push(caseId);
    log(dryRun ? "orphan photo files found (dry run)" : "removing orphan photo files", { caseId, files: keys.length, ...data });
    if (dryRun) return;
    for (const key of keys) await deps.store.delete(key);
    await writeAudit(pgRunner(pool), { actorRole: "system", action: "storage.orphan.remove", resourceType: "Case", resourceId: caseId, data: { keys, ...data } });
  };

  // 1. uploads that never committed, by their journal
  const { rows: journal } = await pool.query<JournalRow>(`SELECT "id", "caseId", "ownerId", "files" FROM "IntakeJournal" WHERE "startedAt" < $1 ORDER BY "startedAt"`, [cutoff]);
  report.journalEntries = journal.length;
  for (const entry of journal) {
    const keys = entry.files.flatMap((file) => [file.originalKey, file.derivativeKey]);
    const kept = await referenced(keys);
    const orphans = keys.filter((key) => !kept.has(key));
    const sha256 = entry.files.filter((file) => !kept.has(file.originalKey)).map((file) => file.sha256);
    await remove(entry.caseId, orphans, { source: "intake journal", ownerId: entry.ownerId, originalsSha256: sha256 });
    if (!dryRun) await pool.query(`DELETE FROM "IntakeJournal" WHERE "id" = $1`, [entry.id]);
  }

  // 2. case photo files no row names (orphans from before the journal), outside uploads in flight
  const { rows: inFlight } = await pool.query<{ files: JournalRow["files"] }>(`SELECT "files" FROM "IntakeJournal" WHERE "startedAt" >= $1`, [cutoff]);
  const protectedKeys = new Set(inFlight.flatMap((entry) => entry.files.flatMap((file) => [file.originalKey, file.derivativeKey])));
  const candidates: Array<{ key: string; caseId: string }> = [];
  for (const area of ["originals", "derivatives"] as const) {
    for await (const object of deps.store.list(area)) {
      const match = CASE_PHOTO_KEY.exec(object.key);
      if (!match || object.modifiedAt >= cutoff || protectedKeys.has(object.key)) continue;
      candidates.push({ key: object.key, caseId: match[2]! });
    }
  }
  for (let i = 0; i < candidates.length; i += 500) {
    const batch = candidates.slice(i, i + 500);
    const kept = await referenced(batch.map((candidate) => candidate.key));
    const byCase = new Map<string, string[]>();
    for (const candidate of batch) {
      if (kept.has(candidate.key) || report.removedFiles.includes(candidate.key)) continue;
      byCase.set(candidate.caseId, [...(byCase.get(candidate.caseId) ?? []), candidate.key]);
    }
    for (const [caseId, keys] of byCase) await remove(caseId, keys, { source: "storage scan" });
  }
  return report;
}
