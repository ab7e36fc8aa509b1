import { describe, expect, it } from "vitest";
import { TYPOLOGY_KEYS, type TypologyKey } from "../src/domain.ts";
import { softmax } from "../src/head/probabilities.ts";
import { evaluateSplit } from "../src/training/evaluate.ts";
import { poolProbabilities, photoWeight } from "../src/runtime/aggregate.ts";
import { caseCalibration, chooseCaseAggregation, MIN_MULTI_PHOTO_CASES, type CaseCalibrationReport } from "../src/training/case-evidence.ts";
import type { LabelledSample } from "../src/training/samples.ts";

const sample = (id: string, group: string | undefined, allowed: TypologyKey[]): LabelledSample => ({
  id,
  source: "weapons-coarse",
  split: "validation",
  kind: "weapon",
  features: new Float32Array(1),
  sourceLabel: allowed.length === 1 ? allowed[0]! : "HandGun",
  allowedTypologies: allowed,
  ...(group ? { group } : {}),
});
/** Raw logits favouring one typology by `margin`. */
const logitsFor = (top: TypologyKey, margin: number) => TYPOLOGY_KEYS.map((key) => (key === top ? margin : 0));

describe("caseCalibration", () => {
  const weapons = [
    sample("a1", "g1", ["revolver"]),
    sample("a2", "g1", ["revolver"]),
    sample("b1", "g2", ["pistolet_semi_auto_moderne"]),
    sample("c1", undefined, ["revolver", "pistolet_semi_auto_moderne", "autre_pistolet", "pistolet_mecanisme_ancien"]),
    // one group, two labels: two cases (model:eval refuses such a group; held-out photos keep them apart)
    sample("d1", "g4", ["epaule_a_pompe"]),
    sample("d2", "g4", ["epaule_a_verrou"]),
  ];
  const rows = [logitsFor("revolver", 3), logitsFor("epaule_a_pompe", 1), logitsFor("revolver", 2), logitsFor("revolver", 4), logitsFor("epaule_a_pompe", 2), logitsFor("epaule_a_pompe", 2)];
  const gateLogits = [-4, 1, -3, -2, -5, -5];
  const offsets = TYPOLOGY_KEYS.map((key) => (key === "pistolet_semi_auto_moderne" ? 0.5 : 0));
  // as calibrate() serves them: prior offsets added to the raw logits, then the temperature
  const served = evaluateSplit(weapons, Float64Array.from(rows.flatMap((row) => row.map((logit, k) => logit + offsets[k]!))), TYPOLOGY_KEYS, 0.8).rows;
  const calibrated = (row: number[]) => softmax(row.map((logit, k) => logit + offsets[k]!), 0.8);
  const weight = (gateLogit: number) => photoWeight(1 / (1 + Math.exp(-gateLogit)));

  it("groups held-out photos by picture group and label, single photos included", () => {
    const report = caseCalibration(served, gateLogits, TYPOLOGY_KEYS, "linear");
    expect(report).toMatchObject({ cases: 5, multiPhotoCases: 1, photosPerCase: 1.2, fullLabelledCases: 4 });
    // five cases: a perfectly calibrated model's ECE on so few is large, and is reported beside it
    expect(report.typologyEceIfCalibrated).toBeGreaterThan(0.05);
    // the same photos as 40 times as many cases (other groups): a calibrated model's ECEs shrink
    const many = Array.from({ length: 40 }, (_, copy) => served.map((row) => ({ ...row, sample: { ...row.sample, id: `${row.sample.id}-${copy}`, ...(row.sample.group ? { group: `${row.sample.group}-${copy}` } : {}) } }))).flat();
    const larger = caseCalibration(many, Array.from({ length: 40 }, () => gateLogits).flat(), TYPOLOGY_KEYS, "linear");
    expect(larger.cases).toBe(200);
    expect(larger.typologyEceIfCalibrated!).toBeLessThan(report.typologyEceIfCalibrated! / 2);
    expect(larger.familyEceIfCalibrated).toBeLessThan(report.familyEceIfCalibrated / 2);
  });

  it("scores each case as served: prior offsets, temperature, no-firearm weights, then the pooling", () => {
    for (const aggregation of ["linear", "logarithmic"] as const) {
      const report = caseCalibration(served, gateLogits, TYPOLOGY_KEYS, aggregation);
      const g1 = poolProbabilities([{ probabilities: calibrated(rows[0]!), weight: weight(-4) }, { probabilities: calibrated(rows[1]!), weight: weight(1) }], aggregation);
      const single = (index: number) => calibrated(rows[index]!);
      const pistol = TYPOLOGY_KEYS.indexOf("pistolet_semi_auto_moderne");
      const handgunSet = [0, 1, 2, 3].reduce((sum, k) => sum + single(3)[k]!, 0);
      const expectedNll = -(Math.log(g1[0]!) + Math.log(single(2)[pistol]!) + Math.log(handgunSet) + Math.log(single(4)[TYPOLOGY_KEYS.indexOf("epaule_a_pompe")]!) + Math.log(single(5)[TYPOLOGY_KEYS.indexOf("epaule_a_verrou")]!)) / 5;
      expect(report.nll).toBeCloseTo(expectedNll, 4);
      // g2's pistol photo is called revolver; d2 (bolt) is called pump: 2 of 4 full-labelled cases right
      expect(report.typologyTop1).toBe(0.5);
      expect(report.familyAccuracy).toBe(1);
    }
  });

  it("pools differently when the photos of a case disagree", () => {
    const linear = caseCalibration(served, gateLogits, TYPOLOGY_KEYS, "linear");
    const logarithmic = caseCalibration(served, gateLogits, TYPOLOGY_KEYS, "logarithmic");
    expect(linear.nll).not.toBeCloseTo(logarithmic.nll, 4);
  });
});

describe("chooseCaseAggregation", () => {
  const report = (multiPhotoCases: number, nll: number): CaseCalibrationReport => ({ cases: 100, multiPhotoCases, photosPerCase: 1.5, fullLabelledCases: 80, typologyTop1: 0.9, typologyEce: 0.05, typologyEceIfCalibrated: 0.03, nll, familyAccuracy: 0.97, familyEce: 0.02, familyEceIfCalibrated: 0.01 });
  it.each([
    ["the lower held-out NLL wins: logarithmic", MIN_MULTI_PHOTO_CASES, 0.5, 0.4, "logarithmic"],
    ["the lower held-out NLL wins: linear", 200, 0.4, 0.5, "linear"],
    ["a tie keeps linear", 200, 0.4, 0.4, "linear"],
    ["too few cases of several photos to tell: linear", MIN_MULTI_PHOTO_CASES - 1, 0.5, 0.1, "linear"],
  ] as const)("%s", (_name, multi, linearNll, logarithmicNll, expected) => {
    expect(chooseCaseAggregation({ linear: report(multi, linearNll), logarithmic: report(multi, logarithmicNll) })).toBe(expected);
  });
});
