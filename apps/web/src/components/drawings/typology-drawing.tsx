import type { TypologyKey } from "@basegun/domain";
import { SceneSvg, type DrawingProps, type Scene } from "./weapon-art";

/** Each typology's silhouette, its decisive feature in the accent colour (TYPOLOGY_CUES says it in words). */
export const TYPOLOGY_SCENES: Record<TypologyKey, Scene> = {
  revolver: { art: "revolver", focus: ["cylinder"] },
  pistolet_semi_auto_moderne: { art: "pistol", focus: ["slide", "magazine"] },
  autre_pistolet: { art: "other_pistol", focus: ["barrels"] },
  pistolet_mecanisme_ancien: { art: "antique_pistol", focus: ["lock"] },
  epaule_a_verrou: { art: "bolt", focus: ["bolt_handle"] },
  epaule_a_levier_sous_garde: { art: "lever", focus: ["lever"] },
  epaule_a_pompe: { art: "pump", focus: ["forend"] },
  epaule_a_un_coup_par_canon: { art: "break_action", focus: ["barrels"], state: ["open"] },
  epaule_semi_auto_style_chasse: { art: "hunting_semi_auto", focus: ["stock"] },
  epaule_semi_auto_style_militaire_milieu_20e: { art: "military_wood", focus: ["stock", "handguard"] },
  semi_auto_style_militaire_autre: { art: "military_modern", focus: ["grip", "magazine"] },
  epaule_mecanisme_ancien: { art: "antique_long_gun", focus: ["lock", "ramrod"] },
};

export function TypologyDrawing({ typology, ...props }: DrawingProps & { typology: TypologyKey }) {
  return <SceneSvg scene={TYPOLOGY_SCENES[typology]} {...props} />;
}
