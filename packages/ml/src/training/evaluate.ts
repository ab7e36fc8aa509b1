import { TYPOLOGIES, type Family, type TypologyKey } from "../domain.ts";
import { softmax } from "../head/probabilities.ts";
import { expectedCalibrationError } from "./calibration.ts";
import type { LabelledSample } from "./samples.ts";
import { tierOutcome, type TierOutcome } from "./thresholds.ts";

export interface EvaluatedRow {
  sample: LabelledSample;
  trueFamily: Family;
  predictedFamily: Family;
  familyConfidence: number;
  topTypology: TypologyKey;
  topTypologyProbability: number;
  /** Top-1 typology lies in the photo's admissible set (what a coarse label can confirm). */
  inLabelSet: boolean;
  /** Top-1 typology equals a full (singleton) label. */
  strictTypologyCorrect: boolean;
}

export interface SplitEvaluation {
  rows: EvaluatedRow[];
  familyConfidence: number[];
  familyCorrect: boolean[];
  familyAccuracy: number;
}

export function evaluateSplit(samples: readonly LabelledSample[], logits: Float64Array, labels: readonly TypologyKey[], temperature: number): SplitEvaluation {
  const classes = labels.length;
  const rows = samples.map((sample, i): EvaluatedRow => {
    const probabilities = softmax(logits.subarray(i * classes, (i + 1) * classes), temperature);
    const families: Record<Family, number> = { handgun: 0, long_gun: 0 };
    let top = 0;
    labels.forEach((label, k) => {
      families[TYPOLOGIES[label].family] += probabilities[k]!;
      if (probabilities[k]! > probabilities[top]!) top = k;
    });
    const predictedFamily: Family = families.handgun >= families.long_gun ? "handgun" : "long_gun";
    const trueFamily = TYPOLOGIES[sample.allowedTypologies[0]!].family;
    const topTypology = labels[top]!;
    return {
      sample,
      trueFamily,
      predictedFamily,
      familyConfidence: families[predictedFamily],
      topTypology,
      topTypologyProbability: probabilities[top]!,
      inLabelSet: sample.allowedTypologies.includes(topTypology),
      strictTypologyCorrect: sample.allowedTypologies.length === 1 && sample.allowedTypologies[0] === topTypology,
    };
  });
  const familyCorrect = rows.map((row) => row.predictedFamily === row.trueFamily);
  return {
    rows,
    familyConfidence: rows.map((row) => row.familyConfidence),
    familyCorrect,
    familyAccuracy: familyCorrect.filter(Boolean).length / Math.max(1, rows.length),
  };
}

/**
 * Lowest gate threshold that calls at most `rate` of each weapon source's photos "no firearm"
 * (score > threshold, the domain's convention), never below 0.5.
 */
export function gateThresholdFor(samples: readonly LabelledSample[], scores: readonly number[], rate: number): number {
  const bySource = new Map<string, number[]>();
  samples.forEach((sample, i) => {
    if (sample.kind !== "weapon") return;
    bySource.set(sample.source, [...(bySource.get(sample.source) ?? []), scores[i]!]);
  });
  let threshold = 0.5;
  for (const sourceScores of bySource.values()) {
    const descending = [...sourceScores].sort((a, b) => b - a);
    const allowed = Math.floor(rate * descending.length);
    const boundary = descending[allowed];
    if (boundary !== undefined) threshold = Math.max(threshold, boundary);
  }
  return Math.min(threshold, 1);
}

/** Area under the ROC curve (probability a random positive outscores a random negative). */
export function rocAuc(positiveScores: readonly number[], negativeScores: readonly number[]): number {
  if (!positiveScores.length || !negativeScores.length) return Number.NaN;
  const all = [...positiveScores.map((score) => ({ score, positive: true })), ...negativeScores.map((score) => ({ score, positive: false }))].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.score === all[i]!.score) j++;
    const averageRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (all[k]!.positive) rankSum += averageRank;
    i = j;
  }
  return (rankSum - (positiveScores.length * (positiveScores.length + 1)) / 2) / (positiveScores.length * negativeScores.length);
}

export interface TestMetrics {
  n: number;
  familyTop1: number;
  /** Top-1 typology inside the photo's label set. */
  labelSetTop1: number;
  perClass: Record<string, { n: number; familyTop1: number; labelSetTop1: number; strictTypologyTop1: number | null; predictedFamily: Record<Family, number> }>;
  ece: { unit: "family"; before: number; after: number };
  tiers: { unit: "family"; high: TierOutcome; medium: TierOutcome; low: TierOutcome };
  typologyTiers: Partial<Record<TypologyKey, { high: TierOutcome; medium: TierOutcome; predictedTop1: number }>>;
  noFirearm: {
    threshold: number;
    weaponRejectionRate: Record<string, { n: number; rate: number }>;
    noFirearmDetectionRate: { n: number; rate: number };
    auc: number;
  };
}

const round = (value: number, digits = 4) => Number(value.toFixed(digits));
const roundOutcome = (outcome: TierOutcome): TierOutcome => ({ share: round(outcome.share), precision: outcome.precision === null ? null : round(outcome.precision), count: outcome.count });

export function buildTestMetrics(input: {
  before: SplitEvaluation;
  after: SplitEvaluation;
  thresholds: { medium: number; high: number };
  typologyThresholds: Partial<Record<TypologyKey, { medium: number; high: number }>>;
  gate: { samples: readonly LabelledSample[]; scores: readonly number[]; threshold: number };
}): TestMetrics {
  const { after, thresholds } = input;
  const perClass: TestMetrics["perClass"] = {};
  for (const label of [...new Set(after.rows.map((row) => row.sample.sourceLabel))].sort()) {
    const rows = after.rows.filter((row) => row.sample.sourceLabel === label);
    const singleton = rows.every((row) => row.sample.allowedTypologies.length === 1);
    perClass[label] = {
      n: rows.length,
      familyTop1: round(rows.filter((row) => row.predictedFamily === row.trueFamily).length / rows.length),
      labelSetTop1: round(rows.filter((row) => row.inLabelSet).length / rows.length),
      strictTypologyTop1: singleton ? round(rows.filter((row) => row.strictTypologyCorrect).length / rows.length) : null,
      predictedFamily: { handgun: rows.filter((row) => row.predictedFamily === "handgun").length, long_gun: rows.filter((row) => row.predictedFamily === "long_gun").length },
    };
  }
  const typologyTiers: TestMetrics["typologyTiers"] = {};
  for (const [typology, tier] of Object.entries(input.typologyThresholds) as [TypologyKey, { medium: number; high: number }][]) {
    const predicted = after.rows.filter((row) => row.topTypology === typology);
    const confidences = predicted.map((row) => row.topTypologyProbability);
    const correct = predicted.map((row) => row.strictTypologyCorrect);
    typologyTiers[typology] = {
      predictedTop1: predicted.length,
      high: roundOutcome(tierOutcome(confidences, correct, tier.high, Infinity)),
      medium: roundOutcome(tierOutcome(confidences, correct, tier.medium, tier.high)),
    };
  }
  const { samples, scores, threshold } = input.gate;
  const weaponRejectionRate: TestMetrics["noFirearm"]["weaponRejectionRate"] = {};
  for (const source of [...new Set(samples.filter((sample) => sample.kind === "weapon").map((sample) => sample.source))].sort()) {
    const sourceScores = samples.flatMap((sample, i) => (sample.kind === "weapon" && sample.source === source ? [scores[i]!] : []));
    weaponRejectionRate[source] = { n: sourceScores.length, rate: round(sourceScores.filter((score) => score > threshold).length / sourceScores.length) };
  }
  const negativeScores = samples.flatMap((sample, i) => (sample.kind === "no-firearm" ? [scores[i]!] : []));
  const weaponScores = samples.flatMap((sample, i) => (sample.kind === "weapon" ? [scores[i]!] : []));
  return {
    n: after.rows.length,
    familyTop1: round(after.familyAccuracy),
    labelSetTop1: round(after.rows.filter((row) => row.inLabelSet).length / after.rows.length),
    perClass,
    ece: { unit: "family", before: round(expectedCalibrationError(input.before.familyConfidence, input.before.familyCorrect)), after: round(expectedCalibrationError(after.familyConfidence, after.familyCorrect)) },
    tiers: {
      unit: "family",
      high: roundOutcome(tierOutcome(after.familyConfidence, after.familyCorrect, thresholds.high, Infinity)),
      medium: roundOutcome(tierOutcome(after.familyConfidence, after.familyCorrect, thresholds.medium, thresholds.high)),
      low: roundOutcome(tierOutcome(after.familyConfidence, after.familyCorrect, -Infinity, thresholds.medium)),
    },
    typologyTiers,
    noFirearm: {
      threshold: round(threshold, 6),
      weaponRejectionRate,
      noFirearmDetectionRate: { n: negativeScores.length, rate: round(negativeScores.filter((score) => score > threshold).length / Math.max(1, negativeScores.length)) },
      auc: round(rocAuc(negativeScores, weaponScores)),
    },
  };
}
