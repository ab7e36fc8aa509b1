import type { Actor } from "@basegun/auth";
import type { ServiceDeps } from "../../deps.ts";
import { requireScope } from "../access.ts";

export interface ShadowReport {
  modelVersion: { id: string; version: string } | null;
  /** cases with both a shadow and a production prediction on the same photos */
  cases: number;
  agreement: { topTypology: number | null; tier: number | null; status: number | null };
  /** cases an expert labelled: how often each model's top-1 matched the expert */
  expert: { labelled: number; shadowAgrees: number | null; productionAgrees: number | null };
  since: Date;
}

const rate = (count: number, total: number) => (total ? count / total : null);

/**
 * How a shadow version compares with production on live traffic (its predictions are stored, never
 * shown): agreement on top typology, tier and status, and agreement with the experts where they labelled
 * the case. Defaults to the version the shadow alias points to.
 */
export async function getShadowReport(deps: ServiceDeps, actor: Actor, options: { modelVersionId?: string; days?: number } = {}): Promise<ShadowReport> {
  requireScope(actor, "model:manage");
  const since = new Date(Date.now() - Math.min(Math.max(options.days ?? 30, 1), 365) * 86_400_000);
  const versionId = options.modelVersionId ?? (await deps.db.modelAlias.findUnique({ where: { name: "shadow" } }))?.modelVersionId;
  const version = versionId ? await deps.db.modelVersion.findUnique({ where: { id: versionId }, select: { id: true, version: true } }) : null;
  if (!version) return { modelVersion: null, cases: 0, agreement: { topTypology: null, tier: null, status: null }, expert: { labelled: 0, shadowAgrees: null, productionAgrees: null }, since };
  const rows = await deps.db.$queryRaw<Array<{ shadowTop: string; shadowTier: string; shadowStatus: string; productionTop: string; productionTier: string; productionStatus: string; expertTypology: string | null }>>`
    SELECT s."topTypology" AS "shadowTop", s."tier"::text AS "shadowTier", s."status"::text AS "shadowStatus",
      p."topTypology" AS "productionTop", p."tier"::text AS "productionTier", p."status"::text AS "productionStatus",
      (SELECT d."typology" FROM "DatasetItem" d JOIN "Review" r ON r."id" = d."reviewId"
        WHERE r."caseId" = s."caseId" AND d."typology" IS NOT NULL ORDER BY d."createdAt" DESC LIMIT 1) AS "expertTypology"
    FROM "Prediction" s
    JOIN LATERAL (SELECT * FROM "Prediction" q WHERE q."caseId" = s."caseId" AND q."photoRevision" = s."photoRevision" AND q."shadow" = false
      ORDER BY q."createdAt" DESC LIMIT 1) p ON true
    WHERE s."shadow" = true AND s."modelVersionId" = ${version.id} AND s."createdAt" >= ${since}`;
  const labelled = rows.filter((row) => row.expertTypology !== null);
  return {
    modelVersion: version,
    cases: rows.length,
    agreement: {
      topTypology: rate(rows.filter((r) => r.shadowTop === r.productionTop).length, rows.length),
      tier: rate(rows.filter((r) => r.shadowTier === r.productionTier).length, rows.length),
      status: rate(rows.filter((r) => r.shadowStatus === r.productionStatus).length, rows.length),
    },
    expert: {
      labelled: labelled.length,
      shadowAgrees: rate(labelled.filter((r) => r.shadowTop === r.expertTypology).length, labelled.length),
      productionAgrees: rate(labelled.filter((r) => r.productionTop === r.expertTypology).length, labelled.length),
    },
    since,
  };
}
