import { seededRandom } from "./random.ts";

/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Two-sided 95 % Wilson score interval of a binomial proportion. */
export function wilsonInterval(successes: number, trials: number, z = 1.96): { low: number; high: number } {
  if (trials === 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const denominator = 1 + (z * z) / trials;
  const centre = p + (z * z) / (2 * trials);
  const margin = z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials));
  return { low: Math.max(0, (centre - margin) / denominator), high: Math.min(1, (centre + margin) / denominator) };
}

/**
 * One-sided normal tolerance factor k: with confidence `confidence`, at least `coverage` of the
 * population lies below mean + k·sd estimated from n values (Natrella's approximation, within a few
 * percent of the exact non-central t value from n = 10 on).
 */
export function toleranceFactor(n: number, coverage: number, confidence: number): number {
  if (n < 3) return Number.POSITIVE_INFINITY;
  const zp = normalQuantile(coverage);
  const zg = normalQuantile(confidence);
  const a = 1 - (zg * zg) / (2 * (n - 1));
  const b = zp * zp - (zg * zg) / n;
  if (a <= 0) return Number.POSITIVE_INFINITY;
  return (zp + Math.sqrt(zp * zp - a * b)) / a;
}

export function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, values.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

export const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Percentile 95 % interval of a statistic when whole groups are drawn with replacement (near-duplicate
 * photos of one picture, the photos of one case, move together). Seeded: the same input gives the same
 * interval. `groups` holds each group's items; an empty input gives null.
 */
export function groupBootstrapInterval<T>(groups: readonly (readonly T[])[], statistic: (items: readonly T[]) => number, options: { draws?: number; seed?: number } = {}): { low: number; high: number } | null {
  if (groups.length === 0) return null;
  const random = seededRandom(options.seed ?? 1);
  const draws = options.draws ?? 2000;
  const values: number[] = [];
  for (let draw = 0; draw < draws; draw++) {
    const items: T[] = [];
    for (let g = 0; g < groups.length; g++) items.push(...groups[Math.floor(random() * groups.length)]!);
    values.push(statistic(items));
  }
  values.sort((x, y) => x - y);
  return { low: values[Math.floor(0.025 * (draws - 1))]!, high: values[Math.ceil(0.975 * (draws - 1))]! };
}

/** Items grouped by their group key, in first-seen order. */
export function byGroup<T>(items: readonly T[], groupOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = groupOf(item);
    const members = groups.get(key);
    if (members) members.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

/**
 * Paired bootstrap over groups of the difference in success rate between two systems judged on the same
 * items (b − a): whole groups are drawn with replacement, so near-duplicate photos of one picture move
 * together. Items whose outcome is null (not judged) count in neither rate. Percentile 95 % interval.
 */
export function pairedGroupBootstrap(
  items: readonly { group: string; a: boolean | null; b: boolean | null }[],
  options: { draws?: number; seed?: number } = {},
): { delta: number; low: number; high: number; groups: number } {
  const judged = items.filter((item) => item.a !== null && item.b !== null);
  const delta = (picked: readonly (typeof judged)[number][]) => (picked.length === 0 ? 0 : picked.reduce((sum, item) => sum + (item.b ? 1 : 0) - (item.a ? 1 : 0), 0) / picked.length);
  const groups = byGroup(judged, (item) => item.group);
  const interval = groupBootstrapInterval(groups, delta, options) ?? { low: 0, high: 0 };
  return { delta: delta(judged), ...interval, groups: groups.length };
}

/**
 * What a statistic of (confidence, correct) pairs reads when the confidences are exactly right: each
 * item's correctness drawn as a coin of its own confidence, `draws` times (seeded). ECE is biased
 * upwards on small samples; this is its value for a perfectly calibrated model with these confidences
 * and this many items (mean, and the 95th percentile). Draws are independent per item, so for items
 * that move together (photos of one group) the spread is a lower bound.
 */
export function calibratedReference(confidences: readonly number[], statistic: (confidences: readonly number[], correct: readonly boolean[]) => number, options: { draws?: number; seed?: number } = {}): { mean: number; p95: number } | null {
  if (confidences.length === 0) return null;
  const random = seededRandom(options.seed ?? 1);
  const draws = options.draws ?? 2000;
  const values: number[] = [];
  for (let draw = 0; draw < draws; draw++) values.push(statistic(confidences, confidences.map((confidence) => random() < confidence)));
  values.sort((x, y) => x - y);
  return { mean: values.reduce((sum, value) => sum + value, 0) / draws, p95: values[Math.ceil(0.95 * (draws - 1))]! };
}
