import type { Family, TypologyKey } from "@basegun/domain";
import { SECURING_STEP_SCENES, generalRuleScenes } from "./securing-step-scenes";
import { SceneSvg, type ArtId, type DrawingProps } from "./weapon-art";

/** The scenes of one guide variant, one per step; null when this variant is not drawn. */
export function stepScenesFor(typology: TypologyKey, variant: string) {
  return SECURING_STEP_SCENES[typology]?.[variant] ?? null;
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

/** One of the four general securing rules (GENERAL_SECURING_RULES index), drawn on the family's weapon. */
export function GeneralRuleDrawing({ rule, family, ...props }: DrawingProps & { rule: 0 | 1 | 2 | 3; family: Family }) {
  return <SceneSvg scene={generalRuleScenes(FAMILY_ART[family])[rule]} {...props} />;
}
