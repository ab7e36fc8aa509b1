import { TYPOLOGIES, type Family, type TypologyKey } from "../domain.ts";
import { softmax } from "../head/probabilities.ts";
import type { LabelledSample } from "./samples.ts";

export interface EvaluatedRow {
  sample: LabelledSample;
  /** Calibrated typology probabilities, in `labels` order. */
  probabilities: Float64Array;
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
      probabilities,
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
