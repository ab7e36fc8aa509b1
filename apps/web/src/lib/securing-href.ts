import type { Family, TypologyKey } from "@basegun/domain";

/**
 * Where a result's "make it safe" link goes: the typology's own guide when the typology is known (from
 * the officer, an expert, the markings or the model), the family's general rules otherwise. With the
 * case id, the guide's "je n'arrive pas à réaliser cette étape" opens that case's expert request.
 */
export function securingHref(target: { typology: TypologyKey } | { family: Family }, caseId?: string | null): string {
  const path = "typology" in target ? `/securing/${target.typology}` : `/securing/families/${target.family}`;
  return caseId ? `${path}?case=${encodeURIComponent(caseId)}` : path;
}

/** Case ids are opaque identifiers; anything else in the query string is ignored rather than linked. */
const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The case a guide was opened for (`?case=<id>`, see securingHref), if the value is a plausible id. */
export function caseFromQuery(value: string | null): string | null {
  return value && CASE_ID.test(value) ? value : null;
}
