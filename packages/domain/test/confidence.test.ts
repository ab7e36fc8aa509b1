import { describe, expect, it } from "vitest";
import {
  PROTOTYPE_TIER_THRESHOLDS,
  TYPOLOGY_KEYS,
  assessPrediction,
  confidencePercent,
  tierFor,
  tierMessage,
  type PredictionInput,
  type Tier,
  type TypologyKey,
} from "../src/index.ts";

const ALL_TRAINED = [...TYPOLOGY_KEYS];

function input(probabilities: Partial<Record<TypologyKey, number>>, extra: Partial<PredictionInput> = {}): PredictionInput {
  return { probabilities, thresholds: PROTOTYPE_TIER_THRESHOLDS, trainedTypologies: ALL_TRAINED, ...extra };
}

describe("tierFor", () => {
  it("uses the prototype thresholds 0.76 / 0.98", () => {
    expect(PROTOTYPE_TIER_THRESHOLDS).toEqual({ medium: 0.76, high: 0.98 });
  });

  it.each([
    [0, "low"],
    [0.5, "low"],
    [0.7599, "low"],
    [0.76, "medium"],
    [0.9, "medium"],
    [0.9799, "medium"],
    [0.98, "high"],
    [1, "high"],
  ] as [number, Tier][])("%s → %s (boundaries inclusive from below)", (confidence, tier) => {
    expect(tierFor(confidence, PROTOTYPE_TIER_THRESHOLDS)).toBe(tier);
  });

  it.each([[-0.01], [1.01], [Number.NaN], [Number.POSITIVE_INFINITY]])("rejects confidence %s", (confidence) => {
    expect(() => tierFor(confidence, PROTOTYPE_TIER_THRESHOLDS)).toThrow(RangeError);
  });

  it("rejects thresholds where medium exceeds high", () => {
    expect(() => tierFor(0.5, { medium: 0.9, high: 0.8 })).toThrow(RangeError);
  });

  it("follows a model's own thresholds", () => {
    expect(tierFor(0.6, { medium: 0.5, high: 0.7 })).toBe("medium");
  });
});

describe("tier messages", () => {
  it.each([
    ["low", 0.5, "Indice de fiabilité insuffisant", "Typologie non déterminée", /faire appel à un expert/],
    ["medium", 0.873, "Indice de fiabilité : 87 %", null, /expert pour confirmer/],
    ["high", 0.999, "Indice de fiabilité : 99 %", null, null],
  ] as const)("%s (%s)", (tier, confidence, tag, message, advice) => {
    const text = tierMessage(tier, confidence);
    expect(text.tag?.fr).toBe(tag);
    expect(text.message?.fr ?? null).toBe(message);
    if (advice) expect(text.advice?.fr).toMatch(advice);
    else expect(text.advice).toBeNull();
  });

  it.each([
    [0.29, 29],
    [0.979, 97],
    [0.98, 98],
    [1, 100],
  ])("floors %s to %s %%", (confidence, percent) => {
    expect(confidencePercent(confidence)).toBe(percent);
  });
});

describe("assessPrediction", () => {
  it("identifies a high-confidence typology and gives its category", () => {
    const assessment = assessPrediction(input({ pistolet_semi_auto_moderne: 0.99, revolver: 0.01 }));
    expect(assessment).toMatchObject({
      status: "identified",
      typology: "pistolet_semi_auto_moderne",
      confidence: 0.99,
      tier: "high",
      family: "handgun",
    });
    expect(assessment.category?.letters).toEqual(["B"]);
    expect(assessment.notice.intelligenceValue.fr).toContain("valeur de renseignement");
    expect(assessment.notice.advice).toBeNull();
  });

  it("identifies at medium confidence, with advice to confirm", () => {
    const assessment = assessPrediction(input({ epaule_a_pompe: 0.8, epaule_a_verrou: 0.2 }));
    expect(assessment.tier).toBe("medium");
    expect(assessment.category?.letters).toEqual(["B", "C"]);
    expect(assessment.notice.advice?.fr).toMatch(/confirmer/);
  });

  it("never gives a typology or a category at low confidence", () => {
    const assessment = assessPrediction(input({ revolver: 0.75, autre_pistolet: 0.25 }));
    expect(assessment).toMatchObject({ status: "not_determined", typology: null, category: null, tier: "low" });
    expect(assessment.notice.message?.fr).toBe("Typologie non déterminée");
    expect(assessment.topCandidates[0]).toEqual({ key: "revolver", probability: 0.75 });
  });

  it("keeps a typology the model was not trained on at low, whatever its probability", () => {
    const assessment = assessPrediction(input({ epaule_mecanisme_ancien: 0.99, revolver: 0.01 }, { trainedTypologies: ["revolver"] }));
    expect(assessment).toMatchObject({ tier: "low", typology: null, category: null, status: "not_determined" });
    expect(assessment.confidence).toBe(0.99);
  });

  it("passes the answers to the category", () => {
    const assessment = assessPrediction(input({ epaule_a_verrou: 1 }, { answers: { overallLengthCm: 100, barrelLengthCm: 60 } }));
    expect(assessment.category?.letters).toEqual(["C"]);
    expect(assessment.category?.thresholds).toBe("photo");
  });

  it("lists the top 3 candidates by probability, ties in catalogue order", () => {
    const assessment = assessPrediction(
      input({ epaule_a_pompe: 0.1, revolver: 0.4, epaule_a_verrou: 0.2, pistolet_semi_auto_moderne: 0.2, autre_pistolet: 0.1 }),
    );
    expect(assessment.topCandidates.map((candidate) => candidate.key)).toEqual([
      "revolver",
      "pistolet_semi_auto_moderne",
      "epaule_a_verrou",
    ]);
  });

  it("sums probabilities by family, even when the typology is undetermined", () => {
    const assessment = assessPrediction(input({ epaule_a_verrou: 0.4, revolver: 0.35, pistolet_semi_auto_moderne: 0.25 }));
    expect(assessment.family).toBe("handgun");
    expect(assessment.familyConfidence).toBeCloseTo(0.6);
    expect(assessment.typology).toBeNull();
  });

  it.each([
    [0.51, 0.5, "no_firearm"],
    [0.5, 0.5, "identified"],
    [0.2, 0.5, "identified"],
  ] as const)("no-firearm score %s against threshold %s → %s", (score, threshold, status) => {
    const assessment = assessPrediction(input({ revolver: 0.99, autre_pistolet: 0.01 }, { noFirearmScore: score, noFirearmThreshold: threshold }));
    expect(assessment.status).toBe(status);
    if (status === "no_firearm") {
      expect(assessment).toMatchObject({ typology: null, category: null, family: null, tier: "low" });
      expect(assessment.notice.message?.fr).toBe("Aucune arme détectée, reprenez la photo");
    }
  });

  it.each([
    ["NaN", { revolver: Number.NaN }],
    ["negative", { revolver: 1.2, autre_pistolet: -0.2 }],
    ["above 1", { revolver: 1.5 }],
    ["sum 0.9", { revolver: 0.5, autre_pistolet: 0.4 }],
    ["sum 1.1", { revolver: 0.6, autre_pistolet: 0.5 }],
    ["empty", {}],
    ["unknown key", { revolver: 0.5, arme_alarme: 0.5 } as Partial<Record<TypologyKey, number>>],
  ])("rejects %s probabilities", (_, probabilities) => {
    expect(() => assessPrediction(input(probabilities))).toThrow(RangeError);
  });

  it("accepts float32 rounding around 1", () => {
    expect(assessPrediction(input({ revolver: 0.9990001, autre_pistolet: 0.0010001 })).typology).toBe("revolver");
  });

  it("rejects a no-firearm score without its threshold, or out of range", () => {
    expect(() => assessPrediction(input({ revolver: 1 }, { noFirearmScore: 0.3 }))).toThrow(RangeError);
    expect(() => assessPrediction(input({ revolver: 1 }, { noFirearmScore: 2, noFirearmThreshold: 0.5 }))).toThrow(RangeError);
  });
});
