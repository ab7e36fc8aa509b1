import { describe, expect, it } from "vitest";
import {
  GENERAL_SECURING_RULES,
  NO_SECURING_GUIDE_MESSAGE,
  PHOTO_GUIDANCE,
  REFERENCE_CARD_MM,
  REVOLVER_MECHANISMS,
  SECURING_GUIDES,
  TYPOLOGY_KEYS,
  categorize,
  photoGuidanceFor,
  securingGuidanceFor,
  type LocalizedText,
  type SecuringGuide,
} from "../src/index.ts";

const WITHOUT_GUIDE = [
  "pistolet_mecanisme_ancien",
  "epaule_semi_auto_style_chasse",
  "epaule_semi_auto_style_militaire_milieu_20e",
  "epaule_mecanisme_ancien",
] as const;

const guides = TYPOLOGY_KEYS.map((key) => SECURING_GUIDES[key]).filter((guide): guide is SecuringGuide => guide !== null);

function allTexts(guide: SecuringGuide): LocalizedText[] {
  return [
    ...(guide.question ? [guide.question] : []),
    ...guide.variants.flatMap((variant) => [variant.option, variant.recognise, ...variant.steps, ...variant.warnings]),
  ];
}

describe("photo guidance", () => {
  it("gives the rules for every weapon and the card only for long guns", () => {
    expect(photoGuidanceFor("handgun").map((item) => item.key)).toEqual(["single_weapon", "whole_centred", "barrel_right"]);
    expect(photoGuidanceFor("long_gun").map((item) => item.key)).toEqual(PHOTO_GUIDANCE.map((item) => item.key));
    expect(photoGuidanceFor(null)).toHaveLength(PHOTO_GUIDANCE.length);
  });

  it("sizes the reference card as a bank card", () => {
    expect(REFERENCE_CARD_MM).toEqual({ width: 85.6, height: 53.98 });
    expect(PHOTO_GUIDANCE.find((item) => item.key === "reference_card")?.fr).toContain("85,6 × 53,98 mm");
  });
});

describe("securing guides", () => {
  it("has the four general rules", () => {
    expect(GENERAL_SECURING_RULES.map((rule) => rule.fr)).toEqual([
      "Considérez toujours l'arme comme chargée.",
      "Dirigez toujours le canon vers une direction sans danger.",
      "Gardez le doigt hors du pontet.",
      "En cas de doute, arrêtez et faites appel à un expert.",
    ]);
  });

  it.each(TYPOLOGY_KEYS)("%s: a guide, or the call-an-expert message", (typology) => {
    const guidance = securingGuidanceFor(typology);
    if ((WITHOUT_GUIDE as readonly string[]).includes(typology)) {
      expect(guidance).toEqual({ guide: null, message: NO_SECURING_GUIDE_MESSAGE });
      expect(guidance.message?.fr).toMatch(/faites appel à un expert/i);
    } else {
      expect(guidance.guide?.typology).toBe(typology);
      expect(guidance.message).toBeNull();
    }
  });

  it.each(guides.map((guide) => [guide.typology, guide] as const))("%s: every variant is complete", (_, guide) => {
    expect(guide.variants.length).toBeGreaterThan(0);
    expect(guide.question === null).toBe(guide.variants.length === 1);
    expect(new Set(guide.variants.map((variant) => variant.key)).size).toBe(guide.variants.length);
    for (const variant of guide.variants) expect(variant.steps.length).toBeGreaterThanOrEqual(3);
    for (const text of allTexts(guide)) {
      expect(text.fr.trim().length).toBeGreaterThan(0);
      expect(text.en.trim().length).toBeGreaterThan(0);
    }
  });

  it.each(guides.map((guide) => [guide.typology, guide] as const))("%s: never speaks of traces or evidence", (_, guide) => {
    for (const text of allTexts(guide)) {
      expect(`${text.fr} ${text.en}`).not.toMatch(/trace|preuve|empreinte|scellé|evidence|fingerprint|forensic|ADN|DNA/i);
    }
  });

  it.each(guides.flatMap((guide) => guide.variants.filter((variant) => variant.key !== "black_powder").map((variant) => [guide.typology, variant.key, variant] as const)))(
    "%s / %s starts by pointing in a safe direction",
    (_, __, variant) => {
      expect(variant.steps[0]?.fr).toMatch(/direction sans danger/);
    },
  );

  it.each([
    ["pistolet_semi_auto_moderne", ["magazine_button_by_trigger_guard", "magazine_heel_release"]],
    ["epaule_a_un_coup_par_canon", ["top_lever", "under_lever_lefaucheux", "wing_key_darne"]],
    ["epaule_a_levier_sous_garde", ["lever_front_loading_tube", "lever_fixed_magazine"]],
    ["semi_auto_style_militaire_autre", ["ar15_button_above_magazine", "ak_lever_behind_magazine", "sten_side_magazine", "thompson_lever_above_trigger_guard", "uzi_button_at_grip_base"]],
    ["autre_pistolet", ["single_shot_bolt_target", "derringer", "break_open_target", "sawn_off_gun"]],
    ["epaule_a_pompe", ["pump_action"]],
  ] as const)("%s offers the variants %j", (typology, keys) => {
    expect(SECURING_GUIDES[typology]?.variants.map((variant) => variant.key)).toEqual(keys);
  });

  it("maps every known revolver mechanism to a variant, and each variant to its category", () => {
    const variants = SECURING_GUIDES.revolver?.variants ?? [];
    const mechanisms = new Set(variants.map((variant) => variant.revolverMechanism));
    for (const mechanism of REVOLVER_MECHANISMS.filter((value) => value !== "unknown")) expect(mechanisms).toContain(mechanism);
    const expected: Record<string, string> = {
      black_powder: "D",
      swing_out: "B",
      loading_gate_1873_us: "B,D",
      loading_gate_fixed_cylinder: "B",
      loading_gate_swing_cylinder: "B",
      break_open_enfield: "B,D",
      break_open_old: "B,D",
      removable_axis: "B",
    };
    for (const variant of variants) {
      const letters = categorize("revolver", { revolverMechanism: variant.revolverMechanism, markingsText: "" }).letters;
      expect(letters.join(), variant.key).toBe(expected[variant.key]);
    }
  });

  it("tells that a black-powder revolver has no cartridge to remove and needs an expert", () => {
    const blackPowder = SECURING_GUIDES.revolver?.variants.find((variant) => variant.key === "black_powder");
    expect(blackPowder?.steps.map((step) => step.fr).join(" ")).toMatch(/pas de cartouche à retirer.*expert/s);
  });

  it("warns never to touch the trigger on a fixed-magazine lever action", () => {
    const variant = SECURING_GUIDES.epaule_a_levier_sous_garde?.variants.find((item) => item.key === "lever_fixed_magazine");
    expect(variant?.warnings[0]?.fr).toMatch(/Ne touchez jamais la détente/);
  });
});
