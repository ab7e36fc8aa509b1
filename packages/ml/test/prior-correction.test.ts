import { describe, expect, it } from "vitest";
import { fitPriorCorrection, setNegativeLogLikelihood } from "../src/training/calibration.ts";

describe("fitPriorCorrection", () => {
  it("moves uniform logits towards the validation frequencies and lowers the set NLL", () => {
    // 3 classes, 100 photos: 70 of class 0, 20 of class 1, 10 with the coarse set {1, 2}
    const sets = Uint32Array.from({ length: 100 }, (_, i) => (i < 70 ? 0b001 : i < 90 ? 0b010 : 0b110));
    const logits = new Float64Array(300);
    const offsets = fitPriorCorrection(logits, 3, sets, { l2: 0 });
    expect(offsets[0]).toBeGreaterThan(offsets[1]!);
    expect(offsets[1]).toBeGreaterThan(offsets[2]!);
    const corrected = Float64Array.from(logits, (value, index) => value + offsets[index % 3]!);
    expect(setNegativeLogLikelihood(corrected, 3, sets, 1)).toBeLessThan(setNegativeLogLikelihood(logits, 3, sets, 1) - 0.1);
    // the fitted prior matches the frequencies where labels are full (70 % class 0)
    const p0 = Math.exp(offsets[0]!) / offsets.reduce((sum, value) => sum + Math.exp(value), 0);
    expect(p0).toBeCloseTo(0.7, 1);
  });

  it("keeps a class absent from validation finite (L2), and returns zeros without photos", () => {
    const sets = Uint32Array.from({ length: 50 }, () => 0b01);
    const offsets = fitPriorCorrection(new Float64Array(100), 2, sets, { l2: 0.05 });
    expect(offsets[1]).toBeLessThan(0);
    expect(offsets[1]).toBeGreaterThan(-20);
    expect([...fitPriorCorrection(new Float64Array(0), 2, new Uint32Array(0))]).toEqual([0, 0]);
  });
});
