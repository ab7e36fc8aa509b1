import { OTHER_PISTOL_GUIDE, PISTOL_GUIDE, REVOLVER_GUIDE } from "./securing-guides-handguns.ts";
import { BOLT_GUIDE, LEVER_GUIDE, MILITARY_GUIDE, ONE_SHOT_PER_BARREL_GUIDE, PUMP_GUIDE } from "./securing-guides-long-guns.ts";
import { text, type SecuringGuide } from "./securing-types.ts";
import type { LocalizedText } from "./text.ts";
import type { Family, TypologyKey } from "./typologies.ts";

export type { SecuringGuide, SecuringVariant } from "./securing-types.ts";

export interface PhotoGuidanceItem extends LocalizedText {
  key: string;
  /** null: every weapon; otherwise only that family. */
  family: Family | null;
}

/** Reference card: bank-card size (ISO/IEC 7810 ID-1), the scale for lengths. */
export const REFERENCE_CARD_MM = { width: 85.6, height: 53.98 } as const;

export const PHOTO_GUIDANCE: PhotoGuidanceItem[] = [
  { key: "single_weapon", family: null, ...text("Une seule arme sur la photo.", "Only one weapon in the photo.") },
  { key: "whole_centred", family: null, ...text("L'arme entière, centrée dans la photo.", "The whole weapon, centred in the photo.") },
  { key: "barrel_right", family: null, ...text("Le canon vers la droite.", "The barrel pointing right.") },
  {
    key: "reference_card",
    family: "long_gun",
    ...text(
      "Arme d'épaule : posez une carte au format carte bancaire (85,6 × 53,98 mm) à plat à côté de l'arme, pour mesurer les longueurs.",
      "Long gun: lay a bank-card-sized card (85.6 × 53.98 mm) flat beside the weapon, to measure the lengths.",
    ),
  },
  {
    key: "folding_stock_shortest",
    family: "long_gun",
    ...text(
      "Crosse pliante ou télescopique : photographiez-la dans sa configuration la plus courte.",
      "Folding or telescopic stock: photograph it in its shortest configuration.",
    ),
  },
];

export function photoGuidanceFor(family: Family | null): PhotoGuidanceItem[] {
  return PHOTO_GUIDANCE.filter((item) => item.family === null || family === null || item.family === family);
}

export const SECURING_WARNING = text(
  "La mise en sécurité d'une arme est une manipulation dangereuse. En cas de doute, arrêtez-vous et faites appel à un expert.",
  "Making a weapon safe is a dangerous manipulation. If in doubt, stop and call an expert.",
);

export const GENERAL_SECURING_RULES: LocalizedText[] = [
  text("Considérez toujours l'arme comme chargée.", "Always treat the weapon as loaded."),
  text(
    "Dirigez toujours le canon vers une direction sans danger.",
    "Always point the muzzle in a safe direction.",
  ),
  text("Gardez le doigt hors du pontet.", "Keep your finger off the trigger guard."),
  text("En cas de doute, arrêtez et faites appel à un expert.", "If in doubt, stop and call an expert."),
];

export const NO_SECURING_GUIDE_MESSAGE = text(
  "Pas de guide de mise en sécurité pour cette arme : les manipulations sont complexes. Faites appel à un expert.",
  "No securing guide for this weapon: the manipulations are complex. Call an expert.",
);

export const SECURING_DONE_MESSAGE = text(
  "Fin de la mise en sécurité de l'arme : vous venez de sécuriser votre arme.",
  "End of securing: you have made the weapon safe.",
);

/** Per typology; null for the four typologies whose manipulations are too varied or delicate for a guide. */
export const SECURING_GUIDES: Record<TypologyKey, SecuringGuide | null> = {
  revolver: REVOLVER_GUIDE,
  pistolet_semi_auto_moderne: PISTOL_GUIDE,
  autre_pistolet: OTHER_PISTOL_GUIDE,
  pistolet_mecanisme_ancien: null,
  epaule_a_verrou: BOLT_GUIDE,
  epaule_a_levier_sous_garde: LEVER_GUIDE,
  epaule_a_pompe: PUMP_GUIDE,
  epaule_a_un_coup_par_canon: ONE_SHOT_PER_BARREL_GUIDE,
  epaule_semi_auto_style_chasse: null,
  epaule_semi_auto_style_militaire_milieu_20e: null,
  semi_auto_style_militaire_autre: MILITARY_GUIDE,
  epaule_mecanisme_ancien: null,
};

export type SecuringGuidance =
  | { guide: SecuringGuide; message: null }
  | { guide: null; message: LocalizedText };

export function securingGuidanceFor(typology: TypologyKey): SecuringGuidance {
  const guide = SECURING_GUIDES[typology];
  return guide ? { guide, message: null } : { guide: null, message: NO_SECURING_GUIDE_MESSAGE };
}
