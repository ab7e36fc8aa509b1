import { TYPOLOGIES, type TypologyKey } from "../domain.ts";
import { sigmoid, softmax } from "../head/probabilities.ts";
import { photoWeight, poolProbabilities, type CaseAggregation } from "../runtime/aggregate.ts";
import { expectedCalibrationError } from "./calibration.ts";
import { calibratedReference } from "./statistics.ts";
import { familyOfSample, type LabelledSample } from "./samples.ts";

/** Held-out weapon photos with their raw typology logits and gate logits (a CalibrationEvidence, flattened). */
export interface HeldOutWeapons {
  weapons: readonly LabelledSample[];
  /** Row-major, `labels` order, temperature 1, before prior correction. */
  typologyLogits: Float64Array;
  gateLogits: readonly number[];
}

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
 * Out-of-fold scores grouped into cases the way `model:eval` groups the test split (one case per
 * picture group and label, single photos included), each photo calibrated as served (prior offsets,
 * temperature) and weighted by its no-firearm score as production weighs it, then pooled by `aggregation`.
 * Measures per case what the temperature was fitted for per photo.
 */
export function caseCalibration(
  heldOut: HeldOutWeapons,
  calibration: { temperature: number; priorOffsets: ArrayLike<number> | null },
  labels: readonly TypologyKey[],
  aggregation: CaseAggregation,
): CaseCalibrationReport {
  const classes = labels.length;
  const members = new Map<string, number[]>();
  heldOut.weapons.forEach((sample, index) => {
    const key = `${sample.group ?? sample.id}\u0000${[...sample.allowedTypologies].sort().join(",")}`;
    members.set(key, [...(members.get(key) ?? []), index]);
  });
  const typologyConfidence: number[] = [];
  const typologyCorrect: boolean[] = [];
  const familyConfidence: number[] = [];
  const familyCorrect: boolean[] = [];
  let nll = 0;
  for (const indices of members.values()) {
    const perPhoto = indices.map((index) => {
      const logits = heldOut.typologyLogits.slice(index * classes, (index + 1) * classes).map((logit, k) => logit + (calibration.priorOffsets?.[k] ?? 0));
      return { probabilities: softmax(logits, calibration.temperature), weight: photoWeight(sigmoid(heldOut.gateLogits[index]!)) };
    });
    const probabilities = poolProbabilities(perPhoto, aggregation);
    const sample = heldOut.weapons[indices[0]!]!;
    const allowed = new Set(sample.allowedTypologies);
    nll -= Math.log(Math.max(1e-300, labels.reduce((total, label, k) => total + (allowed.has(label) ? probabilities[k]! : 0), 0)));
    let top = 0;
    for (let k = 1; k < classes; k++) if (probabilities[k]! > probabilities[top]!) top = k;
    if (sample.allowedTypologies.length === 1) {
      typologyConfidence.push(probabilities[top]!);
      typologyCorrect.push(labels[top] === sample.allowedTypologies[0]);
    }
    const handgun = labels.reduce((total, label, k) => total + (TYPOLOGIES[label].family === "handgun" ? probabilities[k]! : 0), 0);
    const predictedFamily = handgun >= 0.5 ? "handgun" : "long_gun";
    familyConfidence.push(Math.max(handgun, 1 - handgun));
    familyCorrect.push(predictedFamily === familyOfSample(sample));
  }
  const cases = members.size;
  const full = typologyConfidence.length;
  return {
    cases,
    multiPhotoCases: [...members.values()].filter((indices) => indices.length > 1).length,
    photosPerCase: round(heldOut.weapons.length / Math.max(1, cases), 2),
    fullLabelledCases: full,
    typologyTop1: full ? round(typologyCorrect.filter(Boolean).length / full) : null,
    typologyEce: full ? round(expectedCalibrationError(typologyConfidence, typologyCorrect)) : null,
    typologyEceIfCalibrated: full ? round(calibratedReference(typologyConfidence, expectedCalibrationError, { draws: 500 })!.mean) : null,
    nll: round(nll / Math.max(1, cases)),
    familyAccuracy: round(familyCorrect.filter(Boolean).length / Math.max(1, cases)),
    familyEce: round(expectedCalibrationError(familyConfidence, familyCorrect)),
    familyEceIfCalibrated: round(calibratedReference(familyConfidence, expectedCalibrationError, { draws: 500 })!.mean),
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
