import { describe, expect, it } from "vitest";
import { categorize, type IdentificationAnswers, type QuestionKey, type TypologyKey } from "../src/index.ts";

const keysOf = (items: { key: string }[]) => items.map((item) => item.key);

describe("category wording and title", () => {
  it("words every letter as the French UI does", () => {
    expect(categorize("autre_pistolet").wording.map((wording) => wording.fr)).toEqual([
      "A - Interdite",
      "B - Soumise à autorisation",
      "D - Libre d'acquisition et de détention",
    ]);
    expect(categorize("epaule_a_verrou").wording).toEqual([
      { letter: "B", fr: "B - Soumise à autorisation", en: "B - Subject to authorisation" },
      { letter: "C", fr: "C - Soumise à déclaration", en: "C - Subject to declaration" },
    ]);
  });

  it("titles a firearm with its typology label", () => {
    expect(categorize("epaule_a_pompe").title).toEqual({ fr: "Arme d'épaule à pompe", en: "Pump-action long gun" });
  });
});

describe("open questions: only those whose answer can still change the category", () => {
  it.each([
    // The bore alone cannot settle unknown lengths: it is asked once the lengths fall in between.
    ["epaule_a_verrou", {}, ["ammunition", "lengths", "magazineCapacity"]],
    // Already short (B): only the ammunition and a capacity over 31 (A) can still move it.
    ["epaule_a_verrou", { overallLengthCm: 70 }, ["ammunition", "magazineCapacity"]],
    ["epaule_a_verrou", { ammunition: "bullets", overallLengthCm: 100, barrelLengthCm: 60, magazineCapacity: 5 }, []],
    ["epaule_a_verrou", { ammunition: "bullets", overallLengthCm: 80, barrelLengthCm: 50 }, ["barrelBore", "magazineCapacity"]],
    ["epaule_semi_auto_style_chasse", { ammunition: "cartridges", overallLengthCm: 100, barrelLengthCm: 60 }, ["magazineCapacity", "detachableMagazine"]],
    ["epaule_a_pompe", { ammunition: "cartridges", overallLengthCm: 100, barrelLengthCm: 60 }, ["magazineCapacity", "stockFixed"]],
    // Bore plays no part in the pump and one-shot rules.
    ["epaule_a_pompe", { ammunition: "cartridges" }, ["lengths", "magazineCapacity", "stockFixed"]],
    ["epaule_a_un_coup_par_canon", {}, ["lengths"]],
    ["epaule_a_un_coup_par_canon", { overallLengthCm: 100, barrelLengthCm: 60 }, []],
    ["pistolet_semi_auto_moderne", {}, ["ammunition", "markings"]],
    ["pistolet_semi_auto_moderne", { ammunition: "cartridges", markingsText: "" }, []],
    ["revolver", {}, ["ammunition", "revolverMechanism", "markings"]],
    ["revolver", { revolverMechanism: "black_powder" }, ["ammunition"]],
    ["revolver", { ammunition: "bullets", markingsText: "ZORAKI R2" }, []],
    ["semi_auto_style_militaire_autre", {}, ["ammunition", "originallyAutomatic", "foldingStockUnder60", "magazineCapacity"]],
    ["semi_auto_style_militaire_autre", { ammunition: "cartridges", originallyAutomatic: true }, []],
    ["semi_auto_style_militaire_autre", { ammunition: "cartridges", originallyAutomatic: false, foldingStockUnder60: false }, ["magazineCapacity"]],
    ["autre_pistolet", {}, []],
    ["pistolet_mecanisme_ancien", {}, []],
    ["epaule_mecanisme_ancien", {}, []],
  ] as [TypologyKey, IdentificationAnswers, QuestionKey[]][])("%s with %j asks %j", (typology, answers, expected) => {
    expect(keysOf(categorize(typology, answers).questions)).toEqual(expected);
  });

  it("offers options worded for the typology's ammunition question", () => {
    const revolverQuestion = categorize("revolver").questions.find((question) => question.key === "ammunition");
    expect(revolverQuestion?.options?.map((option) => [option.value, option.fr])).toEqual([
      ["bullets", "Balles"],
      ["bbs", "Billes ou trou pour billes"],
    ]);
    const pistolQuestion = categorize("pistolet_semi_auto_moderne").questions.find((question) => question.key === "ammunition");
    expect(pistolQuestion?.options?.map((option) => option.value)).toEqual(["cartridges", "bbs"]);
  });

  it("lists every revolver mechanism as an option", () => {
    const question = categorize("revolver").questions.find((item) => item.key === "revolverMechanism");
    expect(question?.options?.map((option) => option.value)).toEqual([
      "black_powder",
      "swing_out",
      "loading_gate_1873",
      "loading_gate_hinged",
      "break_open_enfield",
      "break_open_old",
      "removable_axis",
      "unknown",
    ]);
  });
});

describe("conditions shown under the category", () => {
  it.each([
    ["epaule_a_verrou", {}, ["manual_repeat_bore", "manual_repeat_capacity"]],
    ["epaule_a_verrou", { overallLengthCm: 100, barrelLengthCm: 60 }, ["manual_repeat_capacity"]],
    ["epaule_a_verrou", { overallLengthCm: 100, barrelLengthCm: 60, magazineCapacity: 5 }, []],
    ["epaule_a_levier_sous_garde", { overallLengthCm: 80, barrelLengthCm: 50 }, ["manual_repeat_bore", "manual_repeat_capacity"]],
    ["epaule_a_pompe", { overallLengthCm: 100, barrelLengthCm: 60 }, ["pump_capacity_stock"]],
    ["epaule_semi_auto_style_chasse", { overallLengthCm: 100, barrelLengthCm: 60 }, ["semi_auto_capacity"]],
    ["epaule_semi_auto_style_chasse", { overallLengthCm: 80, barrelLengthCm: 50 }, ["semi_auto_capacity", "semi_auto_bore"]],
    ["epaule_a_un_coup_par_canon", {}, ["one_shot_short_firearm"]],
    ["semi_auto_style_militaire_autre", {}, ["military_prohibited"]],
    ["semi_auto_style_militaire_autre", { originallyAutomatic: true }, []],
    ["pistolet_semi_auto_moderne", {}, ["alarm_gun_reference_list"]],
    ["pistolet_semi_auto_moderne", { markingsText: "" }, []],
    ["revolver", {}, ["revolver_mechanism", "alarm_gun_reference_list"]],
    ["autre_pistolet", {}, ["other_pistol_expert"]],
    ["epaule_mecanisme_ancien", {}, []],
  ] as [TypologyKey, IdentificationAnswers, string[]][])("%s with %j shows %j", (typology, answers, expected) => {
    expect(keysOf(categorize(typology, answers).conditions)).toEqual(expected);
  });

  it("words the pump condition from the law", () => {
    const [condition] = categorize("epaule_a_pompe", { overallLengthCm: 100, barrelLengthCm: 60 }).conditions;
    expect(condition?.fr).toContain("dépasse 5 cartouches");
    expect(condition?.fr).toContain("crosse n'est pas fixe");
  });
});
