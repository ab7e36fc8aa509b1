import type { Tier } from "@basegun/domain";
import { TYPOLOGIES, TYPOLOGY_KEYS, type Family, type TypologyKey } from "../domain.ts";
import { NO_FIREARM_LABEL, type PhotoLabel } from "../data/labelled-csv.ts";
import { assessForModel, type ModelPolicy } from "../runtime/assess.ts";
import { expectedCalibrationError } from "../training/calibration.ts";
import { byGroup, calibratedReference, groupBootstrapInterval, wilsonInterval } from "../training/statistics.ts";

/** What the model said about one photo (a one-photo case), with the photo's label. */
export interface EvaluatedPhoto {
  file: string;
  label: PhotoLabel;
  /** Calibrated typology probabilities (CaseInference.probabilities). */
  probabilities: Record<TypologyKey, number>;
  noFirearmScore: number;
  /** The photo's picture group or case (CSV `group`); photos without one stand alone in the ECE intervals. */
  group?: string;
}

export type Interval = [number, number];

export interface TierRow {
  count: number;
  /** count / weapon photos */
  share: number;
  /** Share of the tier's photos whose top-1 typology is the label; null for an empty tier. */
  precision: number | null;
  precisionCi: Interval | null;
}

export interface ClassRow {
  support: number;
  predicted: number;
  precision: number | null;
  recall: number | null;
  f1: number;
}

export interface EvalReport {
  model: string;
  /** Photos evaluated (labelled and readable). */
  n: number;
  /** Photos labelled with a typology; top1 … perClass are computed on them. */
  weapons: number;
  top1: number | null;
  top3: number | null;
  family: number | null;
  macroF1: number | null;
  ece: number | null;
  familyEce: number | null;
  /** Wilson intervals for the rates; for the ECEs, a 95 % bootstrap interval drawing whole groups (2000 draws, seeded). */
  intervals: { top1: Interval | null; top3: Interval | null; family: Interval | null; ece: Interval | null; familyEce: Interval | null };
  /**
   * The ECEs a perfectly calibrated model would read with these confidences on this many items
   * (statistics.ts calibratedReference: mean and 95th percentile of 2000 seeded draws): ECE is biased
   * upwards on small samples, so read `ece` against it.
   */
  eceIfCalibrated: { ece: { mean: number; p95: number } | null; familyEce: { mean: number; p95: number } | null };
  tiers: Record<Tier, TierRow>;
  noFirearm: {
    threshold: number;
    /** Photos labelled none. */
    n: number;
    /** Of those, called "no firearm" by the model. */
    flagged: number;
    /** Of those, shown to the officer with a typology above the low tier (the worst error). */
    identifiedAboveLow: number;
    /** Weapon photos wrongly called "no firearm". */
    weaponsRejected: number;
    weaponsRejectedRate: number | null;
    weaponsRejectedCi: Interval | null;
  };
  perClass: Partial<Record<TypologyKey, ClassRow>>;
  /** confusion[label][predicted top-1] (counts; weapon photos only). */
  confusion: Partial<Record<TypologyKey, Partial<Record<TypologyKey, number>>>>;
}

const round = (value: number) => Number(value.toFixed(4));
const ratio = (hits: number, total: number) => (total === 0 ? null : round(hits / total));
const interval = (hits: number, total: number): Interval | null => {
  if (total === 0) return null;
  const { low, high } = wilsonInterval(hits, total);
  return [round(low), round(high)];
};

function ranked(probabilities: Record<TypologyKey, number>): TypologyKey[] {
  // Same order as the domain's assessPrediction: probability, then catalogue order.
  return [...TYPOLOGY_KEYS].sort((a, b) => probabilities[b] - probabilities[a] || TYPOLOGY_KEYS.indexOf(a) - TYPOLOGY_KEYS.indexOf(b));
}

function familyOf(probabilities: Record<TypologyKey, number>): { family: Family; confidence: number } {
  const totals: Record<Family, number> = { handgun: 0, long_gun: 0 };
  for (const key of TYPOLOGY_KEYS) totals[TYPOLOGIES[key].family] += probabilities[key];
  return totals.long_gun > totals.handgun ? { family: "long_gun", confidence: totals.long_gun } : { family: "handgun", confidence: totals.handgun };
}

/**
 * Scores a model's outputs against photo labels. Every photo is a one-photo case and goes through
 * the platform's own policy (assessForModel → the domain's assessPrediction), so the tiers measured
 * here are the tiers an officer would see. Definitions are in packages/ml/README.md ("Evaluating a model").
 */
export function buildEvalReport(model: string, photos: readonly EvaluatedPhoto[], policy: ModelPolicy): EvalReport {
  const weapons = photos.filter((photo): photo is EvaluatedPhoto & { label: TypologyKey } => photo.label !== NO_FIREARM_LABEL);
  const negatives = photos.filter((photo) => photo.label === NO_FIREARM_LABEL);
  const assessed = photos.map((photo) => ({ photo, assessment: assessForModel(policy, photo) }));

  let top1Hits = 0;
  let top3Hits = 0;
  let familyHits = 0;
  const calibrationItems: { group: string; confidence: number; correct: boolean; familyConfidence: number; familyCorrect: boolean }[] = [];
  const tierCounts: Record<Tier, { count: number; hits: number }> = { high: { count: 0, hits: 0 }, medium: { count: 0, hits: 0 }, low: { count: 0, hits: 0 } };
  const confusion: EvalReport["confusion"] = {};
  let weaponsRejected = 0;
  for (const { photo, assessment } of assessed) {
    if (photo.label === NO_FIREARM_LABEL) continue;
    const order = ranked(photo.probabilities);
    const top = order[0]!;
    const hit = top === photo.label;
    top1Hits += hit ? 1 : 0;
    top3Hits += order.slice(0, 3).includes(photo.label) ? 1 : 0;
    const family = familyOf(photo.probabilities);
    const familyHit = family.family === TYPOLOGIES[photo.label].family;
    familyHits += familyHit ? 1 : 0;
    calibrationItems.push({ group: photo.group ?? `photo:${photo.file}`, confidence: photo.probabilities[top], correct: hit, familyConfidence: family.confidence, familyCorrect: familyHit });
    tierCounts[assessment.tier].count++;
    tierCounts[assessment.tier].hits += hit ? 1 : 0;
    const row = (confusion[photo.label] ??= {});
    row[top] = (row[top] ?? 0) + 1;
    if (assessment.status === "no_firearm") weaponsRejected++;
  }

  const perClass: EvalReport["perClass"] = {};
  const f1s: number[] = [];
  for (const key of TYPOLOGY_KEYS) {
    const support = weapons.filter((photo) => photo.label === key).length;
    const predicted = weapons.filter((photo) => ranked(photo.probabilities)[0] === key).length;
    if (support === 0 && predicted === 0) continue;
    const truePositives = confusion[key]?.[key] ?? 0;
    const precision = ratio(truePositives, predicted);
    const recall = ratio(truePositives, support);
    // 2·TP / (support + predicted): the harmonic mean of precision and recall, 0 when nothing matched.
    const f1 = round((2 * truePositives) / (support + predicted));
    perClass[key] = { support, predicted, precision, recall, f1 };
    if (support > 0) f1s.push(f1);
  }

  const tier = (name: Tier): TierRow => ({
    count: tierCounts[name].count,
    share: weapons.length ? round(tierCounts[name].count / weapons.length) : 0,
    precision: ratio(tierCounts[name].hits, tierCounts[name].count),
    precisionCi: interval(tierCounts[name].hits, tierCounts[name].count),
  });
  type CalibrationItem = (typeof calibrationItems)[number];
  const typologyEce = (items: readonly CalibrationItem[]) => expectedCalibrationError(items.map((item) => item.confidence), items.map((item) => item.correct));
  const familyEce = (items: readonly CalibrationItem[]) => expectedCalibrationError(items.map((item) => item.familyConfidence), items.map((item) => item.familyCorrect));
  const calibrationGroups = byGroup(calibrationItems, (item) => item.group);
  const eceInterval = (statistic: (items: readonly CalibrationItem[]) => number): Interval | null => {
    const bounds = groupBootstrapInterval(calibrationGroups, statistic);
    return bounds ? [round(bounds.low), round(bounds.high)] : null;
  };
  const referenceOf = (confidences: number[]) => {
    const reference = calibratedReference(confidences, expectedCalibrationError);
    return reference ? { mean: round(reference.mean), p95: round(reference.p95) } : null;
  };
  const negativeAssessments = assessed.filter(({ photo }) => photo.label === NO_FIREARM_LABEL).map(({ assessment }) => assessment);
  return {
    model,
    n: photos.length,
    weapons: weapons.length,
    top1: ratio(top1Hits, weapons.length),
    top3: ratio(top3Hits, weapons.length),
    family: ratio(familyHits, weapons.length),
    macroF1: f1s.length ? round(f1s.reduce((sum, value) => sum + value, 0) / f1s.length) : null,
    ece: weapons.length ? round(typologyEce(calibrationItems)) : null,
    familyEce: weapons.length ? round(familyEce(calibrationItems)) : null,
    intervals: {
      top1: interval(top1Hits, weapons.length),
      top3: interval(top3Hits, weapons.length),
      family: interval(familyHits, weapons.length),
      ece: eceInterval(typologyEce),
      familyEce: eceInterval(familyEce),
    },
    eceIfCalibrated: {
      ece: referenceOf(calibrationItems.map((item) => item.confidence)),
      familyEce: referenceOf(calibrationItems.map((item) => item.familyConfidence)),
    },
    tiers: { high: tier("high"), medium: tier("medium"), low: tier("low") },
    noFirearm: {
      threshold: policy.noFirearm.threshold,
      n: negatives.length,
      flagged: negativeAssessments.filter((assessment) => assessment.status === "no_firearm").length,
      identifiedAboveLow: negativeAssessments.filter((assessment) => assessment.tier !== "low").length,
      weaponsRejected,
      weaponsRejectedRate: ratio(weaponsRejected, weapons.length),
      weaponsRejectedCi: interval(weaponsRejected, weapons.length),
    },
    perClass,
    confusion,
  };
}
