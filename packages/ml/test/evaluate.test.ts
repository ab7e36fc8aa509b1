import { describe, expect, it } from "vitest";
import { rocAuc } from "../src/training/evaluate.ts";
import { chooseGateThreshold, OWN_SPREAD_MIN_PHOTOS } from "../src/training/gate-threshold.ts";
import { toleranceFactor } from "../src/training/statistics.ts";
import { tierFor } from "../src/runtime/tiers.ts";

const logit = (p: number) => Math.log(p / (1 - p));

describe("chooseGateThreshold", () => {
  it("keeps every weapon source under the budget, the strictest source deciding", () => {
    // "web": 100 photos, logits spread evenly; "catalogue": 10 photos scoring higher.
    const web = Array.from({ length: 100 }, (_, i) => ({ source: "web", logit: -6 + i * 0.05 }));
    const catalogue = Array.from({ length: 10 }, (_, i) => ({ source: "catalogue", logit: 1 + i * 0.2 }));
    const choice = chooseGateThreshold([...web, ...catalogue], { maxRejectionRate: 0.02, confidence: 0.9 });
    expect(choice.decidedBy).toBe("catalogue");
    const perSource = Object.fromEntries(choice.perSource.map((source) => [source.source, source]));
    // Empirical bound: web may lose 2 of 100, so its third-highest score; catalogue (10 photos) none.
    expect(perSource.web!.empirical).toBeCloseTo(1 / (1 + Math.exp(-(-6 + 97 * 0.05))), 12);
    expect(perSource.catalogue!.empirical).toBeCloseTo(1 / (1 + Math.exp(-2.8)), 12);
    // Tolerance bound: above the highest catalogue photo (10 photos cannot certify 98 % empirically).
    expect(perSource.catalogue!.tolerance).toBeGreaterThan(perSource.catalogue!.empirical);
    expect(choice.threshold).toBe(Math.max(perSource.catalogue!.tolerance, perSource.web!.threshold));
    for (const weapon of [...web, ...catalogue]) expect(1 / (1 + Math.exp(-weapon.logit))).toBeLessThanOrEqual(choice.threshold);
  });

  it("never goes below 0.5", () => {
    expect(chooseGateThreshold([{ source: "web", logit: logit(0.01) }, { source: "web", logit: logit(0.02) }, { source: "web", logit: logit(0.03) }, { source: "web", logit: logit(0.02) }], { maxRejectionRate: 0.02, confidence: 0.9 }).threshold).toBe(0.5);
  });

  const web = Array.from({ length: 100 }, (_, i) => ({ source: "web", logit: -6 + i * 0.05 }));
  const sdOf = (values: number[]) => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  };
  // z for 98 % coverage and 90 % confidence
  const zCoverage = 2.0537489;
  const zConfidence = 1.2815516;

  it.each([
    { logits: [1] },
    { logits: [0, 1] },
    { logits: [-2, -1, 0, 1, 2] },
    { logits: [-1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3] },
  ])("a source of $logits.length validation photo(s) keeps its own mean and borrows the pooled spread", ({ logits }) => {
    // the first expert labels of a new source land a few photos in validation: with their own spread
    // (k = 7.7 at 3 photos) they made "pas une arme" unreachable for the whole model (issue 10 §5)
    const choice = chooseGateThreshold([...web, ...logits.map((value) => ({ source: "expert_review", logit: value }))], { maxRejectionRate: 0.02, confidence: 0.9 });
    const small = choice.perSource.find((source) => source.source === "expert_review")!;
    const webLogits = web.map((item) => item.logit);
    const pooled = logits.length < 2 ? sdOf(webLogits) : Math.sqrt((sdOf(webLogits) ** 2 * 99 + sdOf(logits) ** 2 * (logits.length - 1)) / (99 + logits.length - 1));
    const mean = logits.reduce((a, b) => a + b, 0) / logits.length;
    expect(small.tolerance).toBeCloseTo(1 / (1 + Math.exp(-(mean + (zCoverage + zConfidence / Math.sqrt(logits.length)) * pooled))), 6);
    expect(small.threshold).toBeGreaterThanOrEqual(1 / (1 + Math.exp(-Math.max(...logits))));
    expect(choice.threshold).toBeLessThan(0.9999);
  });

  it("the former own-spread rule, kept for comparison, is what collapsed the gate", () => {
    const expert = [-3, -1.5, 0, 1.5, 3].map((value) => ({ source: "expert_review", logit: value }));
    const ownSd = chooseGateThreshold([...web, ...expert], { maxRejectionRate: 0.02, confidence: 0.9, smallSources: "own-sd" });
    const pooled = chooseGateThreshold([...web, ...expert], { maxRejectionRate: 0.02, confidence: 0.9 });
    expect(ownSd.threshold).toBeGreaterThan(0.999);
    expect(pooled.threshold).toBeLessThan(0.99);
    expect(pooled.threshold).toBeLessThan(ownSd.threshold);
    // below 3 photos the former rule fell back to the highest score
    const two = chooseGateThreshold([...web, { source: "expert_review", logit: 0 }, { source: "expert_review", logit: 1 }], { maxRejectionRate: 0.02, confidence: 0.9, smallSources: "own-sd" });
    expect(two.perSource.find((source) => source.source === "expert_review")!.tolerance).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
  });

  it("a source alone, with a single photo, has no spread to borrow and is judged by its highest score", () => {
    const choice = chooseGateThreshold([{ source: "expert_review", logit: 1 }], { maxRejectionRate: 0.02, confidence: 0.9 });
    expect(choice.threshold).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
  });

  it(`a source of ${OWN_SPREAD_MIN_PHOTOS}+ photos is judged by its own spread`, () => {
    const catalogue = Array.from({ length: OWN_SPREAD_MIN_PHOTOS }, (_, i) => ({ source: "catalogue", logit: 1 + i * 0.2 }));
    const values = catalogue.map((item) => item.logit);
    const choice = chooseGateThreshold([...web, ...catalogue], { maxRejectionRate: 0.02, confidence: 0.9 });
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const k = toleranceFactor(values.length, 0.98, 0.9);
    expect(choice.perSource.find((source) => source.source === "catalogue")!.tolerance).toBeCloseTo(1 / (1 + Math.exp(-(mean + k * sdOf(values)))), 12);
  });
});

describe("rocAuc", () => {
  it.each([
    { positives: [0.9, 0.8], negatives: [0.1, 0.2], expected: 1 },
    { positives: [0.1, 0.2], negatives: [0.9, 0.8], expected: 0 },
    { positives: [0.5, 0.5], negatives: [0.5, 0.5], expected: 0.5 },
    { positives: [0.9, 0.3], negatives: [0.5, 0.1], expected: 0.75 },
  ])("$positives vs $negatives -> $expected", ({ positives, negatives, expected }) => {
    expect(rocAuc(positives, negatives)).toBeCloseTo(expected, 12);
  });
});

describe("tierFor", () => {
  it.each([
    { confidence: 0.59, expected: "low" },
    { confidence: 0.6, expected: "medium" },
    { confidence: 0.97, expected: "medium" },
    { confidence: 0.98, expected: "high" },
  ] as const)("$confidence -> $expected", ({ confidence, expected }) => {
    expect(tierFor(confidence, { medium: 0.6, high: 0.98 })).toBe(expected);
  });
});
