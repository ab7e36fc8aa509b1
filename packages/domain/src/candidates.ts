import { isTypologyKey, TYPOLOGY_KEYS, type TypologyKey } from "./typologies.ts";

export interface RankedCandidate {
  key: TypologyKey;
  probability: number;
  /** Competition ranking: equal probabilities share a rank ("1, 1, 3"), a tie is never broken. */
  rank: number;
}

/** Probabilities closer than this are the same answer (a float's last bits never decide a rank). */
const TIE_TOLERANCE = 1e-9;

/**
 * The model's top candidates, best first: every typology ranked within the first `count` places, so a
 * tie on the last place brings all its members (four typologies tied at 25 % are four candidates of
 * rank 1). Equal probabilities keep the catalogue's order among themselves, shown with the same rank.
 */
export function rankCandidates(probabilities: Record<string, number>, count = 3): RankedCandidate[] {
  const entries = Object.entries(probabilities).filter(
    (entry): entry is [TypologyKey, number] => isTypologyKey(entry[0]) && Number.isFinite(entry[1]),
  );
  const order = (key: TypologyKey) => TYPOLOGY_KEYS.indexOf(key);
  const sorted = entries.sort((a, b) => (Math.abs(b[1] - a[1]) > TIE_TOLERANCE ? b[1] - a[1] : order(a[0]) - order(b[0])));
  const ranked = sorted.map(([key, probability]) => ({
    key,
    probability,
    rank: 1 + sorted.filter(([, other]) => other - probability > TIE_TOLERANCE).length,
  }));
  return ranked.filter((candidate) => candidate.rank <= count);
}
