import { describe, expect, it } from "vitest";
import { REFERENCE_MODELS, findReferenceModels, isHistoricDesign, isTypologyKey, type TypologyKey } from "../src/index.ts";

describe("reference models catalogue", () => {
  it("holds the 138 rows of the starter CSV with valid typologies", () => {
    expect(REFERENCE_MODELS).toHaveLength(138);
    expect(REFERENCE_MODELS.every((model) => isTypologyKey(model.typology))).toBe(true);
    expect(new Set(REFERENCE_MODELS.map((model) => `${model.make}|${model.model}`)).size).toBe(138);
  });

  it.each([
    ["pistolet_semi_auto_moderne", 36],
    ["revolver", 20],
    ["semi_auto_style_militaire_autre", 15],
    ["epaule_a_verrou", 14],
    ["epaule_semi_auto_style_chasse", 11],
    ["epaule_a_pompe", 10],
    ["epaule_a_levier_sous_garde", 9],
    ["epaule_a_un_coup_par_canon", 9],
    ["epaule_semi_auto_style_militaire_milieu_20e", 7],
    ["autre_pistolet", 3],
    ["epaule_mecanisme_ancien", 3],
    ["pistolet_mecanisme_ancien", 1],
  ] as [TypologyKey, number][])("has %s × %s", (typology, count) => {
    expect(REFERENCE_MODELS.filter((model) => model.typology === typology)).toHaveLength(count);
  });

  it("keeps the first row and unknown design years as null", () => {
    expect(REFERENCE_MODELS[0]).toEqual({
      make: "Glock",
      model: "17",
      typology: "pistolet_semi_auto_moderne",
      designYear: 1982,
      typicalCalibres: "9x19",
      markingsHint: "GLOCK 17 AUSTRIA",
    });
    expect(REFERENCE_MODELS.find((model) => model.make === "Zoraki" && model.model === "925")?.designYear).toBeNull();
  });
});

describe("findReferenceModels", () => {
  it("finds a model by make and model, exact words first", () => {
    const [first] = findReferenceModels("glock 17");
    expect(first).toMatchObject({ make: "Glock", model: "17" });
  });

  it("matches word prefixes of 3+ characters but not inside numbers", () => {
    expect(findReferenceModels("winch").every((model) => model.make.startsWith("Winchester"))).toBe(true);
    expect(findReferenceModels("winch").length).toBeGreaterThan(2);
    expect(findReferenceModels("17").some((model) => model.model.includes("1777"))).toBe(false);
  });

  it("ignores accents and case", () => {
    expect(findReferenceModels("MODELE 1892").length).toBeGreaterThan(0);
  });

  it("filters by typology and limits", () => {
    const revolvers = findReferenceModels("colt", { typology: "revolver" });
    expect(revolvers.length).toBeGreaterThan(0);
    expect(revolvers.every((model) => model.typology === "revolver")).toBe(true);
    expect(findReferenceModels("colt", { limit: 1 })).toHaveLength(1);
  });

  it.each([[""], ["   "], ["--"], ["zzzz-unknown"]])("finds nothing for %j", (query) => {
    expect(findReferenceModels(query)).toEqual([]);
  });
});

describe("isHistoricDesign (designed before 1 January 1900)", () => {
  it.each([
    [1777, true],
    [1873, true],
    [1899, true],
    [1900, false],
    [1982, false],
    [null, false],
    [undefined, false],
  ])("%s → %s", (year, expected) => {
    expect(isHistoricDesign(year)).toBe(expected);
  });

  it("flags the catalogue's 19th-century designs", () => {
    const historic = REFERENCE_MODELS.filter((model) => isHistoricDesign(model.designYear));
    expect(historic.some((model) => model.make === "Colt" && model.model === "Single Action Army")).toBe(true);
    expect(historic.some((model) => model.make === "Luger")).toBe(false);
  });
});
