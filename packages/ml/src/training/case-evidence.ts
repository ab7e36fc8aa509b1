import type { TypologyKey } from "../domain.ts";
import type { CaseAggregation } from "../manifest.ts";
import { sigmoid } from "../head/probabilities.ts";
import { photoWeight, poolProbabilities } from "../runtime/aggregate.ts";
import { expectedCalibrationError } from "./calibration.ts";
import { evaluateSplit, type EvaluatedRow } from "./evaluate.ts";
import { calibratedReference } from "./statistics.ts";
import { summariseTypologies } from "./typology-report.ts";

export interface CaseCalibrationReport {
  /** Cases: held-out weapon photos of one group and one label, scored together. */
  cases: number;
  multiPhotoCases: number;
  photosPerCase: number;
  /** Cases whose label names one typology. */
  fullLabelledCases: number;
  typologyTop1: number | null;
  typologyEce: number | null;
  /** What a perfectly calibrated model would read with these confidences on this many cases (mean of statistics.ts calibratedReference). */
  typologyEceIfCalibrated: number | null;
  /** Mean negative log-probability of the label set (every case). */
  nll: number;
  familyAccuracy: number;
  familyEce: number;
  familyEceIfCalibrated: number;
}

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

/**
 * Held-out photos grouped into cases the way `model:eval` groups the test split (one case per picture
 * group and label, single photos included), each photo as served (`rows`: calibrated probabilities),
 * weighted by its no-firearm score as production weighs it (`gateLogits`, one per row), then pooled by
 * `aggregation`. Measures per case what the temperature was fitted for per photo.
 */
export function caseCalibration(rows: readonly EvaluatedRow[], gateLogits: readonly number[], labels: readonly TypologyKey[], aggregation: CaseAggregation): CaseCalibrationReport {
  const members = new Map<string, number[]>();
  rows.forEach(({ sample }, index) => {
    const key = `${sample.group ?? sample.id}\u0000${[...sample.allowedTypologies].sort().join(",")}`;
    members.set(key, [...(members.get(key) ?? []), index]);
  });
  const cases = [...members.values()];
  const pooled = cases.map((indices) => poolProbabilities(indices.map((index) => ({ probabilities: rows[index]!.probabilities, weight: photoWeight(sigmoid(gateLogits[index]!)) })), aggregation));
  // log-probabilities as logits at temperature 1: evaluateSplit scores each pooled case exactly as it scores a photo
  const classes = labels.length;
  const logProbabilities = new Float64Array(cases.length * classes);
  pooled.forEach((probabilities, c) => probabilities.forEach((p, k) => (logProbabilities[c * classes + k] = Math.log(p))));
  const caseSamples = cases.map((indices) => rows[indices[0]!]!.sample);
  const scored = evaluateSplit(caseSamples, logProbabilities, labels, 1);
  const typology = summariseTypologies(scored.rows, labels);
  const full = scored.rows.filter((row) => row.sample.allowedTypologies.length === 1);
  const nll = pooled.reduce((total, probabilities, c) => {
    const allowed = new Set(caseSamples[c]!.allowedTypologies);
    return total - Math.log(Math.max(1e-300, labels.reduce((sum, label, k) => sum + (allowed.has(label) ? probabilities[k]! : 0), 0)));
  }, 0);
  const reference = (confidences: number[]) => round(calibratedReference(confidences, expectedCalibrationError, { draws: 500 })!.mean);
  return {
    cases: cases.length,
    multiPhotoCases: cases.filter((indices) => indices.length > 1).length,
    photosPerCase: round(rows.length / Math.max(1, cases.length), 2),
    fullLabelledCases: typology.fullLabelled,
    typologyTop1: typology.top1.rate,
    typologyEce: full.length ? typology.ece : null,
    typologyEceIfCalibrated: full.length ? reference(full.map((row) => row.topTypologyProbability)) : null,
    nll: round(nll / Math.max(1, cases.length)),
    familyAccuracy: round(scored.familyAccuracy),
    familyEce: round(expectedCalibrationError(scored.familyConfidence, scored.familyCorrect)),
    familyEceIfCalibrated: reference(scored.familyConfidence),
  };
}

/** Fewer held-out cases of two photos or more than this, and the pooling stays the one served so far. */
export const MIN_MULTI_PHOTO_CASES = 30;

/**
 * The pooling a model serves: the one with the lower held-out per-case NLL (a proper score, so it
 * rewards calibration and accuracy together), "linear" when too few cases hold several photos to tell.
 */
export function chooseCaseAggregation(cases: Record<CaseAggregation, CaseCalibrationReport>): CaseAggregation {
  if (cases.linear.multiPhotoCases < MIN_MULTI_PHOTO_CASES) return "linear";
  return cases.logarithmic.nll < cases.linear.nll ? "logarithmic" : "linear";
}
