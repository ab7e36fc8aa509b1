import { describe, expect, it } from "vitest";
import { normalQuantile, toleranceFactor, wilsonInterval } from "../src/training/statistics.ts";

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
