import { sigmoid } from "../head/probabilities.ts";
import { meanAndSd, toleranceFactor } from "./statistics.ts";

export interface GateSourceThreshold {
  source: string;
  n: number;
  /** Lowest threshold that rejects at most ⌊rate·n⌋ of this source's validation photos. */
  empirical: number;
  /** sigmoid(mean + k·sd) of the source's gate logits: a normal tolerance bound (see below). */
  tolerance: number;
  /** The larger of the two: what this source demands. */
  threshold: number;
}

export interface GateThresholdChoice {
  threshold: number;
  /** The source whose demand set the threshold (the strictest). */
  decidedBy: string;
  perSource: GateSourceThreshold[];
}

/**
 * No-firearm threshold (a photo is called "no firearm" when its score is ABOVE it) chosen on
 * validation weapon photos, source by source, the strictest source deciding. Per source it takes
 * the larger of
 * - the empirical bound: at most ⌊rate·n⌋ validation photos rejected (0 for a 25-photo source);
 * - a one-sided normal tolerance bound on the gate logits: with `confidence`, at least 1 − rate of
 *   the source's photos score below mean + k·sd. The empirical bound alone is the source's single
 *   highest score when n is small, which a fresh photo exceeds far more often than 2 % of the time
 *   (1 of 18 Caltech test revolvers did with the previous model).
 * A source with too few validation photos for the tolerance bound is judged by its empirical bound.
 * Never below 0.5: a photo more likely a weapon than not is never rejected.
 */
export function chooseGateThreshold(
  weapons: readonly { source: string; logit: number }[],
  options: { maxRejectionRate: number; confidence: number },
): GateThresholdChoice {
  const bySource = new Map<string, number[]>();
  for (const weapon of weapons) bySource.set(weapon.source, [...(bySource.get(weapon.source) ?? []), weapon.logit]);
  const perSource: GateSourceThreshold[] = [...bySource.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([source, logits]) => {
      const descending = [...logits].sort((a, b) => b - a);
      const boundary = descending[Math.floor(options.maxRejectionRate * descending.length)];
      const empirical = boundary === undefined ? 0.5 : sigmoid(boundary);
      const { mean, sd } = meanAndSd(logits);
      const k = toleranceFactor(logits.length, 1 - options.maxRejectionRate, options.confidence);
      // A source too small for a tolerance bound (fewer than 3 validation photos: the first expert labels
      // of a new source) is judged by its empirical bound alone. Taking the bound as 1 there let a single
      // photo make "pas une arme" unreachable for the whole model.
      const tolerance = Number.isFinite(k) ? sigmoid(mean + k * sd) : empirical;
      return { source, n: logits.length, empirical, tolerance, threshold: Math.max(empirical, tolerance) };
    });
  let choice: GateThresholdChoice = { threshold: 0.5, decidedBy: "floor 0.5", perSource };
  for (const source of perSource) if (source.threshold > choice.threshold) choice = { threshold: source.threshold, decidedBy: source.source, perSource };
  return { ...choice, threshold: Math.min(choice.threshold, 1) };
}
