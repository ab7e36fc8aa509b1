import { sigmoid } from "../head/probabilities.ts";
import { meanAndSd, normalQuantile, toleranceFactor } from "./statistics.ts";

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
 * Validation photos a source needs before its own spread is trusted for the tolerance bound: below it
 * the normal tolerance factor explodes (k ≈ 7.7 at n = 3, 3.9 at n = 6, 2.9 at n = 10 for 98 % / 90 %),
 * and a handful of expert labels from a new source would make "pas une arme" unreachable.
 */
export const OWN_SPREAD_MIN_PHOTOS = 10;

export interface GateThresholdOptions {
  maxRejectionRate: number;
  confidence: number;
  /**
   * How a source with fewer than OWN_SPREAD_MIN_PHOTOS validation photos is judged.
   * "pooled-sd" (default): its own mean, the spread pooled over every weapon source, and the
   * known-spread tolerance bound mean + (z_coverage + z_confidence / √n)·sd.
   * "own-sd": its own mean and spread (empirical bound below 3 photos): the rule of models up to
   * 2026.12.06-2, kept so the learning curve can show what it did.
   */
  smallSources?: "pooled-sd" | "own-sd";
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
 * A small source (the first expert labels) keeps its own mean but borrows the pooled spread.
 * Never below 0.5: a photo more likely a weapon than not is never rejected.
 */
export function chooseGateThreshold(weapons: readonly { source: string; logit: number }[], options: GateThresholdOptions): GateThresholdChoice {
  const bySource = new Map<string, number[]>();
  for (const weapon of weapons) bySource.set(weapon.source, [...(bySource.get(weapon.source) ?? []), weapon.logit]);
  const pooledSd = pooledStandardDeviation([...bySource.values()]);
  const zCoverage = normalQuantile(1 - options.maxRejectionRate);
  const zConfidence = normalQuantile(options.confidence);
  const perSource: GateSourceThreshold[] = [...bySource.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([source, logits]) => {
      const descending = [...logits].sort((a, b) => b - a);
      const boundary = descending[Math.floor(options.maxRejectionRate * descending.length)];
      const empirical = boundary === undefined ? 0.5 : sigmoid(boundary);
      const { mean, sd } = meanAndSd(logits);
      let tolerance: number;
      if (logits.length >= OWN_SPREAD_MIN_PHOTOS || options.smallSources === "own-sd") {
        const k = toleranceFactor(logits.length, 1 - options.maxRejectionRate, options.confidence);
        // own-sd rule below 3 photos: the empirical bound alone (a bound of 1 made the gate unreachable)
        tolerance = Number.isFinite(k) ? sigmoid(mean + k * sd) : empirical;
      } else {
        tolerance = pooledSd === null ? empirical : sigmoid(mean + (zCoverage + zConfidence / Math.sqrt(logits.length)) * pooledSd);
      }
      return { source, n: logits.length, empirical, tolerance, threshold: Math.max(empirical, tolerance) };
    });
  let choice: GateThresholdChoice = { threshold: 0.5, decidedBy: "floor 0.5", perSource };
  for (const source of perSource) if (source.threshold > choice.threshold) choice = { threshold: source.threshold, decidedBy: source.source, perSource };
  return { ...choice, threshold: Math.min(choice.threshold, 1) };
}

/** Within-source standard deviation pooled over the sources (null when no source has two photos). */
export function pooledStandardDeviation(groups: readonly (readonly number[])[]): number | null {
  let squares = 0;
  let degrees = 0;
  for (const values of groups) {
    if (values.length < 2) continue;
    const { sd } = meanAndSd(values);
    squares += sd * sd * (values.length - 1);
    degrees += values.length - 1;
  }
  return degrees === 0 ? null : Math.sqrt(squares / degrees);
}
