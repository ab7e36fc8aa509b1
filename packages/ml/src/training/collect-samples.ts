import { BACKBONE_LAYER_DIMS, type BackboneLayer } from "../backbone/backbone-spec.ts";
import { fileSha256, prepareBackbone, type PreparedBackbone } from "../backbone/prepare-backbone.ts";
import type { PreprocessFit } from "../image/preprocess.ts";
import { openBackbone } from "../runtime/backbone-runner.ts";
import { loadTrainingPhotos, type DatasetDescription } from "./datasets.ts";
import { extractFeatures } from "./extract-features.ts";
import { FeatureCache } from "./feature-cache.ts";
import type { LabelledSample } from "./samples.ts";
import type { CrossFitFold } from "./splits.ts";

export interface CollectSamplesOptions {
  datasetsDir: string;
  extraSources?: readonly string[];
  cacheDir: string;
  backbonePath: string;
  seed: number;
  layers: BackboneLayer[];
  /** true: features = mean of the photo's and its mirror's; false: the photo's only. */
  mirrorTTA: boolean;
  trim: { enabled: boolean; threshold: number };
  /** A fine-tuned backbone (python/finetune.py) at backbonePath: hashed as it is, not regenerated. */
  fineTunedBackbone?: boolean;
  /** Labels of weapons-coarse from typology-labels.csv (default: when the file exists). */
  typologyLabels?: boolean;
  /** Cross-fitting: which fold is validation (splits.ts CrossFitFold); default the plain split. */
  folds?: CrossFitFold;
  /** Leave the test split out (a cross-fitting fold's backbone never scores it): fewer photos to run. */
  withoutTest?: boolean;
  /** Preprocessing pipeline number and its fit (see PREPROCESS_PIPELINES). */
  pipeline: number;
  fit: PreprocessFit;
  log: (line: string) => void;
}

export interface CollectedSamples {
  samples: LabelledSample[];
  descriptions: DatasetDescription[];
  backboneSha256: string;
  featureDim: number;
  droppedMultiWeaponScenes: number;
  droppedByTypologyLabel: number;
  typologyLabels: boolean;
  duplicates: number;
  unreadable: { path: string; reason: string }[];
}

async function readFineTunedBackbone(backbonePath: string): Promise<PreparedBackbone> {
  const sha256 = await fileSha256(backbonePath);
  if (!sha256) throw new Error(`Fine-tuned backbone not found at ${backbonePath}: run \`pnpm model:finetune\``);
  return { path: backbonePath, sha256, action: "already-present" };
}

/**
 * Every labelled photo as a training sample: listed with its split and label set, run through the
 * backbone (or read from the feature cache) with its mirror. Identical files (same sha256) count
 * once, in the first split they appear in, so no photo sits on both sides of a split.
 */
export async function collectSamples(options: CollectSamplesOptions): Promise<CollectedSamples> {
  const { log, layers, trim } = options;
  const featureDim = layers.reduce((total, layer) => total + BACKBONE_LAYER_DIMS[layer], 0);
  const backbone = options.fineTunedBackbone ? await readFineTunedBackbone(options.backbonePath) : await prepareBackbone(options.backbonePath);
  log(`backbone ${backbone.path} (${backbone.action}, sha256 ${backbone.sha256.slice(0, 12)}…)`);
  const { photos: listed, droppedMultiWeaponScenes, droppedByTypologyLabel, typologyLabels, descriptions } = await loadTrainingPhotos(options.datasetsDir, options.seed, options.extraSources ?? [], {
    ...(options.typologyLabels === undefined ? {} : { typologyLabels: options.typologyLabels }),
    ...(options.folds ? { folds: options.folds } : {}),
  });
  const photos = options.withoutTest ? listed.filter((photo) => photo.split !== "test") : listed;
  log(
    `photos: ${photos.length} from ${descriptions.map((description) => description.name).join(", ")} (dropped ${droppedMultiWeaponScenes} multi-weapon scenes${typologyLabels ? `, ${droppedByTypologyLabel} labelled multiple/none; weapons-coarse labels from typology-labels.csv` : "; coarse labels only"})`,
  );

  const runner = await openBackbone(options.backbonePath, "cpu");
  const cache = new FeatureCache(options.cacheDir, { backboneSha256: backbone.sha256, preprocessing: { size: 224, background: "#ffffff", trim, pipeline: options.pipeline, ...(options.fit === "contain" ? {} : { fit: options.fit }) }, layers });
  const started = performance.now();
  const extraction = await extractFeatures(
    photos.map((photo) => photo.path),
    { backbone: runner, cache, layers, preprocessing: { size: 224, fit: options.fit, background: "#ffffff", trimBorders: trim.enabled, trimThreshold: trim.threshold }, log },
  ).finally(() => runner.close());
  log(`features: ${extraction.cached} cached, ${extraction.computed} computed, ${extraction.failures.length} unreadable, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const failure of extraction.failures) log(`  unreadable: ${failure.path}: ${failure.reason}`);

  const seen = new Set<string>();
  const samples: LabelledSample[] = [];
  let duplicates = 0;
  for (const photo of photos) {
    const extracted = extraction.features.get(photo.path);
    if (!extracted) continue;
    if (seen.has(extracted.sha256)) {
      duplicates++;
      continue;
    }
    seen.add(extracted.sha256);
    const features = options.mirrorTTA ? Float32Array.from(extracted.original, (value, index) => (value + extracted.mirrored[index]!) / 2) : extracted.original;
    samples.push({
      id: extracted.sha256,
      source: photo.source,
      split: photo.split,
      kind: photo.kind,
      features,
      sourceLabel: photo.sourceLabel,
      allowedTypologies: photo.allowedTypologies,
      group: photo.group,
      ...(photo.labelWeight !== undefined && photo.labelWeight !== 1 ? { labelWeight: photo.labelWeight } : {}),
    });
  }
  log(`samples: ${samples.length} (${duplicates} duplicate files skipped)`);
  return { samples, descriptions, backboneSha256: backbone.sha256, featureDim, droppedMultiWeaponScenes, droppedByTypologyLabel, typologyLabels, duplicates, unreadable: extraction.failures };
}

/**
 * One sample per photo with the features of several backbones side by side (an ensemble of fine-tuning
 * runs seen by one linear head). Every collection must hold the same photos in the same order: the same
 * datasets and split seed give that; anything else is refused.
 */
export function concatenateFeatures(collections: readonly (readonly LabelledSample[])[]): LabelledSample[] {
  const [first, ...others] = collections;
  if (!first) throw new Error("no feature collection to concatenate");
  if (others.length === 0) return [...first];
  for (const other of others) {
    if (other.length !== first.length || other.some((sample, i) => sample.id !== first[i]!.id || sample.split !== first[i]!.split)) {
      throw new Error("the backbones' samples differ (photos, order or splits): their features cannot be concatenated");
    }
  }
  return first.map((sample, i) => {
    const parts = collections.map((collection) => collection[i]!.features);
    const features = new Float32Array(parts.reduce((total, part) => total + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      features.set(part, offset);
      offset += part.length;
    }
    return { ...sample, features };
  });
}
