import { describe, expect, it } from "vitest";
import {
  CATEGORY_RULES,
  RULES_VERSION,
  TYPOLOGIES,
  TYPOLOGY_KEYS,
  categorize,
  type CategoryLetter,
  type CategoryRules,
  type IdentificationAnswers,
  type TypologyKey,
} from "../src/index.ts";

const LONG_PHOTO = { overallLengthCm: 100, barrelLengthCm: 60 } as const;

describe("categorize: typologies without lengths", () => {
  it.each([
    ["autre_pistolet", {}, ["A", "B", "D"]],
    ["pistolet_mecanisme_ancien", {}, ["D"]],
    ["epaule_mecanisme_ancien", {}, ["D"]],
    ["pistolet_semi_auto_moderne", {}, ["B"]],
    ["pistolet_semi_auto_moderne", { ammunition: "cartridges" }, ["B"]],
    ["revolver", {}, ["B", "D"]],
    ["epaule_semi_auto_style_militaire_milieu_20e", {}, ["A", "B"]],
    ["semi_auto_style_militaire_autre", {}, ["A", "B"]],
  ] as [TypologyKey, IdentificationAnswers, CategoryLetter[]][])("%s with %j → %j", (typology, answers, expected) => {
    expect(categorize(typology, answers).letters).toEqual(expected);
  });
});

describe("categorize: BBs (airsoft / replica) are never classified", () => {
  it.each(TYPOLOGY_KEYS)("%s firing BBs → not classified, titled as a replica", (typology) => {
    const result = categorize(typology, { ammunition: "bbs", markingsText: "ZORAKI 925", magazineCapacity: 40 });
    expect(result.letters).toEqual([]);
    expect(result.notClassified).toBe(true);
    expect(result.title.fr).toBe(`Arme factice de type ${TYPOLOGIES[typology].label.fr}`);
    expect(result.wording).toEqual([
      { letter: null, fr: "Non classée - Libre d'acquisition et de détention", en: "Not classified - Free to acquire and hold" },
    ]);
    expect(result.conditions).toEqual([]);
    expect(result.questions).toEqual([]);
  });

  it.each([["cartridges"], ["bullets"]] as const)("%s keep the weapon classified", (ammunition) => {
    expect(categorize("revolver", { ammunition }).notClassified).toBe(false);
  });
});

describe("categorize: alarm guns", () => {
  it.each([
    ["pistolet_semi_auto_moderne", { alarmGunModel: "zoraki-925" }, ["C"], "zoraki-925"],
    ["pistolet_semi_auto_moderne", { alarmGunModel: "Blow F92 Auto" }, ["C"], "blow-f92-auto"],
    ["pistolet_semi_auto_moderne", { markingsText: "ZORAKI MOD 925 CAL. 9mm P.A.K." }, ["C"], "zoraki-925"],
    ["pistolet_semi_auto_moderne", { markingsText: "9mm P.A.K." }, ["B"], null],
    ["pistolet_semi_auto_moderne", { markingsText: "" }, ["B"], null],
    ["pistolet_semi_auto_moderne", { alarmGunModel: "Glock 17" }, ["B"], null],
    ["revolver", { markingsText: "ZORAKI R2" }, ["C"], "zoraki-r2"],
    ["revolver", { alarmGunModel: "kimar-power-alarm", revolverMechanism: "swing_out" }, ["C"], "kimar-power-alarm"],
    // Black powder takes no cartridge: markings do not make it an alarm gun.
    ["revolver", { alarmGunModel: "zoraki-r2", revolverMechanism: "black_powder" }, ["D"], null],
    // Only pistols and revolvers can be alarm guns.
    ["epaule_a_pompe", { alarmGunModel: "zoraki-925", ...LONG_PHOTO }, ["C"], null],
    ["autre_pistolet", { alarmGunModel: "zoraki-925" }, ["A", "B", "D"], null],
  ] as [TypologyKey, IdentificationAnswers, CategoryLetter[], string | null][])(
    "%s with %j → %j (alarm gun %s)",
    (typology, answers, expected, alarmGunId) => {
      const result = categorize(typology, answers);
      expect(result.letters).toEqual(expected);
      expect(result.alarmGunId).toBe(alarmGunId);
    },
  );

  it("titles an alarm gun and warns about conversion", () => {
    const result = categorize("pistolet_semi_auto_moderne", { alarmGunModel: "kimar-911" });
    expect(result.title.fr).toBe("Arme d'alarme de type Pistolet semi-automatique");
    expect(result.conditions.map((condition) => condition.key)).toEqual(["alarm_gun_conversion"]);
    expect(result.conditions[0]?.fr).toMatch(/munitions létales/);
  });
});

describe("categorize: revolver mechanisms", () => {
  it.each([
    ["black_powder", ["D"]],
    ["swing_out", ["B"]],
    ["loading_gate_1873", ["B", "D"]],
    ["loading_gate_hinged", ["B"]],
    ["break_open_enfield", ["B", "D"]],
    ["break_open_old", ["B", "D"]],
    ["removable_axis", ["B"]],
    ["unknown", ["B", "D"]],
  ] as const)("%s → %j", (revolverMechanism, expected) => {
    expect(categorize("revolver", { revolverMechanism, markingsText: "" }).letters).toEqual(expected);
  });
});

describe("categorize: capacity, magazine, stock and bore conditions", () => {
  it.each([
    // Manual repeat (bolt, lever): ≤ 11 → C, 12..31 → B, > 31 → A.
    ["epaule_a_verrou", { ...LONG_PHOTO, magazineCapacity: 11 }, ["C"]],
    ["epaule_a_verrou", { ...LONG_PHOTO, magazineCapacity: 12 }, ["B"]],
    ["epaule_a_levier_sous_garde", { ...LONG_PHOTO, magazineCapacity: 31 }, ["B"]],
    ["epaule_a_levier_sous_garde", { ...LONG_PHOTO, magazineCapacity: 32 }, ["A"]],
    ["epaule_a_verrou", { magazineCapacity: 5 }, ["B", "C"]],
    ["epaule_a_verrou", { magazineCapacity: 12 }, ["B"]],
    ["epaule_a_verrou", { magazineCapacity: 32, overallLengthCm: 60 }, ["A"]],
    ["epaule_a_verrou", { overallLengthCm: 80, barrelLengthCm: 50, barrelBore: "rifled", magazineCapacity: 11 }, ["C"]],
    ["epaule_a_verrou", { overallLengthCm: 80, barrelLengthCm: 50, barrelBore: "rifled", magazineCapacity: 12 }, ["B"]],
    // Semi-automatic hunting: ≤ 3 → C, more → B, > 31 → A; a detachable magazine → B.
    ["epaule_semi_auto_style_chasse", { ...LONG_PHOTO, magazineCapacity: 3 }, ["C"]],
    ["epaule_semi_auto_style_chasse", { ...LONG_PHOTO, magazineCapacity: 4 }, ["B"]],
    ["epaule_semi_auto_style_chasse", { ...LONG_PHOTO, magazineCapacity: 32 }, ["A"]],
    ["epaule_semi_auto_style_chasse", { ...LONG_PHOTO, detachableMagazine: true }, ["B"]],
    ["epaule_semi_auto_style_chasse", { ...LONG_PHOTO, detachableMagazine: false, magazineCapacity: 2 }, ["C"]],
    ["epaule_semi_auto_style_chasse", { detachableMagazine: true }, ["B"]],
    // Pump: capacity > 5 or a stock that is not fixed → B; > 31 → A.
    ["epaule_a_pompe", { ...LONG_PHOTO, magazineCapacity: 5 }, ["C"]],
    ["epaule_a_pompe", { ...LONG_PHOTO, magazineCapacity: 6 }, ["B"]],
    ["epaule_a_pompe", { ...LONG_PHOTO, magazineCapacity: 32 }, ["A"]],
    ["epaule_a_pompe", { ...LONG_PHOTO, stockFixed: false }, ["B"]],
    ["epaule_a_pompe", { ...LONG_PHOTO, stockFixed: true, magazineCapacity: 4 }, ["C"]],
    ["epaule_a_pompe", { magazineCapacity: 6 }, ["B"]],
    // One shot per barrel has no magazine: capacity plays no part.
    ["epaule_a_un_coup_par_canon", { ...LONG_PHOTO, magazineCapacity: 40 }, ["C"]],
  ] as [TypologyKey, IdentificationAnswers, CategoryLetter[]][])("%s with %j → %j", (typology, answers, expected) => {
    expect(categorize(typology, answers).letters).toEqual(expected);
  });

  it.each([
    [{}, ["A", "B"]],
    [{ originallyAutomatic: true }, ["A"]],
    [{ foldingStockUnder60: true }, ["A"]],
    [{ magazineCapacity: 32 }, ["A"]],
    [{ magazineCapacity: 31 }, ["A", "B"]],
    [{ originallyAutomatic: false }, ["A", "B"]],
    [{ originallyAutomatic: false, foldingStockUnder60: false }, ["A", "B"]],
    [{ originallyAutomatic: false, foldingStockUnder60: false, magazineCapacity: 30 }, ["B"]],
    [{ originallyAutomatic: false, foldingStockUnder60: false, magazineCapacity: 31 }, ["B"]],
    [{ originallyAutomatic: false, foldingStockUnder60: true, magazineCapacity: 10 }, ["A"]],
  ] as [IdentificationAnswers, CategoryLetter[]][])("military styles with %j → %j", (answers, expected) => {
    expect(categorize("semi_auto_style_militaire_autre", answers).letters).toEqual(expected);
    expect(categorize("epaule_semi_auto_style_militaire_milieu_20e", answers).letters).toEqual(expected);
  });
});

describe("categorize: input validation", () => {
  it.each([
    [{ overallLengthCm: -1 }],
    [{ overallLengthCm: 0 }],
    [{ barrelLengthCm: Number.NaN }],
    [{ barrelLengthCm: Number.POSITIVE_INFINITY }],
    [{ magazineCapacity: 2.5 }],
    [{ magazineCapacity: -1 }],
  ] as [IdentificationAnswers][])("rejects %j", (answers) => {
    expect(() => categorize("epaule_a_verrou", answers)).toThrow(RangeError);
  });
});

describe("rules are versioned data", () => {
  it("stamps every result with the rules version", () => {
    expect(RULES_VERSION).toBe("fr-2024-07.1");
    for (const typology of TYPOLOGY_KEYS) expect(categorize(typology).rulesVersion).toBe(RULES_VERSION);
  });

  it("changes a result by changing the data only (alarm guns back in D, 80 cm photo margin)", () => {
    const before2024: CategoryRules = structuredClone(CATEGORY_RULES);
    before2024.version = "fr-2023.1";
    const pistolRule = before2024.typologies.pistolet_semi_auto_moderne;
    if (pistolRule.kind !== "alarm_capable_pistol") throw new Error("unexpected rule kind");
    pistolRule.alarmGunLetters = ["D"];
    before2024.lengths.photo.common.overall = { shortUpToCm: 80, shortInclusive: false, longAboveCm: 80 };

    const alarm = categorize("pistolet_semi_auto_moderne", { alarmGunModel: "zoraki-925" }, before2024);
    expect(alarm.letters).toEqual(["D"]);
    expect(alarm.rulesVersion).toBe("fr-2023.1");
    expect(categorize("epaule_a_verrou", { overallLengthCm: 78, barrelLengthCm: 60 }, before2024).letters).toEqual(["B"]);
    // The shipped rules are untouched.
    expect(categorize("epaule_a_verrou", { overallLengthCm: 78, barrelLengthCm: 60 }).letters).toEqual(["C"]);
  });
});
