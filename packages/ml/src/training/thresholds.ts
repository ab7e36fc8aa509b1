/** One-sided lower confidence bound of a binomial proportion (Wilson score interval). */
export function wilsonLowerBound(successes: number, trials: number, z = 1.645): number {
  if (trials === 0) return 0;
  const p = successes / trials;
  const denominator = 1 + (z * z) / trials;
  const centre = p + (z * z) / (2 * trials);
  const margin = z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials));
  return (centre - margin) / denominator;
}

export interface ThresholdChoice {
  /** Lowest confidence accepted; Infinity-like 1.01 when no threshold reaches the target. */
  threshold: number;
  reached: boolean;
  /** On the data the threshold was chosen on. */
  coverage: number;
  precision: number;
  lowerBound: number;
  support: number;
}

/** A threshold no calibrated probability can reach: the tier is never granted. */
export const UNREACHABLE_THRESHOLD = 1;

/**
 * The lowest threshold whose accepted predictions (confidence ≥ threshold) are correct with a
 * one-sided 95% Wilson lower bound ≥ target. Using the bound rather than the raw rate keeps a
 * handful of lucky validation photos from opening a tier.
 */
export function chooseThreshold(confidences: ArrayLike<number>, correct: ArrayLike<boolean>, targetPrecision: number, minSupport = 20): ThresholdChoice {
  const order = Array.from({ length: confidences.length }, (_, index) => index).sort((a, b) => confidences[b]! - confidences[a]!);
  let best: ThresholdChoice = { threshold: UNREACHABLE_THRESHOLD, reached: false, coverage: 0, precision: 0, lowerBound: 0, support: 0 };
  let hits = 0;
  for (let rank = 0; rank < order.length; rank++) {
    const index = order[rank]!;
    hits += correct[index] ? 1 : 0;
    const support = rank + 1;
    // Only cut between distinct confidence values.
    const next = order[rank + 1];
    if (next !== undefined && confidences[next] === confidences[index]) continue;
    const lowerBound = wilsonLowerBound(hits, support);
    if (support >= minSupport && lowerBound >= targetPrecision) {
      best = { threshold: confidences[index]!, reached: true, coverage: support / order.length, precision: hits / support, lowerBound, support };
    }
  }
  return best;
}
