import { TYPOLOGY_KEYS, type TypologyKey } from "@basegun/domain";
import { describe, expect, it } from "vitest";
import { DRIFT_RULES, driftWarnings, totalVariation, type LiveWeek } from "../src/services/lifecycle/drift.ts";
import { computeEvaluationMetrics, type EvaluatedItem, type TierPolicy } from "../src/services/lifecycle/evaluation-metrics.ts";
import { importSplitKey, splitOfKey } from "../src/services/lifecycle/split-rule.ts";

const policy: TierPolicy = { thresholds: { medium: 0.6, high: 0.9 }, trainedTypologies: ["revolver", "epaule_a_pompe"], noFirearm: { threshold: 0.5 } };

/** A distribution with `top` at p and the rest spread evenly. */
function probs(top: TypologyKey, p: number): Record<TypologyKey, number> {
  const rest = (1 - p) / (TYPOLOGY_KEYS.length - 1);
  return Object.fromEntries(TYPOLOGY_KEYS.map((key) => [key, key === top ? p : rest])) as Record<TypologyKey, number>;
}
const item = (label: Partial<EvaluatedItem>, top: TypologyKey, p: number, gate = 0.1): EvaluatedItem => ({
  typology: null, labelSet: [], noFirearm: false, sourceLabel: "x", ...label, probabilities: probs(top, p), noFirearmScore: gate,
});

describe("evaluation metrics", () => {
  const items: EvaluatedItem[] = [
    item({ typology: "revolver", sourceLabel: "revolver" }, "revolver", 0.95), // high, right
    item({ typology: "revolver", sourceLabel: "revolver" }, "epaule_a_pompe", 0.7), // medium, wrong
    item({ typology: "epaule_a_pompe", sourceLabel: "epaule_a_pompe" }, "epaule_a_pompe", 0.3), // low, right
    item({ labelSet: ["revolver", "pistolet_semi_auto_moderne"], sourceLabel: "HandGun" }, "pistolet_semi_auto_moderne", 0.95), // untrained top: low
    item({ noFirearm: true, sourceLabel: "no_firearm" }, "revolver", 0.4, 0.9), // flagged negative
  ];
  const m = computeEvaluationMetrics(items, policy);

  it.each([
    ["top-1 on exact labels", m.top1Accuracy, 2 / 3],
    ["in-label on weapons", m.inLabelAccuracy, 3 / 4],
    ["family on weapons", m.familyAccuracy, 3 / 4],
    ["revolver recall", m.perClass.revolver.recall, 1 / 2],
    ["pump precision", m.perClass.epaule_a_pompe.precision, 1 / 2],
    ["high coverage", m.tiers.high.coverage, 1 / 4],
    ["high precision", m.tiers.high.precision, 1],
    ["medium precision", m.tiers.medium.precision, 0],
    ["low-tier share of every photo", m.lowTierRate, 3 / 5],
    ["negatives flagged", m.noFirearmGate.negativesFlagged, 1],
    ["weapons flagged", m.noFirearmGate.weaponsFlagged, 0],
  ])("%s", (_name, actual, expected) => {
    expect(actual).toBeCloseTo(expected, 5);
  });

  it("puts each photo in the confusion row of its label and the column of the answer", () => {
    const row = (label: string) => m.confusion.rows.find((r) => r.label === label)!.counts;
    expect(row("revolver")[TYPOLOGY_KEYS.indexOf("epaule_a_pompe")]).toBe(1);
    expect(row("HandGun")[TYPOLOGY_KEYS.indexOf("pistolet_semi_auto_moderne")]).toBe(1);
    expect(row("no_firearm")[m.confusion.columns.indexOf("no_firearm")]).toBe(1);
    expect(m.confusion.rows.reduce((total, r) => total + r.counts.reduce((a, b) => a + b, 0), 0)).toBe(items.length);
  });

  it("bins calibration and sums shares to one", () => {
    expect(m.calibration.bins.reduce((total, bin) => total + bin.count, 0)).toBe(4);
    expect(m.calibration.ece).toBeGreaterThan(0);
    expect(m.confidenceHistogram.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(Object.values(m.classMix).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });
});

describe("ties are shown as ties", () => {
  // four handgun typologies at 25 % each: the model did not choose between them
  const tie = Object.fromEntries(TYPOLOGY_KEYS.map((key) => [key, 0])) as Record<TypologyKey, number>;
  for (const key of ["revolver", "pistolet_semi_auto_moderne", "autre_pistolet", "pistolet_mecanisme_ancien"] as const) tie[key] = 0.25;
  const handgunLabel = { labelSet: ["revolver", "pistolet_semi_auto_moderne", "autre_pistolet", "pistolet_mecanisme_ancien"], sourceLabel: "HandGun" };
  const m = computeEvaluationMetrics(
    [
      { typology: null, noFirearm: false, ...handgunLabel, probabilities: tie, noFirearmScore: 0.1 },
      { typology: "revolver", labelSet: [], noFirearm: false, sourceLabel: "revolver", probabilities: tie, noFirearmScore: 0.1 },
    ],
    policy,
  );
  const row = (label: string) => m.confusion.rows.find((r) => r.label === label)!.counts;

  it("a four-way tie lands in the tie column, never in the catalogue's first member", () => {
    expect(row("HandGun")[m.confusion.columns.indexOf("ex_aequo")]).toBe(1);
    expect(row("HandGun")[m.confusion.columns.indexOf("revolver")]).toBe(0);
    expect(row("revolver")[m.confusion.columns.indexOf("ex_aequo")]).toBe(1);
  });

  it("a tie inside the label is right for the label and the family, and no exact answer", () => {
    expect(m.inLabelAccuracy).toBeCloseTo(1 / 2, 5); // the HandGun tie is inside its label; the revolver tie is not exact
    expect(m.familyAccuracy).toBeCloseTo(1, 5);
    expect(m.top1Accuracy).toBe(0);
    expect(m.counts.exact).toBe(1);
    expect(m.perClass.revolver.predicted).toBe(0);
  });

  it("the class mix counts a tie as a tie (the bucket live monitoring uses too)", () => {
    expect(m.classMix).toEqual({ ex_aequo: 1 });
  });
});

describe("drift warnings against the version's evaluation", () => {
  const reference = computeEvaluationMetrics([item({ typology: "revolver" }, "revolver", 0.95), item({ typology: "revolver" }, "revolver", 0.3)], policy);
  const week = (overrides: Partial<LiveWeek>): LiveWeek => ({
    predictions: 100,
    classMix: { revolver: 1 },
    lowTierRate: reference.lowTierRate,
    meanConfidence: reference.meanConfidence,
    expertAgreement: { labels: 0, agreeing: 0, rate: null },
    ...overrides,
  });
  it.each([
    ["live traffic like the evaluation", week({}), []],
    ["a class mix far from it", week({ classMix: { epaule_a_pompe: 0.8, revolver: 0.2 } }), ["classMix"]],
    ["low tier just inside tolerance", week({ lowTierRate: reference.lowTierRate! + DRIFT_RULES.lowTierRate - 0.01 }), []],
    ["low tier just outside tolerance", week({ lowTierRate: reference.lowTierRate! + DRIFT_RULES.lowTierRate + 0.01 }), ["lowTierRate"]],
    ["confidence collapsed", week({ meanConfidence: 0.2 }), ["meanConfidence"]],
    ["too few predictions to judge", week({ predictions: DRIFT_RULES.minPredictions - 1, classMix: { epaule_a_pompe: 1 }, meanConfidence: 0 }), []],
    ["experts disagree", week({ expertAgreement: { labels: 20, agreeing: 5, rate: 0.25 } }), ["expertAgreement"]],
    ["too few expert labels", week({ expertAgreement: { labels: 5, agreeing: 0, rate: 0 } }), []],
  ])("%s", (_name, live, metrics) => {
    expect(driftWarnings(live, reference).map((w) => w.metric)).toEqual(metrics);
  });
  it("never warns without a reference evaluation", () => {
    expect(driftWarnings(week({ classMix: { autre_pistolet: 1 } }), null)).toEqual([]);
  });
  it("measures class mix distance as total variation", () => {
    expect(totalVariation({ a: 1 }, { b: 1 })).toBe(1);
    expect(totalVariation({ a: 0.5, b: 0.5 }, { a: 0.5, b: 0.5 })).toBe(0);
  });
});

describe("split rule", () => {
  it("is a pure function of the group: same group, same split, whatever else exists", () => {
    const key = importSplitKey("weapons-coarse", "group-17");
    expect(splitOfKey(key)).toBe(splitOfKey(importSplitKey("weapons-coarse", "group-17")));
    const splits = Array.from({ length: 2000 }, (_, i) => splitOfKey(importSplitKey("n", `g${i}`)));
    const share = (s: string) => splits.filter((x) => x === s).length / splits.length;
    expect(share("train")).toBeGreaterThan(0.65);
    expect(share("train")).toBeLessThan(0.75);
    expect(share("test")).toBeGreaterThan(0.12);
    expect(share("test")).toBeLessThan(0.18);
  });
});
