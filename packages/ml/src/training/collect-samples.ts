import { BACKBONE_LAYER_DIMS, type BackboneLayer } from "../backbone/backbone-spec.ts";
import { prepareBackbone } from "../backbone/prepare-backbone.ts";
import { PREPROCESS_PIPELINE_VERSION } from "../image/preprocess.ts";
import { openBackbone } from "../runtime/backbone-runner.ts";
import { loadTrainingPhotos, type DatasetDescription } from "./datasets.ts";
import { extractFeatures } from "./extract-features.ts";
import { FeatureCache } from "./feature-cache.ts";
import type { LabelledSample } from "./samples.ts";

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
  log: (line: string) => void;
}

export interface CollectedSamples {
  samples: LabelledSample[];
  descriptions: DatasetDescription[];
  backboneSha256: string;
  featureDim: number;
  droppedMultiWeaponScenes: number;
  duplicates: number;
  unreadable: { path: string; reason: string }[];
}

/**
 * Every labelled photo as a training sample: listed with its split and label set, run through the
 * backbone (or read from the feature cache) with its mirror. Identical files (same sha256) count
 * once, in the first split they appear in, so no photo sits on both sides of a split.
 */
export async function collectSamples(options: CollectSamplesOptions): Promise<CollectedSamples> {
  const { log, layers, trim } = options;
  const featureDim = layers.reduce((total, layer) => total + BACKBONE_LAYER_DIMS[layer], 0);
  const backbone = await prepareBackbone(options.backbonePath);
  log(`backbone ${backbone.path} (${backbone.action}, sha256 ${backbone.sha256.slice(0, 12)}…)`);
  const { photos, droppedMultiWeaponScenes, descriptions } = await loadTrainingPhotos(options.datasetsDir, options.seed, options.extraSources ?? []);
  log(`photos: ${photos.length} from ${descriptions.map((description) => description.name).join(", ")} (dropped ${droppedMultiWeaponScenes} multi-weapon scenes)`);

  const runner = await openBackbone(options.backbonePath, "cpu");
  const cache = new FeatureCache(options.cacheDir, { backboneSha256: backbone.sha256, preprocessing: { size: 224, background: "#ffffff", trim, pipeline: PREPROCESS_PIPELINE_VERSION }, layers });
  const started = performance.now();
  const extraction = await extractFeatures(
    photos.map((photo) => photo.path),
    { backbone: runner, cache, layers, preprocessing: { size: 224, background: "#ffffff", trimBorders: trim.enabled, trimThreshold: trim.threshold }, log },
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
    samples.push({ id: extracted.sha256, source: photo.source, split: photo.split, kind: photo.kind, features, sourceLabel: photo.sourceLabel, allowedTypologies: photo.allowedTypologies });
  }
  log(`samples: ${samples.length} (${duplicates} duplicate files skipped)`);
  return { samples, descriptions, backboneSha256: backbone.sha256, featureDim, droppedMultiWeaponScenes, duplicates, unreadable: extraction.failures };
}
