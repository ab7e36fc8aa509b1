import type { TypologyKey } from "../domain.ts";
import type { CaseAggregation } from "../manifest.ts";

/** Photos that look like no firearm (a close-up of markings, a bag) still count, but much less. */
const MIN_PHOTO_WEIGHT = 0.05;

export function photoWeight(noFirearmScore: number): number {
  return Math.max(MIN_PHOTO_WEIGHT, 1 - noFirearmScore);
}

/**
 * How a case's photos pool their probabilities (manifest `calibration.caseAggregation`, caseAggregationOf).
 * Both give one photo's probabilities for one photo or for copies of it; they differ when
 * photos disagree:
 * - "linear": the weighted mean, a mixture ("this photo says revolver, that one pump"). One odd photo
 *   cannot overrule the others.
 * - "logarithmic": the normalised weighted geometric mean, a consensus: a typology that every photo
 *   finds plausible gains, one that a clear photo rules out loses, and photos that agree sharpen the
 *   case less than a product would (they are views of one weapon, not independent witnesses).
 * The training run chooses between them on held-out cases (training/case-evidence.ts).
 */
export function poolProbabilities(perPhoto: readonly { probabilities: ArrayLike<number>; weight: number }[], aggregation: CaseAggregation): Float64Array {
  if (perPhoto.length === 0) throw new Error("a case needs at least one photo");
  const classes = perPhoto[0]!.probabilities.length;
  const total = perPhoto.reduce((sum, photo) => sum + photo.weight, 0);
  const pooled = new Float64Array(classes);
  if (aggregation === "linear") {
    for (const photo of perPhoto) for (let k = 0; k < classes; k++) pooled[k]! += photo.weight * photo.probabilities[k]!;
    return pooled.map((value) => value / total);
  }
  // Sum of weighted logs, shifted by its maximum before exp (a probability may underflow to 0).
  for (const photo of perPhoto) for (let k = 0; k < classes; k++) pooled[k]! += (photo.weight / total) * Math.log(Math.max(photo.probabilities[k]!, Number.MIN_VALUE));
  const max = Math.max(...pooled);
  let sum = 0;
  for (let k = 0; k < classes; k++) sum += pooled[k] = Math.exp(pooled[k]! - max);
  for (let k = 0; k < classes; k++) pooled[k]! /= sum;
  return pooled;
}

/** Case probabilities: the photos' probabilities, each weighted by how much it looks like a firearm, pooled by `aggregation`. */
export function aggregateCase(
  perPhoto: readonly { probabilities: Record<TypologyKey, number>; weight: number }[],
  labels: readonly TypologyKey[],
  aggregation: CaseAggregation,
): Record<TypologyKey, number> {
  const pooled = poolProbabilities(
    perPhoto.map((photo) => ({ probabilities: labels.map((label) => photo.probabilities[label]), weight: photo.weight })),
    aggregation,
  );
  const result = {} as Record<TypologyKey, number>;
  labels.forEach((label, k) => (result[label] = pooled[k]!));
  return result;
}

/** A case shows a firearm as soon as one of its photos does: its no-firearm score is the minimum. */
export function caseNoFirearmScore(scores: readonly number[]): number {
  return Math.min(...scores);
}
