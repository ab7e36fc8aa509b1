import { describe, expect, it } from "vitest";
import {
  COARSE_LABELS,
  COARSE_LABEL_TYPOLOGIES,
  TYPOLOGIES,
  TYPOLOGY_KEYS,
  coarseLabelsOfTypology,
  isTypologyKey,
  typologiesOfFamily,
} from "../src/index.ts";

describe("typology catalogue", () => {
  it("lists the 12 keys in domain.md order", () => {
    expect(TYPOLOGY_KEYS).toEqual([
      "revolver",
      "pistolet_semi_auto_moderne",
      "autre_pistolet",
      "pistolet_mecanisme_ancien",
      "epaule_a_verrou",
      "epaule_a_levier_sous_garde",
      "epaule_a_pompe",
      "epaule_a_un_coup_par_canon",
      "epaule_semi_auto_style_chasse",
      "epaule_semi_auto_style_militaire_milieu_20e",
      "semi_auto_style_militaire_autre",
      "epaule_mecanisme_ancien",
    ]);
  });

  it.each(TYPOLOGY_KEYS)("%s is keyed by its own key and labelled in fr and en", (key) => {
    expect(TYPOLOGIES[key].key).toBe(key);
    expect(TYPOLOGIES[key].label.fr.length).toBeGreaterThan(0);
    expect(TYPOLOGIES[key].label.en.length).toBeGreaterThan(0);
  });

  it.each([
    ["revolver", "handgun", false, "bullets_or_bbs", "Revolver"],
    ["pistolet_semi_auto_moderne", "handgun", false, "cartridges_or_bbs", "Pistolet semi-automatique"],
    ["autre_pistolet", "handgun", false, null, "Pistolet divers"],
    ["pistolet_mecanisme_ancien", "handgun", false, null, "Pistolet à mécanisme ancien"],
    ["epaule_a_verrou", "long_gun", true, "bullets_or_bbs", "Arme d'épaule à verrou"],
    ["epaule_a_levier_sous_garde", "long_gun", true, "bullets_or_bbs", "Arme d'épaule à levier de sous-garde"],
    ["epaule_a_pompe", "long_gun", true, "cartridges_or_bbs", "Arme d'épaule à pompe"],
    ["epaule_a_un_coup_par_canon", "long_gun", true, null, "Arme d'épaule à un coup par canon"],
    ["epaule_semi_auto_style_chasse", "long_gun", true, "cartridges_or_bbs", "Arme d'épaule semi-automatique"],
    ["epaule_semi_auto_style_militaire_milieu_20e", "long_gun", false, "cartridges_or_bbs", "Arme d'épaule semi-automatique ou automatique (milieu XXe)"],
    ["semi_auto_style_militaire_autre", "long_gun", false, "cartridges_or_bbs", "Arme semi-automatique ou automatique"],
    ["epaule_mecanisme_ancien", "long_gun", false, null, "Arme d'épaule à mécanisme ancien"],
  ] as const)("%s: %s, lengths decide %s, ammunition %s", (key, family, lengths, ammunition, labelFr) => {
    expect(TYPOLOGIES[key]).toMatchObject({ family, lengthsDecideCategory: lengths, ammunitionQuestion: ammunition });
    expect(TYPOLOGIES[key].label.fr).toBe(labelFr);
  });

  it("splits families 4 handguns / 8 long guns, in catalogue order", () => {
    expect(typologiesOfFamily("handgun")).toEqual(TYPOLOGY_KEYS.slice(0, 4));
    expect(typologiesOfFamily("long_gun")).toEqual(TYPOLOGY_KEYS.slice(4));
  });

  it.each([
    ["revolver", true],
    ["epaule_mecanisme_ancien", true],
    ["arme_alarme", false],
    ["Revolver", false],
    ["", false],
    [undefined, false],
    [12, false],
    ["toString", false],
  ])("isTypologyKey(%j) is %s", (value, expected) => {
    expect(isTypologyKey(value)).toBe(expected);
  });
});

describe("coarse dataset labels", () => {
  it("maps HandGun to exactly the handgun typologies and SMG to the other military style", () => {
    expect([...COARSE_LABEL_TYPOLOGIES.HandGun].sort()).toEqual(typologiesOfFamily("handgun").sort());
    expect(COARSE_LABEL_TYPOLOGIES.SMG).toEqual(["semi_auto_style_militaire_autre"]);
  });

  it.each([
    ["Rifle", ["epaule_a_verrou", "epaule_a_levier_sous_garde", "epaule_semi_auto_style_chasse", "epaule_semi_auto_style_militaire_milieu_20e", "semi_auto_style_militaire_autre"], ["epaule_a_pompe", "revolver"]],
    ["ShotGun", ["epaule_a_pompe", "epaule_a_un_coup_par_canon", "epaule_semi_auto_style_chasse"], ["epaule_a_verrou", "semi_auto_style_militaire_autre"]],
  ] as const)("%s includes %j and excludes %j", (label, included, excluded) => {
    for (const key of included) expect(COARSE_LABEL_TYPOLOGIES[label]).toContain(key);
    for (const key of excluded) expect(COARSE_LABEL_TYPOLOGIES[label]).not.toContain(key);
  });

  it("uses valid keys, no duplicates, and covers every typology", () => {
    for (const label of COARSE_LABELS) {
      const keys = COARSE_LABEL_TYPOLOGIES[label];
      expect(keys.every(isTypologyKey)).toBe(true);
      expect(new Set(keys).size).toBe(keys.length);
    }
    for (const key of TYPOLOGY_KEYS) expect(coarseLabelsOfTypology(key).length).toBeGreaterThan(0);
  });

  it("inverts the mapping", () => {
    expect(coarseLabelsOfTypology("epaule_semi_auto_style_chasse")).toEqual(["Rifle", "ShotGun"]);
    expect(coarseLabelsOfTypology("revolver")).toEqual(["HandGun"]);
  });
});
