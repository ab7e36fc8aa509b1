import type { Actor } from "@basegun/auth";
import { TYPOLOGY_KEYS, type Tier } from "@basegun/domain";
import { capabilitiesOf, lostCapabilities, noFirearmLossMessage, type LostCapabilities, type ModelCapabilities } from "@basegun/ml/capabilities";
import type { ServiceDeps } from "../../deps.ts";
import { notFound, ServiceError } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { asEvaluationMetrics, type EvaluationMetrics } from "./evaluation-metrics.ts";
import { regressionsOf, type Regression } from "./regressions.ts";

const delta = (a: number | null | undefined, b: number | null | undefined) => (a === null || a === undefined || b === null || b === undefined ? null : Number((a - b).toFixed(6)));

export interface MetricDelta {
  metric: string;
  candidate: number | null;
  baseline: number | null;
  /** candidate minus baseline */
  delta: number | null;
  /** true when a higher value is better (false for ECE, low-tier rate) */
  higherIsBetter: boolean;
}

export interface Comparison {
  datasetVersion: { id: string; number: number } | null;
  candidate: { id: string; version: string; metrics: EvaluationMetrics | null; capabilities: ModelCapabilities };
  baseline: { id: string; version: string; metrics: EvaluationMetrics | null; capabilities: ModelCapabilities } | null;
  /** what the baseline can answer and the candidate cannot (null without a baseline) */
  lost: LostCapabilities | null;
  /** headline figures worse than the baseline, in French with rounded percentages */
  regressions: Regression[];
  /** versions without an evaluation on that dataset version: start one (models.evaluate) and compare again */
  missing: Array<{ id: string; version: string }>;
  headline: MetricDelta[];
  /** typologies with at least one exactly-labelled test photo (the others have no recall to show) */
  perClass: PerClassRow[];
  /** typologies left out of perClass because no test photo carries them as an exact label (coarse labels) */
  perClassWithoutExactLabels: number;
  tiers: Array<{ tier: Tier; candidate: { coverage: number; precision: number | null }; baseline: { coverage: number; precision: number | null } | null; coverageDelta: number | null; precisionDelta: number | null }>;
}

export interface PerClassRow {
  typology: string;
  support: number;
  candidate: { precision: number | null; recall: number | null };
  baseline: { precision: number | null; recall: number | null } | null;
  precisionDelta: number | null;
  recallDelta: number | null;
}

/**
 * Per-typology rows where the labels can support them: a typology no test photo is exactly labelled with has
 * no recall and says nothing on either side, so it is counted, not listed as an empty row.
 */
export function perClassRows(c: EvaluationMetrics | null, b: EvaluationMetrics | null): { perClass: PerClassRow[]; perClassWithoutExactLabels: number } {
  const rows = TYPOLOGY_KEYS.map((typology): PerClassRow => {
    const cc = c?.perClass[typology];
    const bc = b?.perClass[typology];
    return {
      typology,
      support: Math.max(cc?.support ?? 0, bc?.support ?? 0),
      candidate: { precision: cc?.precision ?? null, recall: cc?.recall ?? null },
      baseline: bc ? { precision: bc.precision, recall: bc.recall } : null,
      precisionDelta: delta(cc?.precision, bc?.precision),
      recallDelta: delta(cc?.recall, bc?.recall),
    };
  });
  const perClass = rows.filter((row) => row.support > 0);
  return { perClass, perClassWithoutExactLabels: rows.length - perClass.length };
}

function headlineOf(c: EvaluationMetrics | null, b: EvaluationMetrics | null): MetricDelta[] {
  const row = (metric: string, pick: (m: EvaluationMetrics) => number | null, higherIsBetter = true): MetricDelta => {
    const candidate = c ? pick(c) : null;
    const baseline = b ? pick(b) : null;
    return { metric, candidate, baseline, delta: delta(candidate, baseline), higherIsBetter };
  };
  return [
    row("top1Accuracy", (m) => m.top1Accuracy),
    row("inLabelAccuracy", (m) => m.inLabelAccuracy),
    row("familyAccuracy", (m) => m.familyAccuracy),
    row("ece", (m) => m.calibration.ece, false),
    row("lowTierRate", (m) => m.lowTierRate, false),
    row("mediumCoverage", (m) => m.tiers.medium.coverage),
    row("mediumPrecision", (m) => m.tiers.medium.precision),
    row("highCoverage", (m) => m.tiers.high.coverage),
    row("highPrecision", (m) => m.tiers.high.precision),
    row("noFirearmFlaggedOnNegatives", (m) => m.noFirearmGate.negativesFlagged),
    row("noFirearmFlaggedOnWeapons", (m) => m.noFirearmGate.weaponsFlagged, false),
  ];
}

/**
 * A candidate beside a baseline (default: production) on the same frozen test split: headline deltas,
 * per-class precision and recall, tiers, and both confusion matrices and calibrations in the metrics.
 * The dataset version defaults to the candidate's training version, else the newest both were evaluated on.
 */
export async function compareModels(deps: ServiceDeps, actor: Actor, input: { candidateId: string; baselineId?: string; datasetVersionId?: string }): Promise<Comparison> {
  requireScope(actor, "model:manage");
  const candidate = await deps.db.modelVersion.findUnique({ where: { id: input.candidateId }, include: { evaluations: { include: { datasetVersion: { select: { id: true, number: true } } } } } });
  if (!candidate) throw notFound("model version");
  const baselineId = input.baselineId ?? (await deps.db.modelAlias.findUnique({ where: { name: "production" } }))?.modelVersionId;
  const baseline = baselineId ? await deps.db.modelVersion.findUnique({ where: { id: baselineId }, include: { evaluations: { include: { datasetVersion: { select: { id: true, number: true } } } } } }) : null;
  if (input.baselineId && !baseline) throw notFound("baseline model version");

  const shared = candidate.evaluations.filter((e) => baseline?.evaluations.some((b) => b.datasetVersionId === e.datasetVersionId)).sort((a, b) => b.datasetVersion.number - a.datasetVersion.number);
  const datasetVersionId = input.datasetVersionId ?? candidate.datasetVersionId ?? shared[0]?.datasetVersionId ?? candidate.evaluations[0]?.datasetVersionId;
  const datasetVersion = datasetVersionId ? await deps.db.datasetVersion.findUnique({ where: { id: datasetVersionId }, select: { id: true, number: true } }) : null;
  if (input.datasetVersionId && !datasetVersion) throw notFound("dataset version");

  const metricsOn = (evaluations: typeof candidate.evaluations | undefined) =>
    asEvaluationMetrics(evaluations?.find((e) => e.datasetVersionId === datasetVersion?.id && e.split === "test")?.metrics ?? null);
  const c = metricsOn(candidate.evaluations);
  const b = baseline ? metricsOn(baseline.evaluations) : null;
  const missing = [candidate, ...(baseline ? [baseline] : [])].filter((v) => !metricsOn(v.evaluations)).map((v) => ({ id: v.id, version: v.version }));

  const candidateCapabilities = capabilitiesOf(candidate.manifest);
  const baselineCapabilities = baseline ? capabilitiesOf(baseline.manifest) : null;
  const headline = headlineOf(c, b);
  return {
    datasetVersion,
    candidate: { id: candidate.id, version: candidate.version, metrics: c, capabilities: candidateCapabilities },
    baseline: baseline && baselineCapabilities ? { id: baseline.id, version: baseline.version, metrics: b, capabilities: baselineCapabilities } : null,
    lost: baselineCapabilities ? lostCapabilities(baselineCapabilities, candidateCapabilities) : null,
    regressions: regressionsOf(headline),
    missing,
    headline,
    ...perClassRows(c, b),
    tiers: (["low", "medium", "high"] as const).map((tier) => ({
      tier,
      candidate: { coverage: c?.tiers[tier].coverage ?? 0, precision: c?.tiers[tier].precision ?? null },
      baseline: b ? { coverage: b.tiers[tier].coverage, precision: b.tiers[tier].precision } : null,
      coverageDelta: delta(c?.tiers[tier].coverage, b?.tiers[tier].coverage),
      precisionDelta: delta(c?.tiers[tier].precision, b?.tiers[tier].precision),
    })),
  };
}

export interface PromotionPreview {
  candidate: { id: string; version: string; source: string; status: string };
  /** send this back as expectedCurrentVersionId with confirm: true */
  currentProduction: { id: string; version: string } | null;
  comparison: Comparison | null;
  /** why promote would be refused now */
  blockers: string[];
  /** what the admin should know before confirming (French) */
  warnings: string[];
  /** headline figures worse than production and capabilities lost: promoting then needs a reason */
  regressions: string[];
  reasonRequired: boolean;
}

/** The confirmation step of a promotion: what changes, how it compares, what blocks it. */
export async function promotionPreview(deps: ServiceDeps, actor: Actor, modelVersionId: string): Promise<PromotionPreview> {
  requireScope(actor, "model:manage");
  const candidate = await deps.db.modelVersion.findUnique({ where: { id: modelVersionId }, include: { _count: { select: { evaluations: true } } } });
  if (!candidate) throw notFound("model version");
  const production = await deps.db.modelAlias.findUnique({ where: { name: "production" }, include: { modelVersion: { select: { id: true, version: true } } } });
  const blockers: string[] = [];
  const warnings: string[] = [];
  if (production?.modelVersionId === candidate.id) blockers.push("Cette version est déjà en production.");
  if (candidate._count.evaluations === 0 && candidate.source !== "shipped") blockers.push("Aucune évaluation sur une version figée du jeu de données : évaluez-la d'abord.");
  let comparison: Comparison | null = null;
  const regressions: string[] = [];
  if (production && production.modelVersionId !== candidate.id) {
    comparison = await compareModels(deps, actor, { candidateId: candidate.id }).catch((e: unknown) => {
      if (e instanceof ServiceError) return null;
      throw e;
    });
    if (comparison?.missing.length) warnings.push(`Pas évaluée sur la même partie de test : ${comparison.missing.map((m) => m.version).join(", ")}.`);
    const judged = judgePromotion(comparison);
    blockers.push(...judged.blockers);
    regressions.push(...judged.regressions);
  }
  return {
    candidate: { id: candidate.id, version: candidate.version, source: candidate.source, status: candidate.status },
    currentProduction: production?.modelVersion ?? null,
    comparison,
    blockers,
    warnings,
    regressions,
    reasonRequired: regressions.length > 0,
  };
}

/**
 * What a comparison with production means for a promotion: a lost "pas une arme" blocks it (the officers
 * would silently lose that answer); every headline figure worse than production and every typology no
 * longer named is a regression, said in French, and promoting despite them needs a written reason.
 */
export function judgePromotion(comparison: Comparison | null): { blockers: string[]; regressions: string[] } {
  if (!comparison) return { blockers: [], regressions: [] };
  const blockers = comparison.lost?.noFirearm ? [noFirearmLossMessage(comparison.candidate.capabilities, null)] : [];
  const regressions = comparison.regressions.map((regression) => regression.message);
  if (comparison.lost && comparison.lost.typologies.length > 0) {
    regressions.push(`Typologies que la production nomme et que le candidat ne nomme plus : ${comparison.lost.typologies.join(", ")}.`);
  }
  return { blockers, regressions };
}
