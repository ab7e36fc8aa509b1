import { TYPOLOGY_KEYS, type TypologyKey } from "@basegun/domain";
import { describe, expect, it } from "vitest";
import { perClassRows } from "../src/services/lifecycle/compare.ts";
import { computeEvaluationMetrics, type EvaluatedItem, type TierPolicy } from "../src/services/lifecycle/evaluation-metrics.ts";

const policy: TierPolicy = { thresholds: { medium: 0.6, high: 0.9 }, trainedTypologies: [...TYPOLOGY_KEYS], noFirearm: { threshold: 0.5 } };
const probs = (top: TypologyKey) => Object.fromEntries(TYPOLOGY_KEYS.map((key) => [key, key === top ? 0.9 : 0.1 / (TYPOLOGY_KEYS.length - 1)])) as Record<TypologyKey, number>;
const handguns = ["revolver", "pistolet_semi_auto_moderne", "autre_pistolet", "pistolet_mecanisme_ancien"];
const coarse = (top: TypologyKey): EvaluatedItem => ({ typology: null, labelSet: handguns, noFirearm: false, sourceLabel: "HandGun", probabilities: probs(top), noFirearmScore: 0.1 });
const exact = (typology: TypologyKey, top: TypologyKey): EvaluatedItem => ({ typology, labelSet: [], noFirearm: false, sourceLabel: typology, probabilities: probs(top), noFirearmScore: 0.1 });

describe("per-typology comparison rows on coarse labels", () => {
  it("lists only typologies with exact labels and counts the others", () => {
    const candidate = computeEvaluationMetrics([coarse("revolver"), coarse("autre_pistolet"), exact("revolver", "revolver"), exact("epaule_a_pompe", "revolver")], policy);
    const baseline = computeEvaluationMetrics([coarse("revolver"), coarse("revolver"), exact("revolver", "autre_pistolet"), exact("epaule_a_pompe", "epaule_a_pompe")], policy);
    const { perClass, perClassWithoutExactLabels } = perClassRows(candidate, baseline);
    expect(perClass.map((row) => row.typology).sort()).toEqual(["epaule_a_pompe", "revolver"]);
    expect(perClassWithoutExactLabels).toBe(TYPOLOGY_KEYS.length - 2);
    const revolver = perClass.find((row) => row.typology === "revolver")!;
    expect(revolver).toMatchObject({ support: 1, candidate: { recall: 1 }, baseline: { recall: 0 }, recallDelta: 1 });
  });

  it("lists no row when every label is coarse, and says how many typologies that leaves out", () => {
    const metrics = computeEvaluationMetrics([coarse("revolver"), coarse("autre_pistolet")], policy);
    expect(perClassRows(metrics, metrics)).toEqual({ perClass: [], perClassWithoutExactLabels: TYPOLOGY_KEYS.length });
  });

  it("without evaluations there is nothing to list", () => {
    expect(perClassRows(null, null)).toEqual({ perClass: [], perClassWithoutExactLabels: TYPOLOGY_KEYS.length });
  });
});
