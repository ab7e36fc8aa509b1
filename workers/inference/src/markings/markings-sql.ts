import { inTransaction, writeAudit, type SqlPool } from "@basegun/db";
import { referenceModelId, type MarkingsReading } from "@basegun/domain";

/** The read-markings job's database work, in plain SQL on the ORM's pool like the identify job's. */

export type ClaimedReading =
  | { outcome: "missing" }
  | { outcome: "already-done" }
  | { outcome: "claimed"; id: string; caseId: string; derivativeKey: string };

/** One more attempt on a pending reading, and the photo to read, in one statement. */
export async function claimReading(pool: SqlPool, readingId: string): Promise<ClaimedReading> {
  const { rows } = await pool.query<{ status: string; caseId: string; derivativeKey: string; claimed: boolean }>(
    `WITH target AS (SELECT m."id", m."status", m."caseId", p."derivativeKey" FROM "MarkingsReading" m JOIN "Photo" p ON p."id" = m."photoId" WHERE m."id" = $1),
     claimed AS (
       UPDATE "MarkingsReading" m SET "attempts" = m."attempts" + 1
       FROM target WHERE m."id" = target."id" AND target."status" = 'pending'
       RETURNING m."id")
     SELECT t."status"::text AS "status", t."caseId", t."derivativeKey", (cl."id" IS NOT NULL) AS "claimed"
     FROM target t LEFT JOIN claimed cl ON cl."id" = t."id"`,
    [readingId],
  );
  const row = rows[0];
  if (!row) return { outcome: "missing" };
  if (!row.claimed) return { outcome: "already-done" };
  return { outcome: "claimed", id: readingId, caseId: row.caseId, derivativeKey: row.derivativeKey };
}

export interface ReadingResult {
  reading: MarkingsReading;
  ocrConfidence: number;
  latencyMs: number;
}

function matchColumns(reading: MarkingsReading) {
  const match = reading.match;
  switch (match.kind) {
    case "alarm":
      return { matchedId: match.alarmGun.id, label: match.label, typology: match.typology, calibres: match.calibres, score: match.score };
    case "catalogue":
      return { matchedId: referenceModelId(match.reference), label: match.label, typology: match.typology, calibres: match.calibres, score: match.score };
    case "none":
      return { matchedId: null, label: null, typology: null, calibres: null, score: null };
  }
}

/**
 * The text read and its match, the case touched (open pages re-read it) and the audit row, in one
 * transaction. Only a pending reading is written: a replayed job changes nothing. Returns whether it wrote.
 */
export async function storeReading(pool: SqlPool, readingId: string, caseId: string, result: ReadingResult): Promise<boolean> {
  const columns = matchColumns(result.reading);
  return inTransaction(pool, async (sql) => {
    const updated = await sql.query<{ id: string }>(
      `UPDATE "MarkingsReading" SET "status" = 'done', "text" = $2, "ocrConfidence" = $3, "matchKind" = CAST($4 AS "MarkingsMatchKind"),
         "matchedId" = $5, "matchedLabel" = $6, "typology" = $7, "calibres" = $8, "score" = $9, "latencyMs" = $10,
         "failureReason" = NULL, "completedAt" = now()
       WHERE "id" = $1 AND "status" = 'pending' RETURNING "id"`,
      [readingId, result.reading.normalised, result.ocrConfidence, result.reading.match.kind, columns.matchedId, columns.label, columns.typology,
        columns.calibres, columns.score, result.latencyMs],
    );
    if (updated.length === 0) return false;
    await sql.query(`UPDATE "Case" SET "updatedAt" = now() WHERE "id" = $1`, [caseId]);
    await writeAudit(sql, {
      actorRole: "worker",
      action: "markings.read",
      resourceType: "Case",
      resourceId: caseId,
      data: { readingId, text: result.reading.normalised, matchKind: result.reading.match.kind, matchedId: columns.matchedId, score: columns.score },
    });
    return true;
  });
}

/** After the last attempt (or an unreadable photo): the reading is failed with its reason. */
export async function failReading(pool: SqlPool, readingId: string, reason: string): Promise<string | null> {
  return inTransaction(pool, async (sql) => {
    const rows = await sql.query<{ caseId: string }>(
      `UPDATE "MarkingsReading" SET "status" = 'failed', "failureReason" = $2, "completedAt" = now() WHERE "id" = $1 AND "status" = 'pending' RETURNING "caseId"`,
      [readingId, reason.slice(0, 500)],
    );
    const caseId = rows[0]?.caseId ?? null;
    if (!caseId) return null;
    await sql.query(`UPDATE "Case" SET "updatedAt" = now() WHERE "id" = $1`, [caseId]);
    await writeAudit(sql, { actorRole: "worker", action: "markings.failed", resourceType: "Case", resourceId: caseId, data: { readingId, reason: reason.slice(0, 500) } });
    return caseId;
  });
}

/**
 * Readings left without a job (Redis down at upload, its memory lost) or never created (a crash between a
 * markings photo's commit and its reading): creates the missing ones and returns the pending readings
 * older than olderThanMs, oldest first, for the sweeper to enqueue (the job id is the reading id).
 */
export async function strandedReadings(pool: SqlPool, olderThanMs: number, limit = 100): Promise<string[]> {
  await pool.query(
    `INSERT INTO "MarkingsReading" ("id", "caseId", "photoId", "createdAt")
     SELECT 'c' || replace(gen_random_uuid()::text, '-', ''), p."caseId", p."id", p."createdAt"
     FROM "Photo" p WHERE p."kind" = 'markings' AND NOT EXISTS (SELECT 1 FROM "MarkingsReading" m WHERE m."photoId" = p."id")
     ON CONFLICT ("photoId") DO NOTHING`,
  );
  const { rows } = await pool.query<{ id: string }>(
    `SELECT "id" FROM "MarkingsReading" WHERE "status" = 'pending' AND "createdAt" < now() - make_interval(secs => $1::double precision / 1000)
     ORDER BY "createdAt" LIMIT $2`,
    [olderThanMs, limit],
  );
  return rows.map((row) => row.id);
}
