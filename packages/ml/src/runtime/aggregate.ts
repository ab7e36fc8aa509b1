import type { TypologyKey } from "../domain.ts";

/** Photos that look like no firearm (a close-up of markings, a bag) still count, but much less. */
const MIN_PHOTO_WEIGHT = 0.05;

export function photoWeight(noFirearmScore: number): number {
  return Math.max(MIN_PHOTO_WEIGHT, 1 - noFirearmScore);
}

/**
 * Case probability = weighted mean of the photos' probabilities, each photo weighted by how much it
 * looks like a firearm. A mean (not a product) keeps one odd photo from overruling the others.
 */
export function aggregateCase(perPhoto: readonly { probabilities: Record<TypologyKey, number>; weight: number }[], labels: readonly TypologyKey[]): Record<TypologyKey, number> {
  const total = perPhoto.reduce((sum, photo) => sum + photo.weight, 0);
  const result = {} as Record<TypologyKey, number>;
  for (const label of labels) result[label] = perPhoto.reduce((sum, photo) => sum + photo.weight * photo.probabilities[label], 0) / total;
  return result;
}

/** A case shows a firearm as soon as one of its photos does: its no-firearm score is the minimum. */
export function caseNoFirearmScore(scores: readonly number[]): number {
  return Math.min(...scores);
}
