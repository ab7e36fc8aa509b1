import { describe, expect, it } from "vitest";
import { rocAuc } from "../src/training/evaluate.ts";
import { chooseGateThreshold } from "../src/training/gate-threshold.ts";
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

  it.each([
    { n: 1, logits: [1], expected: 1 / (1 + Math.exp(-1)) },
    { n: 2, logits: [0, 1], expected: 1 / (1 + Math.exp(-1)) },
  ])("a source of $n validation photo(s), too few for a tolerance bound, is judged by its highest score, never by 1", ({ logits, expected }) => {
    // the first expert labels of a new source land a photo or two in validation: they must not make
    // "pas une arme" unreachable for the whole model (issue 10 §5)
    const web = Array.from({ length: 100 }, (_, i) => ({ source: "web", logit: -6 + i * 0.05 }));
    const choice = chooseGateThreshold([...web, ...logits.map((value) => ({ source: "expert_review", logit: value }))], { maxRejectionRate: 0.02, confidence: 0.9 });
    const tiny = choice.perSource.find((source) => source.source === "expert_review")!;
    expect(tiny.tolerance).toBeCloseTo(expected, 12);
    expect(tiny.threshold).toBeCloseTo(expected, 12);
    expect(choice.threshold).toBeLessThan(1);
  });

  it("a source of 3 photos already gets its tolerance bound (above its highest score)", () => {
    const choice = chooseGateThreshold([0, 0.5, 1].map((value) => ({ source: "small", logit: value })), { maxRejectionRate: 0.02, confidence: 0.9 });
    expect(choice.perSource[0]!.tolerance).toBeGreaterThan(1 / (1 + Math.exp(-1)));
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
