import type { Actor } from "@basegun/auth";
import { Prisma } from "@basegun/db";
import type { ServiceDeps } from "../../deps.ts";
import { requireScope } from "../access.ts";
import { driftWarnings, normalise, type DriftWarning, type LiveWeek } from "./drift.ts";
import { TYPOLOGY_KEYS } from "@basegun/domain";
import { asEvaluationMetrics, TIE_MIX_KEY, type EvaluationMetrics } from "./evaluation-metrics.ts";

export interface MonitoringWeek extends LiveWeek {
  /** ISO week, e.g. 2026-W48 */
  week: string;
  weekStart: Date;
  /** share of predictions per top-1 confidence decile */
  confidenceHistogram: number[];
  drift: DriftWarning[];
}

export interface VersionMonitoring {
  modelVersion: { id: string; version: string };
  /** predictions stored as shadow (never shown) or served to officers */
  shadow: boolean;
  /** the evaluation drift is measured against (the one on its training dataset version, else the latest) */
  reference: { datasetVersion: number; evaluatedAt: Date; lowTierRate: number | null; meanConfidence: number | null; inLabelAccuracy: number | null } | null;
  weeks: MonitoringWeek[];
  /** any week with a drift warning */
  drifting: boolean;
}

export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

const n = (value: bigint | number | null) => Number(value ?? 0);

/** the same tolerance as the domain's rankCandidates: probabilities this close share the top */
const TIE_TOLERANCE = 1e-9;

/**
 * Per model version and ISO week: class mix (a tie at the top counted as a tie, "ex_aequo", as the evaluation does), confidence histogram, low-tier rate, expert agreement,
 * and a warning where they drift from the version's own evaluation (see DRIFT_RULES).
 */
export async function getMonitoring(deps: ServiceDeps, actor: Actor, options: { modelVersionId?: string; weeks?: number } = {}): Promise<VersionMonitoring[]> {
  requireScope(actor, "model:manage");
  const weeks = Math.min(Math.max(options.weeks ?? 12, 1), 104);
  const since = new Date(Date.now() - weeks * 7 * 86_400_000);
  const versionFilter = options.modelVersionId ? Prisma.sql`AND p."modelVersionId" = ${options.modelVersionId}` : Prisma.empty;
  const [rows, agreementRows] = await Promise.all([
    deps.db.$queryRaw<Array<{ modelVersionId: string; shadow: boolean; weekStart: Date; topTypology: string; tier: string; decile: number; count: bigint; confidence: number }>>`
      SELECT p."modelVersionId", p."shadow", date_trunc('week', p."createdAt") AS "weekStart", 
        CASE WHEN (
          SELECT count(*) FROM jsonb_each_text(p."probabilities") e
          WHERE e.key = ANY(${[...TYPOLOGY_KEYS]}::text[])
            AND (SELECT max(m.value::float8) FROM jsonb_each_text(p."probabilities") m WHERE m.key = ANY(${[...TYPOLOGY_KEYS]}::text[])) - e.value::float8 <= ${TIE_TOLERANCE}
        ) > 1 THEN ${TIE_MIX_KEY} ELSE p."topTypology" END AS "topTypology", p."tier"::text AS "tier",
        LEAST(9, GREATEST(0, floor(p."confidence" * 10)))::int AS "decile", count(*) AS "count", sum(p."confidence") AS "confidence"
      FROM "Prediction" p WHERE p."createdAt" >= ${since} ${versionFilter}
      GROUP BY 1, 2, 3, 4, 5, 6`,
    // expert labels count once per review (a case's photos share one decision)
    deps.db.$queryRaw<Array<{ modelVersionId: string; shadow: boolean; weekStart: Date; labels: bigint; agreeing: bigint }>>`
      SELECT p."modelVersionId", p."shadow", date_trunc('week', p."createdAt") AS "weekStart",
        count(DISTINCT d."reviewId") AS "labels", count(DISTINCT d."reviewId") FILTER (WHERE d."agreesWithModel") AS "agreeing"
      FROM "DatasetItem" d JOIN "Prediction" p ON p."id" = d."predictionId"
      WHERE d."agreesWithModel" IS NOT NULL AND p."createdAt" >= ${since} ${versionFilter}
      GROUP BY 1, 2, 3`,
  ]);

  type Acc = { predictions: number; classMix: Record<string, number>; low: number; confidence: number; deciles: number[]; labels: number; agreeing: number; weekStart: Date };
  const byVersion = new Map<string, Map<string, Acc>>();
  const accFor = (versionId: string, shadow: boolean, weekStart: Date) => {
    const key = `${versionId}|${shadow}`;
    const weeksOf = byVersion.get(key) ?? new Map<string, Acc>();
    byVersion.set(key, weeksOf);
    const week = isoWeek(weekStart);
    const acc = weeksOf.get(week) ?? { predictions: 0, classMix: {}, low: 0, confidence: 0, deciles: new Array<number>(10).fill(0), labels: 0, agreeing: 0, weekStart };
    weeksOf.set(week, acc);
    return acc;
  };
  for (const row of rows) {
    const acc = accFor(row.modelVersionId, row.shadow, row.weekStart);
    const count = n(row.count);
    acc.predictions += count;
    acc.classMix[row.topTypology] = (acc.classMix[row.topTypology] ?? 0) + count;
    if (row.tier === "low") acc.low += count;
    acc.confidence += Number(row.confidence);
    acc.deciles[row.decile]! += count;
  }
  for (const row of agreementRows) {
    const acc = accFor(row.modelVersionId, row.shadow, row.weekStart);
    acc.labels += n(row.labels);
    acc.agreeing += n(row.agreeing);
  }

  const versionIds = [...new Set([...byVersion.keys()].map((key) => key.split("|")[0]!))];
  const versions = await deps.db.modelVersion.findMany({
    where: { id: { in: versionIds } },
    include: { evaluations: { include: { datasetVersion: { select: { number: true } } }, orderBy: { createdAt: "desc" } } },
  });
  const versionById = new Map(versions.map((v) => [v.id, v]));

  const result: VersionMonitoring[] = [];
  for (const [key, weeksOf] of byVersion) {
    const [versionId, shadow] = key.split("|") as [string, string];
    const version = versionById.get(versionId);
    if (!version) continue;
    const evaluation = version.evaluations.find((e) => e.datasetVersionId === version.datasetVersionId && e.split === "test") ?? version.evaluations.find((e) => e.split === "test");
    const reference: EvaluationMetrics | null = evaluation ? asEvaluationMetrics(evaluation.metrics) : null;
    const monitoringWeeks = [...weeksOf.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([week, acc]): MonitoringWeek => {
        const live: LiveWeek = {
          predictions: acc.predictions,
          classMix: normalise(acc.classMix),
          lowTierRate: acc.predictions ? acc.low / acc.predictions : null,
          meanConfidence: acc.predictions ? acc.confidence / acc.predictions : null,
          expertAgreement: { labels: acc.labels, agreeing: acc.agreeing, rate: acc.labels ? acc.agreeing / acc.labels : null },
        };
        return {
          ...live,
          week,
          weekStart: acc.weekStart,
          confidenceHistogram: acc.deciles.map((count) => (acc.predictions ? count / acc.predictions : 0)),
          drift: driftWarnings(live, reference),
        };
      });
    result.push({
      modelVersion: { id: version.id, version: version.version },
      shadow: shadow === "true",
      reference:
        evaluation && reference
          ? { datasetVersion: evaluation.datasetVersion.number, evaluatedAt: evaluation.createdAt, lowTierRate: reference.lowTierRate, meanConfidence: reference.meanConfidence, inLabelAccuracy: reference.inLabelAccuracy }
          : null,
      weeks: monitoringWeeks,
      drifting: monitoringWeeks.some((week) => week.drift.length > 0),
    });
  }
  return result.sort((a, b) => a.modelVersion.version.localeCompare(b.modelVersion.version) || Number(a.shadow) - Number(b.shadow));
}
