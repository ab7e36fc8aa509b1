import type { TypologyKey } from "../domain.ts";
import type { Split } from "./splits.ts";

export type SampleKind = "weapon" | "no-firearm";

/** One photo ready for head training: its (TTA-combined) backbone features and what we know of it. */
export interface LabelledSample {
  /** sha256 of the photo bytes. */
  id: string;
  source: string;
  split: Split;
  kind: SampleKind;
  features: Float32Array;
  /** Label as given by the source (HandGun, Rifle, revolver, a Caltech category...). */
  sourceLabel: string;
  /** Admissible typologies (weapons only): one for a full label, several for a coarse one. */
  allowedTypologies: TypologyKey[];
  /** Weight of the label in the typology head, 1 when absent (a `likely` typology label weighs less). */
  labelWeight?: number;
  /** The photo's group (see PhotoRecord.group), where known: draws and splits take whole groups. */
  group?: string;
}

export function labelSetMask(allowed: readonly TypologyKey[], labels: readonly TypologyKey[]): number {
  let mask = 0;
  for (const key of allowed) {
    const index = labels.indexOf(key);
    if (index < 0) throw new Error(`Unknown typology ${key}`);
    mask |= 1 << index;
  }
  return mask;
}

export function stackFeatures(samples: readonly LabelledSample[], dim: number): Float32Array {
  const out = new Float32Array(samples.length * dim);
  samples.forEach((sample, index) => {
    if (sample.features.length !== dim) throw new Error(`Sample ${sample.id} has ${sample.features.length} features, expected ${dim}`);
    out.set(sample.features, index * dim);
  });
  return out;
}
