import { FAMILIES, TYPOLOGIES, type Family, type TypologyKey } from "../domain.ts";

/** Numerically stable softmax of logits / temperature. */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]! / temperature);
  const out = new Float64Array(logits.length);
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    out[i] = Math.exp(logits[i]! / temperature - max);
    total += out[i]!;
  }
  for (let i = 0; i < out.length; i++) out[i]! /= total;
  return out;
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function toTypologyRecord(labels: readonly TypologyKey[], values: ArrayLike<number>): Record<TypologyKey, number> {
  const record = {} as Record<TypologyKey, number>;
  labels.forEach((label, index) => (record[label] = values[index]!));
  return record;
}

/** A family's probability is the sum over its typologies. */
export function familyProbabilities(probabilities: Record<TypologyKey, number>): Record<Family, number> {
  const record = Object.fromEntries(FAMILIES.map((family) => [family, 0])) as Record<Family, number>;
  for (const [key, value] of Object.entries(probabilities) as [TypologyKey, number][]) record[TYPOLOGIES[key].family] += value;
  return record;
}

export function argmax<K extends string>(record: Record<K, number>): { key: K; value: number } {
  let best: { key: K; value: number } | undefined;
  for (const [key, value] of Object.entries(record) as [K, number][]) if (!best || value > best.value) best = { key, value };
  if (!best) throw new Error("argmax of an empty record");
  return best;
}
