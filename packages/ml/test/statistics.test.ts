import { describe, expect, it } from "vitest";
import { expectedCalibrationError } from "../src/training/calibration.ts";
import { calibratedReference, normalQuantile, pairedGroupBootstrap, toleranceFactor, wilsonInterval } from "../src/training/statistics.ts";

describe("statistics", () => {
  it.each([
    { p: 0.5, z: 0 },
    { p: 0.975, z: 1.959964 },
    { p: 0.95, z: 1.644854 },
    { p: 0.02, z: -2.053749 },
    { p: 0.999, z: 3.090232 },
  ])("normalQuantile($p) = $z", ({ p, z }) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 5);
  });

  it.each([
    // Reference values from the Wilson formula computed independently (Python).
    { hits: 0, n: 10, low: 0, high: 0.2775 },
    { hits: 10, n: 10, low: 0.7225, high: 1 },
    { hits: 547, n: 594, low: 0.8964, high: 0.94 },
  ])("wilsonInterval($hits/$n)", ({ hits, n, low, high }) => {
    const interval = wilsonInterval(hits, n);
    expect(interval.low).toBeCloseTo(low, 3);
    expect(interval.high).toBeCloseTo(high, 3);
  });

  it.each([
    // Exact one-sided normal tolerance factors (non-central t), e.g. NIST/SEMATECH tables.
    { n: 10, coverage: 0.9, confidence: 0.9, exact: 2.065 },
    { n: 20, coverage: 0.95, confidence: 0.9, exact: 2.208 },
    { n: 50, coverage: 0.99, confidence: 0.95, exact: 2.863 },
  ])("toleranceFactor(n=$n, $coverage, $confidence) ≈ $exact", ({ n, coverage, confidence, exact }) => {
    expect(Math.abs(toleranceFactor(n, coverage, confidence) - exact) / exact).toBeLessThan(0.03);
  });
});

describe("pairedGroupBootstrap", () => {
  const items = (outcomes: [string, boolean | null, boolean | null][]) => outcomes.map(([group, a, b]) => ({ group, a, b }));

  it.each([
    ["identical systems", items([["g1", true, true], ["g2", false, false], ["g3", true, true]]), 0, 0, 0],
    ["b right where a is wrong, everywhere", items([["g1", false, true], ["g2", false, true]]), 1, 1, 1],
    ["b wrong where a is right, everywhere", items([["g1", true, false], ["g2", true, false]]), -1, -1, -1],
    ["items not judged count in neither rate", items([["g1", false, true], ["g2", null, false], ["g3", true, null]]), 1, 1, 1],
  ])("%s", (_, input, delta, low, high) => {
    expect(pairedGroupBootstrap(input)).toMatchObject({ delta, low, high });
  });

  it("draws whole groups: ten copies of one picture do not count as ten pictures", () => {
    // b gains on 10 % of the photos: 100 independent pictures, or 10 pictures of 10 copies each
    const independent = pairedGroupBootstrap(Array.from({ length: 100 }, (_, i) => ({ group: `p${i}`, a: i % 10 !== 0, b: true })));
    const copies = pairedGroupBootstrap(Array.from({ length: 100 }, (_, i) => ({ group: `p${Math.floor(i / 10)}`, a: i >= 10, b: true })));
    expect(independent.delta).toBeCloseTo(0.1, 10);
    expect(copies.delta).toBeCloseTo(0.1, 10);
    expect(independent.groups).toBe(100);
    expect(copies.groups).toBe(10);
    expect(copies.high - copies.low).toBeGreaterThan(independent.high - independent.low);
  });

  it("is reproducible for a given seed", () => {
    const input = Array.from({ length: 50 }, (_, i) => ({ group: `g${i % 17}`, a: i % 3 === 0, b: i % 4 !== 0 }));
    expect(pairedGroupBootstrap(input, { seed: 5 })).toEqual(pairedGroupBootstrap(input, { seed: 5 }));
  });
});

describe("calibratedReference", () => {
  const ece = (confidences: readonly number[], correct: readonly boolean[]) => expectedCalibrationError(confidences, correct);
  it("is 0 when every confidence is certain, and null without items", () => {
    expect(calibratedReference([1, 1, 1], ece)).toEqual({ mean: 0, p95: 0 });
    expect(calibratedReference([], ece)).toBeNull();
  });

  it.each([
    [50, 0.8],
    [250, 0.8],
    [2500, 0.8],
  ])("%i items at confidence %f: the mean is the coin's expected deviation, about sqrt(p(1-p)/n)·sqrt(2/π)", (n, p) => {
    const reference = calibratedReference(Array.from({ length: n }, () => p), ece, { draws: 4000 })!;
    expect(reference.mean).toBeCloseTo(Math.sqrt((p * (1 - p)) / n) * Math.sqrt(2 / Math.PI), 2);
    expect(reference.p95).toBeGreaterThan(reference.mean);
  });

  it("shrinks as items grow and is seeded", () => {
    const confidences = (n: number) => Array.from({ length: n }, (_, i) => 0.5 + (0.5 * i) / n);
    const small = calibratedReference(confidences(200), ece)!;
    const large = calibratedReference(confidences(2000), ece)!;
    expect(large.mean).toBeLessThan(small.mean / 2);
    expect(calibratedReference(confidences(200), ece)).toEqual(small);
  });
});
