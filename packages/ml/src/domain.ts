// The typology catalogue and coarse-label mapping come from @basegun/domain (single source of truth);
// re-exported here so the rest of the package imports them from one place.
export { COARSE_LABEL_TYPOLOGIES, COARSE_LABELS, FAMILIES, TYPOLOGIES, TYPOLOGY_KEYS, isTypologyKey, type CoarseLabel, type Family, type TypologyKey } from "@basegun/domain";
