import { describe, expect, it } from "vitest";
import {
  ExpertCategoryError,
  TYPOLOGY_KEYS,
  TYPOLOGY_SHORTCUTS,
  decideExpertCategory,
  expertQuestions,
  normalizeSearchText,
  rankCandidates,
  searchTypologies,
  type ExpertCategoryInput,
  type TypologyKey,
} from "../src/index.ts";

describe("searchTypologies", () => {
  it.each<[string, TypologyKey[]]>([
    ["Arme d'épaule semi", ["epaule_semi_auto_style_chasse", "epaule_semi_auto_style_militaire_milieu_20e"]],
    ["arme d epaule semi", ["epaule_semi_auto_style_chasse", "epaule_semi_auto_style_militaire_milieu_20e"]],
    ["ARME D’ÉPAULE SEMI", ["epaule_semi_auto_style_chasse", "epaule_semi_auto_style_militaire_milieu_20e"]],
    ["semi chasse", ["epaule_semi_auto_style_chasse"]],
    ["verrou", ["epaule_a_verrou"]],
    ["pompe", ["epaule_a_pompe"]],
    ["ancien", ["pistolet_mecanisme_ancien", "epaule_mecanisme_ancien"]],
    ["mecanisme ancien pistolet", ["pistolet_mecanisme_ancien"]],
    ["XXe", ["epaule_semi_auto_style_militaire_milieu_20e"]],
    ["pump", ["epaule_a_pompe"]],
    ["bolt action", ["epaule_a_verrou"]],
    ["bazooka", []],
    ["épaule zzz", []],
  ])("%s → %j", (query, expected) => {
    expect(searchTypologies(query)).toEqual(expected);
  });

  it("does not find the bolt action for 'Arme d'épaule semi' (the bug of the plain select)", () => {
    expect(searchTypologies("Arme d'épaule semi")).not.toContain("epaule_a_verrou");
  });

  it("an empty query lists all twelve in catalogue order", () => {
    expect(searchTypologies("  ")).toEqual([...TYPOLOGY_KEYS]);
  });

  it("each typology has its own one-letter key, and typing it alone puts that typology first", () => {
    const keys = Object.values(TYPOLOGY_SHORTCUTS);
    expect(new Set(keys).size).toBe(TYPOLOGY_KEYS.length);
    for (const key of keys) expect(key).toMatch(/^[a-z]$/);
    for (const typology of TYPOLOGY_KEYS) {
      expect(searchTypologies(TYPOLOGY_SHORTCUTS[typology])[0]).toBe(typology);
      expect(searchTypologies(TYPOLOGY_SHORTCUTS[typology].toUpperCase())[0]).toBe(typology);
    }
  });

  it("normalizes accents, case and apostrophes", () => {
    expect(normalizeSearchText("Arme d'Épaule à levier")).toBe("arme d epaule a levier");
    expect(normalizeSearchText("d’épaule")).toBe("d epaule");
  });
});

describe("rankCandidates", () => {
  it.each<[string, Record<string, number>, Array<[string, number]>]>([
    ["distinct", { revolver: 0.5, epaule_a_pompe: 0.3, epaule_a_verrou: 0.15, autre_pistolet: 0.05 }, [["revolver", 1], ["epaule_a_pompe", 2], ["epaule_a_verrou", 3]]],
    [
      "four-way tie: all four rank 1, in catalogue order",
      { revolver: 0.25, autre_pistolet: 0.25, pistolet_semi_auto_moderne: 0.25, pistolet_mecanisme_ancien: 0.25 },
      [["revolver", 1], ["pistolet_semi_auto_moderne", 1], ["autre_pistolet", 1], ["pistolet_mecanisme_ancien", 1]],
    ],
    ["tie on second place", { epaule_a_pompe: 0.4, revolver: 0.2, autre_pistolet: 0.2, epaule_a_verrou: 0.1 }, [["epaule_a_pompe", 1], ["revolver", 2], ["autre_pistolet", 2], ["epaule_a_verrou", 4]].slice(0, 3) as Array<[string, number]>],
    ["tie on third place brings both", { epaule_a_pompe: 0.5, revolver: 0.3, autre_pistolet: 0.1, epaule_a_verrou: 0.1 }, [["epaule_a_pompe", 1], ["revolver", 2], ["autre_pistolet", 3], ["epaule_a_verrou", 3]]],
    ["unknown keys and NaN ignored", { bazooka: 0.9, revolver: 0.1, epaule_a_pompe: Number.NaN }, [["revolver", 1]]],
    ["floats a rounding apart are a tie", { revolver: 0.1 + 0.2, epaule_a_pompe: 0.3 }, [["revolver", 1], ["epaule_a_pompe", 1]]],
  ])("%s", (_name, probabilities, expected) => {
    expect(rankCandidates(probabilities).map((c) => [c.key, c.rank])).toEqual(expected);
  });
});

describe("decideExpertCategory", () => {
  const cases: Array<[string, ExpertCategoryInput, { letters: string[]; notClassified?: boolean; overridden?: boolean }]> = [
    ["antique pistol: rules decide D with no answer", { typology: "pistolet_mecanisme_ancien", answers: {} }, { letters: ["D"] }],
    ["antique long gun: D", { typology: "epaule_mecanisme_ancien", answers: {} }, { letters: ["D"] }],
    ["bolt action without lengths: B or C", { typology: "epaule_a_verrou", answers: {} }, { letters: ["B", "C"] }],
    ["bolt action, measured long and rifled: C", { typology: "epaule_a_verrou", answers: { overallLengthCm: 110, barrelLengthCm: 61, lengthSource: "measured", barrelBore: "rifled", magazineCapacity: 5 } }, { letters: ["C"] }],
    ["bolt action, capacity 12: B", { typology: "epaule_a_verrou", answers: { overallLengthCm: 110, barrelLengthCm: 61, lengthSource: "measured", barrelBore: "rifled", magazineCapacity: 12 } }, { letters: ["B"] }],
    ["pump, stock not fixed: B", { typology: "epaule_a_pompe", answers: { overallLengthCm: 110, barrelLengthCm: 70, lengthSource: "measured", stockFixed: false } }, { letters: ["B"] }],
    ["semi-auto hunting, detachable magazine: B", { typology: "epaule_semi_auto_style_chasse", answers: { overallLengthCm: 110, barrelLengthCm: 70, lengthSource: "measured", detachableMagazine: true } }, { letters: ["B"] }],
    ["military, originally automatic: A", { typology: "semi_auto_style_militaire_autre", answers: { originallyAutomatic: true } }, { letters: ["A"] }],
    ["revolver, black powder: D", { typology: "revolver", answers: { revolverMechanism: "black_powder" } }, { letters: ["D"] }],
    ["revolver firing BBs: not classified, through the explicit answer", { typology: "revolver", answers: { ammunition: "bbs" } }, { letters: [], notClassified: true }],
    ["pistol, reference alarm gun: C", { typology: "pistolet_semi_auto_moderne", answers: { alarmGunModel: "zoraki-925" } }, { letters: ["C"] }],
    ["override with explanation", { typology: "epaule_a_verrou", answers: {}, override: { letters: ["A"], explanation: "Arme de guerre modifiée" } }, { letters: ["A"], overridden: true }],
    ["override equal to the rules is no override", { typology: "pistolet_mecanisme_ancien", answers: {}, override: { letters: ["D"], explanation: "" } }, { letters: ["D"], overridden: false }],
    ["override of a BB answer, explained", { typology: "revolver", answers: { ammunition: "bbs" }, override: { letters: ["B"], explanation: "Billes d'acier : arme à air de forte puissance" } }, { letters: ["B"], overridden: true }],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    const decided = decideExpertCategory(input);
    expect(decided.letters).toEqual(expected.letters);
    expect(decided.notClassified).toBe(expected.notClassified ?? false);
    expect(decided.overridden).toBe(expected.overridden ?? false);
    if (decided.overridden) expect(decided.explanation).toBe(input.override!.explanation.trim());
    else expect(decided.explanation).toBeNull();
  });

  it.each<[string, ExpertCategoryInput, string]>([
    ["override without explanation", { typology: "epaule_a_verrou", answers: {}, override: { letters: ["A"], explanation: "   " } }, "overrideNeedsExplanation"],
    ["override to no letter ('not classified' by hand)", { typology: "revolver", answers: {}, override: { letters: [], explanation: "réplique" } }, "overrideNeedsLetters"],
  ])("refuses %s", (_name, input, problem) => {
    const error = (() => {
      try {
        decideExpertCategory(input);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ExpertCategoryError);
    expect((error as ExpertCategoryError).problem).toBe(problem);
  });

  it("never records 'not classified' without the BB answer, whatever the typology", () => {
    for (const typology of TYPOLOGY_KEYS) {
      for (const answers of [{}, { ammunition: "cartridges" as const }, { ammunition: "bullets" as const }]) {
        expect(decideExpertCategory({ typology, answers }).notClassified).toBe(false);
      }
    }
  });

  it("asks the expert every question the typology's rule reads, answered or not", () => {
    expect(expertQuestions("epaule_a_pompe").map((q) => q.key)).toEqual(["ammunition", "lengths", "barrelBore", "magazineCapacity", "stockFixed"]);
    expect(expertQuestions("pistolet_mecanisme_ancien").map((q) => q.key)).toEqual([]);
    expect(expertQuestions("revolver").map((q) => q.key)).toEqual(["ammunition", "revolverMechanism", "markings"]);
  });
});
