import type { EvaluationMetrics } from "./evaluation-metrics.ts";

/** One week of live traffic for one model version. */
export interface LiveWeek {
  predictions: number;
  classMix: Record<string, number>;
  lowTierRate: number | null;
  meanConfidence: number | null;
  expertAgreement: { labels: number; agreeing: number; rate: number | null };
}

export interface DriftWarning {
  metric: "classMix" | "lowTierRate" | "meanConfidence" | "expertAgreement";
  live: number;
  reference: number;
  /** how far apart they may be before the warning shows */
  tolerance: number;
  message: string;
}

/**
 * How far live traffic may move from the version's own evaluation before the console warns. Weeks with
 * fewer predictions (or expert labels) than the minimum are too noisy to judge and never warn.
 */
export const DRIFT_RULES = {
  minPredictions: 20,
  minExpertLabels: 10,
  /** total variation distance between the live and evaluated top-1 class mixes */
  classMixDistance: 0.3,
  lowTierRate: 0.15,
  meanConfidence: 0.1,
  /** expert agreement below the evaluated in-label accuracy by more than this */
  expertAgreementDrop: 0.15,
} as const;

export function totalVariation(a: Record<string, number>, b: Record<string, number>): number {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  let sum = 0;
  for (const key of keys) sum += Math.abs((a[key] ?? 0) - (b[key] ?? 0));
  return sum / 2;
}

const fixed = (value: number) => Number(value.toFixed(4));

export function driftWarnings(live: LiveWeek, reference: EvaluationMetrics | null, rules = DRIFT_RULES): DriftWarning[] {
  if (!reference) return [];
  const warnings: DriftWarning[] = [];
  if (live.predictions >= rules.minPredictions) {
    const mixDistance = totalVariation(normalise(live.classMix), reference.classMix);
    if (mixDistance > rules.classMixDistance) {
      warnings.push({ metric: "classMix", live: fixed(mixDistance), reference: 0, tolerance: rules.classMixDistance, message: `class mix differs from the evaluation (distance ${fixed(mixDistance)})` });
    }
    if (live.lowTierRate !== null && reference.lowTierRate !== null && Math.abs(live.lowTierRate - reference.lowTierRate) > rules.lowTierRate) {
      warnings.push({ metric: "lowTierRate", live: fixed(live.lowTierRate), reference: reference.lowTierRate, tolerance: rules.lowTierRate, message: `low-tier rate ${fixed(live.lowTierRate)} against ${reference.lowTierRate} in evaluation` });
    }
    if (live.meanConfidence !== null && reference.meanConfidence !== null && Math.abs(live.meanConfidence - reference.meanConfidence) > rules.meanConfidence) {
      warnings.push({ metric: "meanConfidence", live: fixed(live.meanConfidence), reference: reference.meanConfidence, tolerance: rules.meanConfidence, message: `mean confidence ${fixed(live.meanConfidence)} against ${reference.meanConfidence} in evaluation` });
    }
  }
  const agreement = live.expertAgreement;
  if (agreement.labels >= rules.minExpertLabels && agreement.rate !== null && reference.inLabelAccuracy !== null && agreement.rate < reference.inLabelAccuracy - rules.expertAgreementDrop) {
    warnings.push({ metric: "expertAgreement", live: fixed(agreement.rate), reference: reference.inLabelAccuracy, tolerance: rules.expertAgreementDrop, message: `experts agree with ${fixed(agreement.rate)} of answers, evaluation measured ${reference.inLabelAccuracy}` });
  }
  return warnings;
}

/** Counts or shares into shares. */
export function normalise(mix: Record<string, number>): Record<string, number> {
  const total = Object.values(mix).reduce((a, b) => a + b, 0);
  return total === 0 ? {} : Object.fromEntries(Object.entries(mix).map(([key, value]) => [key, value / total]));
}
