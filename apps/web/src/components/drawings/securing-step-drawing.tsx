import type { Family, TypologyKey } from "@basegun/domain";
import { SECURING_STEP_SCENES, generalRuleScenes } from "./securing-step-scenes";
import { SceneSvg, type ArtId, type DrawingProps } from "./weapon-art";

/** The scenes of one guide variant, one per step; null when this variant is not drawn. */
export function stepScenesFor(typology: TypologyKey, variant: string) {
  return SECURING_STEP_SCENES[typology]?.[variant] ?? null;
}

/** The picture of a guide variant (to choose it): its first step that works a part of the weapon. */
export function VariantDrawing({ typology, variant, ...props }: DrawingProps & { typology: TypologyKey; variant: string }) {
  const scene = stepScenesFor(typology, variant)?.find((candidate) => (candidate.focus ?? []).length > 0);
  return scene ? <SceneSvg scene={{ ...scene, marks: [] }} {...props} /> : null;
}

/** One step of a securing guide, drawn; renders nothing when the step has no drawing. */
export function SecuringStepDrawing({
  typology,
  variant,
  step,
  ...props
}: DrawingProps & { typology: TypologyKey; variant: string; step: number }) {
  const scene = stepScenesFor(typology, variant)?.[step];
  return scene ? <SceneSvg scene={scene} {...props} /> : null;
}

const FAMILY_ART: Record<Family, ArtId> = { handgun: "pistol", long_gun: "hunting_semi_auto" };

/** One of the general securing rules (GENERAL_SECURING_RULES index), drawn on the family's weapon; nothing for a rule not drawn. */
export function GeneralRuleDrawing({ rule, family, ...props }: DrawingProps & { rule: number; family: Family }) {
  const scene = generalRuleScenes(FAMILY_ART[family])[rule];
  return scene ? <SceneSvg scene={scene} {...props} /> : null;
}
