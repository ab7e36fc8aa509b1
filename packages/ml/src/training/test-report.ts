import type { Tier } from "@basegun/domain";
import type { Family } from "../domain.ts";
import { sigmoid, toTypologyRecord } from "../head/probabilities.ts";
import { assessForModel, type ModelPolicy } from "../runtime/assess.ts";
import { expectedCalibrationError } from "./calibration.ts";
import { evaluateSplit, rocAuc, type EvaluatedRow } from "./evaluate.ts";
import type { LabelledSample } from "./samples.ts";
import { wilsonInterval } from "./statistics.ts";
import { summariseTypologies, type TypologySummary } from "./typology-report.ts";
import { scoreSamples, type TrainedHead } from "./train-head.ts";

/** A proportion with its two-sided 95 % Wilson interval. */
export interface Rate {
  hits: number;
  n: number;
  rate: number | null;
  ci: [number, number] | null;
}

export function rate(hits: number, n: number): Rate {
  if (n === 0) return { hits, n, rate: null, ci: null };
  const { low, high } = wilsonInterval(hits, n);
  return { hits, n, rate: round(hits / n), ci: [round(low), round(high)] };
}

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

export interface ReliabilityBin {
  low: number;
  high: number;
  n: number;
  meanConfidence: number | null;
  accuracy: number | null;
}

export interface PlatformTierRow {
  count: number;
  share: number;
  /** Top-1 typology equals a full label (a coarse label counts as wrong: lower bound). */
  strictTypology: Rate;
  /** Top-1 typology inside the photo's label set (upper bound for coarse labels). */
  typologyInLabelSet: Rate;
  family: Rate;
}

/** NO_FIREARM_COLUMN: the gate called the photo "no firearm" (the platform then shows no typology). */
export const NO_FIREARM_COLUMN = "no_firearm";

export interface TestReport {
  /** Weapon photos of the test split. */
  n: number;
  familyTop1: Rate;
  /** Top-1 typology inside the photo's label set. */
  labelSetTop1: Rate;
  perClass: Record<string, { n: number; familyTop1: Rate; labelSetTop1: Rate; strictTypologyTop1: Rate | null; predictedFamily: Record<Family, number> }>;
  ece: { unit: "family"; before: number; after: number };
  reliability: { before: ReliabilityBin[]; after: ReliabilityBin[] };
  /** Tiers on the calibrated family confidence with manifest.thresholds.{medium,high}. */
  familyTiers: Record<Tier, { count: number; share: number; precision: Rate }>;
  /** The tier an officer sees: domain assessPrediction with the model's policy (typology level). */
  platformTiers: Record<Tier, PlatformTierRow>;
  noFirearm: {
    threshold: number;
    weaponRejection: Record<string, Rate>;
    noFirearmDetection: Rate;
    auc: number;
  };
  /** Full-labelled weapon photos: typology top-1/top-3, per typology, typology ECE (calibrated). */
  typology: TypologySummary;
  /** rows: source label (and "none" for no-firearm photos); columns: top-1 typology, or no_firearm when the gate fired. */
  confusion: Record<string, Record<string, number>>;
}

export function reliabilityBins(confidences: readonly number[], correct: readonly boolean[], bins = 10, from = 0.5): ReliabilityBin[] {
  const width = (1 - from) / bins;
  const members: number[][] = Array.from({ length: bins }, () => []);
  confidences.forEach((confidence, i) => members[Math.max(0, Math.min(bins - 1, Math.floor((confidence - from) / width)))]!.push(i));
  return members.map((inside, b) => ({
    low: round(from + b * width, 3),
    high: round(from + (b + 1) * width, 3),
    n: inside.length,
    meanConfidence: inside.length ? round(inside.reduce((sum, i) => sum + confidences[i]!, 0) / inside.length) : null,
    accuracy: inside.length ? round(inside.filter((i) => correct[i]).length / inside.length) : null,
  }));
}

function platformTierRows(rows: readonly EvaluatedRow[], tiers: readonly Tier[]): Record<Tier, PlatformTierRow> {
  const build = (tier: Tier): PlatformTierRow => {
    const inTier = rows.filter((_, i) => tiers[i] === tier);
    return {
      count: inTier.length,
      share: rows.length ? round(inTier.length / rows.length) : 0,
      strictTypology: rate(inTier.filter((row) => row.strictTypologyCorrect).length, inTier.length),
      typologyInLabelSet: rate(inTier.filter((row) => row.inLabelSet).length, inTier.length),
      family: rate(inTier.filter((row) => row.predictedFamily === row.trueFamily).length, inTier.length),
    };
  };
  return { high: build("high"), medium: build("medium"), low: build("low") };
}

/**
 * Everything reported about the test split, computed once with the head, temperature and thresholds
 * frozen. Platform tiers go through assessForModel (the worker's policy), so they are the tiers
 * officers would see for one-photo cases.
 */
export function buildTestReport(trained: TrainedHead, samples: readonly LabelledSample[], policy: ModelPolicy): TestReport {
  const { labels } = trained;
  const testAll = samples.filter((sample) => sample.split === "test");
  const scored = scoreSamples(trained, testAll);
  const weaponIndices = testAll.flatMap((sample, i) => (sample.kind === "weapon" ? [i] : []));
  const weapons = weaponIndices.map((i) => testAll[i]!);
  const classes = labels.length;
  const weaponLogits = new Float64Array(weapons.length * classes);
  weaponIndices.forEach((sampleIndex, row) => weaponLogits.set(scored.typologyLogits.subarray(sampleIndex * classes, (sampleIndex + 1) * classes), row * classes));
  const before = evaluateSplit(weapons, weaponLogits, labels, 1);
  const after = evaluateSplit(weapons, weaponLogits, labels, trained.temperature);
  const gateScores = scored.gateLogits.map(sigmoid);
  const weaponGateScores = weaponIndices.map((i) => gateScores[i]!);

  const assessments = after.rows.map((row, i) => assessForModel(policy, { probabilities: toTypologyRecord(labels, row.probabilities), noFirearmScore: weaponGateScores[i]! }));

  const perClass: TestReport["perClass"] = {};
  for (const label of [...new Set(after.rows.map((row) => row.sample.sourceLabel))].sort()) {
    const rows = after.rows.filter((row) => row.sample.sourceLabel === label);
    const singleton = rows.every((row) => row.sample.allowedTypologies.length === 1);
    perClass[label] = {
      n: rows.length,
      familyTop1: rate(rows.filter((row) => row.predictedFamily === row.trueFamily).length, rows.length),
      labelSetTop1: rate(rows.filter((row) => row.inLabelSet).length, rows.length),
      strictTypologyTop1: singleton ? rate(rows.filter((row) => row.strictTypologyCorrect).length, rows.length) : null,
      predictedFamily: { handgun: rows.filter((row) => row.predictedFamily === "handgun").length, long_gun: rows.filter((row) => row.predictedFamily === "long_gun").length },
    };
  }

  const familyTier = (confidence: number): Tier => (confidence >= policy.thresholds.high ? "high" : confidence >= policy.thresholds.medium ? "medium" : "low");
  const familyTiers = {} as TestReport["familyTiers"];
  for (const tier of ["high", "medium", "low"] as const) {
    const rows = after.rows.filter((row) => familyTier(row.familyConfidence) === tier);
    familyTiers[tier] = { count: rows.length, share: round(rows.length / Math.max(1, after.rows.length)), precision: rate(rows.filter((row) => row.predictedFamily === row.trueFamily).length, rows.length) };
  }

  const threshold = policy.noFirearm.threshold;
  const weaponRejection: Record<string, Rate> = {};
  for (const source of [...new Set(weapons.map((sample) => sample.source))].sort()) {
    const scores = weapons.flatMap((sample, i) => (sample.source === source ? [weaponGateScores[i]!] : []));
    weaponRejection[source] = rate(scores.filter((score) => score > threshold).length, scores.length);
  }
  const negativeScores = testAll.flatMap((sample, i) => (sample.kind === "no-firearm" ? [gateScores[i]!] : []));

  const confusion: Record<string, Record<string, number>> = {};
  after.rows.forEach((row, i) => {
    const column = assessments[i]!.status === "no_firearm" ? NO_FIREARM_COLUMN : row.topTypology;
    const line = (confusion[row.sample.sourceLabel] ??= {});
    line[column] = (line[column] ?? 0) + 1;
  });
  testAll.forEach((sample, i) => {
    if (sample.kind !== "no-firearm") return;
    const logits = scored.typologyLogits.subarray(i * classes, (i + 1) * classes);
    let top = 0;
    for (let k = 1; k < classes; k++) if (logits[k]! > logits[top]!) top = k;
    const column = gateScores[i]! > threshold ? NO_FIREARM_COLUMN : labels[top]!;
    const line = (confusion.none ??= {});
    line[column] = (line[column] ?? 0) + 1;
  });

  return {
    n: after.rows.length,
    typology: summariseTypologies(after.rows, labels),
    familyTop1: rate(after.familyCorrect.filter(Boolean).length, after.rows.length),
    labelSetTop1: rate(after.rows.filter((row) => row.inLabelSet).length, after.rows.length),
    perClass,
    ece: { unit: "family", before: round(expectedCalibrationError(before.familyConfidence, before.familyCorrect)), after: round(expectedCalibrationError(after.familyConfidence, after.familyCorrect)) },
    reliability: { before: reliabilityBins(before.familyConfidence, before.familyCorrect), after: reliabilityBins(after.familyConfidence, after.familyCorrect) },
    familyTiers,
    platformTiers: platformTierRows(after.rows, assessments.map((assessment) => assessment.tier)),
    noFirearm: {
      threshold: round(threshold, 6),
      weaponRejection,
      noFirearmDetection: rate(negativeScores.filter((score) => score > threshold).length, negativeScores.length),
      auc: round(rocAuc(negativeScores, weaponGateScores)),
    },
    confusion,
  };
}
