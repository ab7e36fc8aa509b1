import { REFERENCE_MODELS, type ReferenceModel } from "./reference-models-data.ts";
import type { TypologyKey } from "./typologies.ts";

export { REFERENCE_MODELS, type ReferenceModel } from "./reference-models-data.ts";

/** Designs from before 1 January 1900 can fall in category D as historic weapons (experts decide). */
export const HISTORIC_DESIGN_BEFORE_YEAR = 1900;

export function isHistoricDesign(designYear: number | null | undefined): boolean {
  return designYear !== null && designYear !== undefined && designYear < HISTORIC_DESIGN_BEFORE_YEAR;
}

function searchTokens(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 0);
}

export interface ReferenceModelQuery {
  typology?: TypologyKey;
  limit?: number;
}

/**
 * Models whose make, model or usual markings contain every word of the query (accents and case ignored).
 * A word matches a whole word, or the start of one when it has 3+ characters ("colt" finds "Colt",
 * "rem" finds "Remington", but "17" does not find "1777"). Exact word matches rank first.
 */
export function findReferenceModels(query: string, options: ReferenceModelQuery = {}): ReferenceModel[] {
  const wanted = searchTokens(query);
  if (wanted.length === 0) return [];
  const scored: { model: ReferenceModel; score: number }[] = [];
  for (const model of REFERENCE_MODELS) {
    if (options.typology && model.typology !== options.typology) continue;
    const words = searchTokens(`${model.make} ${model.model} ${model.markingsHint}`);
    let score = 0;
    const allFound = wanted.every((token) => {
      if (words.includes(token)) {
        score += 2;
        return true;
      }
      const prefix = token.length >= 3 && words.some((word) => word.startsWith(token));
      if (prefix) score += 1;
      return prefix;
    });
    if (allFound) scored.push({ model, score });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, options.limit ?? scored.length).map((entry) => entry.model);
}
