import { GENERAL_SECURING_RULES, SECURING_GUIDES, TYPOLOGY_KEYS } from "@basegun/domain";
import { describe, expect, it } from "vitest";
import { SECURING_STEP_SCENES, generalRuleScenes } from "./securing-step-scenes";
import { ARTS } from "./weapon-art";

describe("securing step drawings", () => {
  const guided = TYPOLOGY_KEYS.filter((typology) => (SECURING_GUIDES[typology]?.variants ?? []).some((variant) => variant.steps.length > 0));

  it("covers every guide (no typology left out silently)", () => {
    expect(guided).toEqual(expect.arrayContaining(["autre_pistolet", "semi_auto_style_militaire_autre", "revolver"]));
  });

  it.each(guided)("%s: every variant with steps is drawn", (typology) => {
    for (const variant of SECURING_GUIDES[typology]?.variants ?? []) {
      if (variant.steps.length === 0) continue;
      expect(SECURING_STEP_SCENES[typology]?.[variant.key], `${typology}/${variant.key}`).toBeDefined();
    }
  });

  it.each(TYPOLOGY_KEYS.flatMap((typology) => Object.keys(SECURING_STEP_SCENES[typology] ?? {}).map((variant) => [typology, variant] as const)))(
    "%s/%s: one drawing per step, of an existing weapon",
    (typology, variantKey) => {
      const variant = SECURING_GUIDES[typology]?.variants.find((candidate) => candidate.key === variantKey);
      expect(variant, `${typology}/${variantKey} is not a variant of the guide`).toBeDefined();
      const scenes = SECURING_STEP_SCENES[typology]?.[variantKey] ?? [];
      expect(scenes).toHaveLength(variant?.steps.length ?? -1);
      for (const scene of scenes) expect(Object.keys(ARTS)).toContain(scene.art);
    },
  );

  it("draws the four general rules for each family's weapon", () => {
    for (const art of ["pistol", "hunting_semi_auto"] as const) {
      const scenes = generalRuleScenes(art);
      expect(scenes).toHaveLength(GENERAL_SECURING_RULES.length);
      expect(scenes[1]?.marks?.map((mark) => mark.kind)).toEqual(["safe_direction"]);
      expect(scenes[2]?.marks?.map((mark) => mark.kind)).toEqual(["no_touch"]);
    }
  });
});
