import { TYPOLOGIES, TYPOLOGY_KEYS, type TypologyKey } from "./typologies.ts";

/**
 * One key per typology for the expert's picker: typed alone in the search box it puts that typology
 * first, so a correction is "R, key, Enter, Enter". Letters, never digits (1, 2, 3 pick the model's
 * candidates), chosen from a word of the French label where one is free.
 */
export const TYPOLOGY_SHORTCUTS: Record<TypologyKey, string> = {
  revolver: "r",
  pistolet_semi_auto_moderne: "p",
  autre_pistolet: "d", // pistolet Divers
  pistolet_mecanisme_ancien: "a", // pistolet Ancien
  epaule_a_verrou: "v",
  epaule_a_levier_sous_garde: "l",
  epaule_a_pompe: "o", // pOmpe (P is the pistol)
  epaule_a_un_coup_par_canon: "u",
  epaule_semi_auto_style_chasse: "s",
  epaule_semi_auto_style_militaire_milieu_20e: "m",
  semi_auto_style_militaire_autre: "x",
  epaule_mecanisme_ancien: "e", // arme d'Épaule ancienne
};

/**
 * Words an expert may type that the labels lack (what the catalogue's English labels and domain.md say
 * in words the French labels leave out); searched together with the French label.
 */
export const TYPOLOGY_SEARCH_WORDS: Record<TypologyKey, string> = {
  revolver: "barillet",
  pistolet_semi_auto_moderne: "culasse chargeur alarme",
  autre_pistolet: "derringer un coup basculant",
  pistolet_mecanisme_ancien: "silex percussion",
  epaule_a_verrou: "fusil carabine",
  epaule_a_levier_sous_garde: "carabine",
  epaule_a_pompe: "fusil",
  epaule_a_un_coup_par_canon: "fusil juxtapose superpose basculant",
  epaule_semi_auto_style_chasse: "chasse fusil carabine",
  epaule_semi_auto_style_militaire_milieu_20e: "militaire garand sks",
  semi_auto_style_militaire_autre: "militaire guerre ar15 ak uzi sten thompson p90",
  epaule_mecanisme_ancien: "mousquet silex percussion",
};

/** Lower case, accents removed, apostrophes and punctuation as spaces: "Arme d'Épaule" → "arme d epaule". */
export function normalizeSearchText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const words = (text: string) => normalizeSearchText(text).split(" ").filter(Boolean);

/** Every word of the query starts a word of the label (in any order): "epaule semi" finds "semi-automatique". */
function labelMatches(queryWords: string[], label: string): boolean {
  const labelWords = words(label);
  return queryWords.every((query) => labelWords.some((word) => word.startsWith(query)));
}

/**
 * The typologies a search finds, in catalogue order, with the one whose key was typed alone first. A
 * query matches when all its words match the French label (with its extra search words), or all match
 * the English one. An empty
 * query lists every typology.
 */
export function searchTypologies(query: string): TypologyKey[] {
  const queryWords = words(query);
  if (queryWords.length === 0) return [...TYPOLOGY_KEYS];
  const found = TYPOLOGY_KEYS.filter((key) => {
    const { fr, en } = TYPOLOGIES[key].label;
    return labelMatches(queryWords, `${fr} ${TYPOLOGY_SEARCH_WORDS[key]}`) || labelMatches(queryWords, en);
  });
  const byShortcut = queryWords.length === 1 ? TYPOLOGY_KEYS.find((key) => TYPOLOGY_SHORTCUTS[key] === queryWords[0]) : undefined;
  return byShortcut ? [byShortcut, ...found.filter((key) => key !== byShortcut)] : found;
}
