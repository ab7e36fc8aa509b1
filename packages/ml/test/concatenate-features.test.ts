// The feature concatenation behind the ensembles of `pnpm model:compare-backbones`.
import { describe, expect, it } from "vitest";
import { concatenateFeatures } from "../src/training/collect-samples.ts";
import type { LabelledSample } from "../src/training/samples.ts";

describe("concatenateFeatures (ensembles measured by model:compare-backbones)", () => {
  const sample = (id: string, features: number[], split: LabelledSample["split"] = "train"): LabelledSample => ({ id, source: "s", split, kind: "weapon", features: Float32Array.from(features), sourceLabel: "HandGun", allowedTypologies: ["revolver"] });

  it("puts each photo's features from every backbone side by side, labels untouched", () => {
    const [first, second] = concatenateFeatures([
      [sample("a", [1, 2]), sample("b", [3, 4], "validation")],
      [sample("a", [5]), sample("b", [6], "validation")],
    ]);
    expect(Array.from(first!.features)).toEqual([1, 2, 5]);
    expect(Array.from(second!.features)).toEqual([3, 4, 6]);
    expect(second).toMatchObject({ id: "b", split: "validation", allowedTypologies: ["revolver"] });
  });

  it("refuses collections of different photos, order or splits", () => {
    expect(() => concatenateFeatures([[sample("a", [1])], [sample("b", [1])]])).toThrow(/differ/);
    expect(() => concatenateFeatures([[sample("a", [1])], [sample("a", [1], "test")]])).toThrow(/differ/);
    expect(() => concatenateFeatures([[sample("a", [1]), sample("b", [1])], [sample("a", [1])]])).toThrow(/differ/);
  });
});
