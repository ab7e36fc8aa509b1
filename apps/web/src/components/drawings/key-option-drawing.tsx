import type { KeyDrawingId } from "@basegun/domain";
import { TYPOLOGY_SCENES } from "./typology-drawing";
import { SceneSvg, type DrawingProps, type Scene } from "./weapon-art";

/** The picture of each option of the identification key (IDENTIFICATION_KEY's `drawing` ids). */
export const KEY_OPTION_SCENES: Record<KeyDrawingId, Scene> = {
  family_handgun: { art: "pistol", focus: ["grip"] },
  family_long_gun: { art: "hunting_semi_auto", focus: ["stock"] },
  revolver_cylinder: TYPOLOGY_SCENES.revolver,
  pistol_slide: TYPOLOGY_SCENES.pistolet_semi_auto_moderne,
  other_pistol: TYPOLOGY_SCENES.autre_pistolet,
  antique_pistol_lock: TYPOLOGY_SCENES.pistolet_mecanisme_ancien,
  submachine_gun: { art: "submachine_gun", focus: ["magazine"] },
  break_action_hinge: TYPOLOGY_SCENES.epaule_a_un_coup_par_canon,
  bolt_handle: { art: "bolt", focus: ["bolt_handle"], marks: [{ kind: "arrow", x: 112, y: 90, angle: -90, length: 22 }] },
  lever_loop: TYPOLOGY_SCENES.epaule_a_levier_sous_garde,
  pump_forend: { art: "pump", focus: ["forend"], marks: [{ kind: "arrow", x: 190, y: 88, angle: 180, length: 34 }] },
  antique_long_lock: TYPOLOGY_SCENES.epaule_mecanisme_ancien,
  self_loading: { art: "hunting_semi_auto", focus: ["receiver"] },
  hunting_stock: TYPOLOGY_SCENES.epaule_semi_auto_style_chasse,
  military_wood: TYPOLOGY_SCENES.epaule_semi_auto_style_militaire_milieu_20e,
  military_modern: TYPOLOGY_SCENES.semi_auto_style_militaire_autre,
};

export function KeyOptionDrawing({ drawing, ...props }: DrawingProps & { drawing: KeyDrawingId }) {
  return <SceneSvg scene={KEY_OPTION_SCENES[drawing]} {...props} />;
}
