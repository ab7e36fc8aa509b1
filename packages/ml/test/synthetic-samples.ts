// Synthetic backbone features for head-training tests (training.test.ts, cross-fit.test.ts).
import { COARSE_LABEL_TYPOLOGIES, TYPOLOGY_KEYS, type CoarseLabel, type TypologyKey } from "../src/domain.ts";
import { gaussian, seededRandom } from "../src/training/random.ts";
import type { LabelledSample } from "../src/training/samples.ts";
import { splitOf, type CrossFitFold } from "../src/training/splits.ts";

/**
 * Synthetic backbone features: families far apart, typologies a little apart inside a family, no-firearm
 * photos elsewhere. `fullLabels` adds photos carrying a full (singleton) typology label; coarse photos
 * draw their true typology from `coarseTruths` (default: any typology of the label's set).
 */
export function syntheticSamples(options: { seed: number; folds?: CrossFitFold; dim?: number; typologySpread?: number; perCoarseLabel?: number; fullLabels?: { typology: TypologyKey; count: number; spread: number }[]; coarseTruths?: Partial<Record<CoarseLabel, TypologyKey[]>> }) {
  const random = seededRandom(options.seed);
  const dim = options.dim ?? 24;
  const familyMean = { handgun: Array.from({ length: dim }, () => gaussian(random)), long_gun: Array.from({ length: dim }, () => gaussian(random)) };
  const typologyMean = new Map<TypologyKey, number[]>();
  for (const key of TYPOLOGY_KEYS) {
    const base = key.startsWith("epaule") || key.startsWith("semi") ? familyMean.long_gun : familyMean.handgun;
    typologyMean.set(key, base.map((value) => value + (options.typologySpread ?? 0.4) * gaussian(random)));
  }
  const noFirearmMean = Array.from({ length: dim }, () => gaussian(random) * 1.5);
  const draw = (mean: number[], spread = 0.9) => Float32Array.from(mean, (value) => value + spread * gaussian(random));
  const split = (key: string) => splitOf(key, { train: 0.6, validation: 0.2 }, undefined, options.folds);
  const samples: LabelledSample[] = [];
  let id = 0;
  for (const label of ["HandGun", "Rifle", "ShotGun", "SMG"] as CoarseLabel[]) {
    const allowed = COARSE_LABEL_TYPOLOGIES[label];
    const truths = options.coarseTruths?.[label] ?? allowed;
    for (let i = 0; i < (options.perCoarseLabel ?? 240); i++) {
      const truth = truths[Math.floor(random() * truths.length)]!;
      samples.push({ id: `w${id}`, source: "synthetic-weapons", split: split(`w${id++}`), kind: "weapon", features: draw(typologyMean.get(truth)!), sourceLabel: label, allowedTypologies: allowed });
    }
  }
  for (const full of options.fullLabels ?? []) {
    for (let i = 0; i < full.count; i++) {
      samples.push({ id: `f${id}`, source: "synthetic-expert", split: split(`f${id++}`), kind: "weapon", features: draw(typologyMean.get(full.typology)!, full.spread), sourceLabel: full.typology, allowedTypologies: [full.typology] });
    }
  }
  for (let i = 0; i < 300; i++) samples.push({ id: `n${i}`, source: "synthetic-objects", split: split(`n${i}`), kind: "no-firearm", features: draw(noFirearmMean), sourceLabel: "object", allowedTypologies: [] });
  return samples;
}

