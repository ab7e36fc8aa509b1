import { describe, expect, it } from "vitest";
import { TYPOLOGY_KEYS, type TypologyKey } from "../src/domain.ts";
import { caseAggregationOf, type CaseAggregation } from "../src/manifest.ts";
import { aggregateCase, poolProbabilities } from "../src/runtime/aggregate.ts";

const close = (actual: ArrayLike<number>, expected: readonly number[]) => expected.forEach((value, k) => expect(actual[k]).toBeCloseTo(value, 12));

describe("poolProbabilities", () => {
  const flat = [1 / 3, 1 / 3, 1 / 3];
  const clear = [0.8, 0.15, 0.05];
  const other = [0.1, 0.8, 0.1];
  it.each<[string, CaseAggregation, { probabilities: number[]; weight: number }[], number[]]>([
    ["one photo, linear", "linear", [{ probabilities: clear, weight: 0.3 }], clear],
    ["one photo, logarithmic", "logarithmic", [{ probabilities: clear, weight: 0.3 }], clear],
    ["linear: the weighted mean", "linear", [{ probabilities: clear, weight: 3 }, { probabilities: other, weight: 1 }], [0.625, 0.3125, 0.0625]],
    ["linear: a flat photo dilutes a clear one", "linear", [{ probabilities: clear, weight: 1 }, { probabilities: flat, weight: 1 }], [(0.8 + 1 / 3) / 2, (0.15 + 1 / 3) / 2, (0.05 + 1 / 3) / 2]],
    ["logarithmic: a flat photo tempers a clear one (square root here) but keeps its order", "logarithmic", [{ probabilities: clear, weight: 1 }, { probabilities: flat, weight: 1 }], clear.map((p) => Math.sqrt(p) / clear.reduce((sum, q) => sum + Math.sqrt(q), 0))],
    ["logarithmic: the typology both photos find plausible wins", "logarithmic", [{ probabilities: [0.5, 0.5, 0], weight: 1 }, { probabilities: [0, 0.5, 0.5], weight: 1 }], [0, 1, 0]],
    ["linear: the same two photos keep a mixture", "linear", [{ probabilities: [0.5, 0.5, 0], weight: 1 }, { probabilities: [0, 0.5, 0.5], weight: 1 }], [0.25, 0.5, 0.25]],
    ["logarithmic: copies of one photo give that photo", "logarithmic", [{ probabilities: clear, weight: 1 }, { probabilities: clear, weight: 0.2 }], clear],
    [
      "logarithmic: normalised weighted geometric mean",
      "logarithmic",
      [{ probabilities: clear, weight: 1 }, { probabilities: other, weight: 1 }],
      (() => {
        const geometric = clear.map((p, k) => Math.sqrt(p * other[k]!));
        const total = geometric.reduce((a, b) => a + b, 0);
        return geometric.map((value) => value / total);
      })(),
    ],
    ["logarithmic: a zero probability does not make NaN", "logarithmic", [{ probabilities: [1, 0, 0], weight: 1 }, { probabilities: [0.5, 0.5, 0], weight: 1 }], [1, 0, 0]],
  ])("%s", (_name, aggregation, perPhoto, expected) => {
    const pooled = poolProbabilities(perPhoto, aggregation);
    close(pooled, expected);
    expect(pooled.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("logarithmic pooling of photos that agree is sharper than linear, never sharper than the product", () => {
    const a = [0.7, 0.2, 0.1];
    const b = [0.6, 0.3, 0.1];
    const linear = poolProbabilities([{ probabilities: a, weight: 1 }, { probabilities: b, weight: 1 }], "linear");
    const logarithmic = poolProbabilities([{ probabilities: a, weight: 1 }, { probabilities: b, weight: 1 }], "logarithmic");
    const product = a.map((p, k) => p * b[k]!);
    const productTop = product[0]! / product.reduce((x, y) => x + y, 0);
    expect(logarithmic[0]).toBeGreaterThan(linear[0]!);
    expect(logarithmic[0]).toBeLessThan(productTop);
  });

  it("refuses a case without photos", () => {
    expect(() => poolProbabilities([], "linear")).toThrow(/at least one photo/);
  });
});

describe("aggregateCase", () => {
  it("keeps the record form and defaults to linear (models up to 2026.12.06-4)", () => {
    const record = (top: TypologyKey, value: number) => Object.fromEntries(TYPOLOGY_KEYS.map((key) => [key, key === top ? value : (1 - value) / (TYPOLOGY_KEYS.length - 1)])) as Record<TypologyKey, number>;
    const photos = [
      { probabilities: record("revolver", 0.9), weight: 1 },
      { probabilities: record("epaule_a_pompe", 0.6), weight: 0.5 },
    ];
    const pooled = aggregateCase(photos, TYPOLOGY_KEYS, caseAggregationOf({ calibration: { method: "temperature", temperature: 1, fittedOn: "2026.12.06-4" } }));
    expect(pooled.revolver).toBeCloseTo((0.9 + 0.5 * 0.4 / 11) / 1.5, 12);
    expect(aggregateCase(photos, TYPOLOGY_KEYS, "logarithmic").revolver).not.toBeCloseTo(pooled.revolver, 6);
  });
});
