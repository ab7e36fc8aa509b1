import type { TypologyKey } from "./typologies.ts";

/** Labels of the public "weapons-coarse" dataset (Roboflow "Weapon detector" v6). */
export const COARSE_LABELS = ["HandGun", "Rifle", "ShotGun", "SMG"] as const;
export type CoarseLabel = (typeof COARSE_LABELS)[number];

/**
 * Which typologies a coarse dataset label can stand for. Used to train or evaluate a fine model with
 * coarse supervision (a coarse label is a set of admissible typologies, not a single answer).
 */
export const COARSE_LABEL_TYPOLOGIES: Record<CoarseLabel, TypologyKey[]> = {
  // Pistols and revolvers of every kind; antique pistols are handguns too, and web product shots include
  // derringers and replicas of percussion revolvers/pistols.
  HandGun: ["revolver", "pistolet_semi_auto_moderne", "autre_pistolet", "pistolet_mecanisme_ancien"],
  // "Rifle" mixes bolt, lever, semi-automatic and military-style rifles (datasets README). Semi-automatic
  // hunting rifles exist alongside semi-automatic shotguns, so that typology sits under both labels.
  // Antique long guns (muskets) are included: a web "rifle" class holds some, and the image decides the
  // typology; leaving them out would teach the model that muskets can never be "Rifle".
  Rifle: [
    "epaule_a_verrou",
    "epaule_a_levier_sous_garde",
    "epaule_semi_auto_style_chasse",
    "epaule_semi_auto_style_militaire_milieu_20e",
    "semi_auto_style_militaire_autre",
    "epaule_mecanisme_ancien",
  ],
  // Pump, semi-automatic and break-action shotguns (datasets README). Bolt and lever shotguns are too rare
  // to justify widening the set.
  ShotGun: ["epaule_a_pompe", "epaule_a_un_coup_par_canon", "epaule_semi_auto_style_chasse"],
  // Submachine guns (Uzi, MP5, P90, Thompson, Sten types) are listed by name in the military-style class.
  SMG: ["semi_auto_style_militaire_autre"],
};

/** The coarse labels under which a typology can appear (inverse of COARSE_LABEL_TYPOLOGIES). */
export function coarseLabelsOfTypology(typology: TypologyKey): CoarseLabel[] {
  return COARSE_LABELS.filter((label) => COARSE_LABEL_TYPOLOGIES[label].includes(typology));
}
