import type { LocalizedText } from "./text.ts";

/** The twelve mechanism-based classes, in the order of domain.md §1. Keys are stable identifiers. */
export const TYPOLOGY_KEYS = [
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
] as const;

export type TypologyKey = (typeof TYPOLOGY_KEYS)[number];
export type Family = "handgun" | "long_gun";
export const FAMILIES: readonly Family[] = ["handgun", "long_gun"];

/** Which projectile question tells a firearm from an airsoft/BB replica (wording differs by typology). */
export type AmmunitionQuestion = "bullets_or_bbs" | "cartridges_or_bbs";

export interface Typology {
  key: TypologyKey;
  label: LocalizedText;
  family: Family;
  lengthsDecideCategory: boolean;
  ammunitionQuestion: AmmunitionQuestion | null;
}

export const TYPOLOGIES: Record<TypologyKey, Typology> = {
  revolver: {
    key: "revolver",
    label: { fr: "Revolver", en: "Revolver" },
    family: "handgun",
    lengthsDecideCategory: false,
    ammunitionQuestion: "bullets_or_bbs",
  },
  pistolet_semi_auto_moderne: {
    key: "pistolet_semi_auto_moderne",
    label: { fr: "Pistolet semi-automatique", en: "Modern semi-automatic pistol" },
    family: "handgun",
    lengthsDecideCategory: false,
    ammunitionQuestion: "cartridges_or_bbs",
  },
  autre_pistolet: {
    key: "autre_pistolet",
    label: {
      fr: "Pistolet divers",
      en: "Other pistol (single shot, derringer, break-open target pistol, sawn-off gun)",
    },
    family: "handgun",
    lengthsDecideCategory: false,
    ammunitionQuestion: null,
  },
  pistolet_mecanisme_ancien: {
    key: "pistolet_mecanisme_ancien",
    label: { fr: "Pistolet à mécanisme ancien", en: "Antique-mechanism pistol (flintlock, percussion)" },
    family: "handgun",
    lengthsDecideCategory: false,
    ammunitionQuestion: null,
  },
  epaule_a_verrou: {
    key: "epaule_a_verrou",
    label: { fr: "Arme d'épaule à verrou", en: "Bolt-action long gun" },
    family: "long_gun",
    lengthsDecideCategory: true,
    ammunitionQuestion: "bullets_or_bbs",
  },
  epaule_a_levier_sous_garde: {
    key: "epaule_a_levier_sous_garde",
    label: { fr: "Arme d'épaule à levier de sous-garde", en: "Lever-action long gun" },
    family: "long_gun",
    lengthsDecideCategory: true,
    ammunitionQuestion: "bullets_or_bbs",
  },
  epaule_a_pompe: {
    key: "epaule_a_pompe",
    label: { fr: "Arme d'épaule à pompe", en: "Pump-action long gun" },
    family: "long_gun",
    lengthsDecideCategory: true,
    ammunitionQuestion: "cartridges_or_bbs",
  },
  epaule_a_un_coup_par_canon: {
    key: "epaule_a_un_coup_par_canon",
    label: {
      fr: "Arme d'épaule à un coup par canon",
      en: "One shot per barrel (break-action, side-by-side, over-under, single)",
    },
    family: "long_gun",
    lengthsDecideCategory: true,
    ammunitionQuestion: null,
  },
  epaule_semi_auto_style_chasse: {
    key: "epaule_semi_auto_style_chasse",
    label: { fr: "Arme d'épaule semi-automatique", en: "Semi-automatic hunting-style long gun" },
    family: "long_gun",
    lengthsDecideCategory: true,
    ammunitionQuestion: "cartridges_or_bbs",
  },
  epaule_semi_auto_style_militaire_milieu_20e: {
    key: "epaule_semi_auto_style_militaire_milieu_20e",
    label: {
      fr: "Arme d'épaule semi-automatique ou automatique (milieu XXe)",
      en: "Mid-20th-century military-style semi/automatic rifle (Garand, SKS type)",
    },
    family: "long_gun",
    lengthsDecideCategory: false,
    ammunitionQuestion: "cartridges_or_bbs",
  },
  semi_auto_style_militaire_autre: {
    key: "semi_auto_style_militaire_autre",
    label: {
      fr: "Arme semi-automatique ou automatique",
      en: "Other military-style semi/automatic (AR-15, AK, Uzi, Sten, Thompson, P90 types)",
    },
    family: "long_gun",
    lengthsDecideCategory: false,
    ammunitionQuestion: "cartridges_or_bbs",
  },
  epaule_mecanisme_ancien: {
    key: "epaule_mecanisme_ancien",
    label: {
      fr: "Arme d'épaule à mécanisme ancien",
      en: "Antique-mechanism long gun (musket, flintlock, percussion)",
    },
    family: "long_gun",
    lengthsDecideCategory: false,
    ammunitionQuestion: null,
  },
};

const TYPOLOGY_KEY_SET: ReadonlySet<string> = new Set(TYPOLOGY_KEYS);

export function isTypologyKey(value: unknown): value is TypologyKey {
  return typeof value === "string" && TYPOLOGY_KEY_SET.has(value);
}

/** Typologies of one family, in catalogue order. */
export function typologiesOfFamily(family: Family): TypologyKey[] {
  return TYPOLOGY_KEYS.filter((key) => TYPOLOGIES[key].family === family);
}
