import { createId, openReviewForPrediction } from "@basegun/api";
import { inTransaction, writeAudit, type SqlPool } from "@basegun/db";
import { RULES_VERSION } from "@basegun/domain";
import type { predictWith } from "./predict.ts";

/**
 * The worker's database work per case, in plain SQL on the ORM's own pool (see @basegun/db's sql.ts:
 * the ORM's per-call CPU was a third of the worker's cost beside the model): one statement to claim the
 * case, one transaction to store its result.
 */

export type ClaimedCase =
  | { outcome: "missing" }
  | { outcome: "already-done" }
  | { outcome: "claimed"; id: string; answers: unknown; photoRevision: number; derivativeKeys: string[] };

/**
 * Marks the case processing (one more attempt) unless it is done, and reads what the model needs, in one
 * statement: the photos of the weapon, never the close-ups of its markings (read apart by the
 * read-markings job). Tells a missing case from a done one.
 */
export async function claimCase(pool: SqlPool, caseId: string): Promise<ClaimedCase> {
  const { rows } = await pool.query<{ status: string; answers: unknown; photoRevision: number | null; derivativeKeys: string[] }>(
    `WITH target AS (SELECT "id", "status" FROM "Case" WHERE "id" = $1),
     claimed AS (
       UPDATE "Case" c SET "status" = 'processing', "attempts" = c."attempts" + 1, "updatedAt" = now()
       FROM target WHERE c."id" = target."id" AND target."status" <> 'done'
       RETURNING c."id", c."answers", c."photoRevision")
     SELECT t."status"::text AS "status", cl."answers", cl."photoRevision",
       coalesce((SELECT array_agg(p."derivativeKey" ORDER BY p."position") FROM "Photo" p WHERE p."caseId" = t."id" AND p."kind" <> 'markings'), '{}') AS "derivativeKeys"
     FROM target t LEFT JOIN claimed cl ON cl."id" = t."id"`,
    [caseId],
  );
  const row = rows[0];
  if (!row) return { outcome: "missing" };
  if (row.status === "done" || row.photoRevision === null) return { outcome: "already-done" };
  return { outcome: "claimed", id: caseId, answers: row.answers, photoRevision: row.photoRevision, derivativeKeys: row.derivativeKeys };
}

type Prediction = Awaited<ReturnType<typeof predictWith>>;

/**
 * Stores production's answer and everything that goes with it, in one transaction: the prediction (a
 * rerun of the same model on the same photos keeps the first row: ON CONFLICT DO NOTHING), the case done,
 * the expert review when routing asks for one (low tier, open category question, officer's request or
 * quality sample), and the audit row.
 */
export async function storeProductionPrediction(
  pool: SqlPool,
  input: { caseId: string; photoRevision: number; modelVersionId: string; modelVersion: string; prediction: Prediction },
): Promise<void> {
  const { caseId, photoRevision, modelVersionId, prediction: p } = input;
  await inTransaction(pool, async (sql) => {
    const id = createId();
    const inserted = await sql.query<{ id: string }>(
      `INSERT INTO "Prediction" ("id", "caseId", "modelVersionId", "photoRevision", "shadow", "rulesVersion", "status", "rawProbabilities",
         "probabilities", "familyProbabilities", "topTypology", "typology", "family", "confidence", "tier", "noFirearmScore", "category",
         "executionProvider", "latencyMs", "timings")
       VALUES ($1, $2, $3, $4, false, $5, CAST($6 AS "PredictionStatus"), $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12, $13,
         CAST($14 AS "ConfidenceTier"), $15, $16::jsonb, $17, $18, $19::jsonb)
       ON CONFLICT ("caseId", "modelVersionId", "photoRevision") DO NOTHING
       RETURNING "id"`,
      [id, caseId, modelVersionId, photoRevision, p.rulesVersion, p.status, JSON.stringify(p.rawProbabilities), JSON.stringify(p.probabilities),
        JSON.stringify(p.familyProbabilities), p.topTypology, p.typology, p.family, p.confidence, p.tier, p.noFirearmScore,
        p.category === undefined ? null : JSON.stringify(p.category), p.executionProvider, p.latencyMs, JSON.stringify(p.timings)],
    );
    await sql.query(`UPDATE "Case" SET "status" = 'done', "completedAt" = now(), "failureReason" = NULL, "updatedAt" = now() WHERE "id" = $1`, [caseId]);
    // the row just written routes as it is; a rerun routes the stored one (the routing is idempotent)
    await openReviewForPrediction(
      sql,
      inserted[0]
        ? { caseId, prediction: { id, caseId, shadow: false, tier: p.tier, status: p.status, typology: p.typology, topTypology: p.topTypology, confidence: p.confidence } }
        : { caseId, modelVersionId, photoRevision },
    );
    await writeAudit(sql, {
      actorRole: "worker",
      action: "prediction.served",
      resourceType: "Case",
      resourceId: caseId,
      data: { modelVersion: input.modelVersion, rulesVersion: RULES_VERSION, tier: p.tier, status: p.status },
    });
  });
}
