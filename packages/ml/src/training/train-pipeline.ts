import { existsSync, readdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { BACKBONE_FILE_NAME, BACKBONE_ID, BACKBONE_LAYER_DIMS, type BackboneLayer } from "../backbone/backbone-spec.ts";
import { prepareBackbone } from "../backbone/prepare-backbone.ts";
import { FAMILIES, TYPOLOGY_KEYS } from "../domain.ts";
import type { HeadFile } from "../head/linear-head.ts";
import type { ModelManifest } from "../manifest.ts";
import { writeModelVersion } from "../model-files.ts";
import { openBackbone } from "../runtime/backbone-runner.ts";
import { PREPROCESS_PIPELINE_VERSION } from "../image/preprocess.ts";
import { DATASET_DESCRIPTIONS, loadTrainingPhotos } from "./datasets.ts";
import { extractFeatures } from "./extract-features.ts";
import { FeatureCache } from "./feature-cache.ts";
import { renderModelCard } from "./model-card.ts";
import type { LabelledSample } from "./samples.ts";
import { trainHead, DEFAULT_TRAIN_HEAD_OPTIONS } from "./train-head.ts";

export interface TrainingPipelineOptions {
  datasetsDir: string;
  modelsDir: string;
  cacheDir: string;
  backbonePath: string;
  seed: number;
  version?: string;
  layers?: BackboneLayer[];
  mirrorTTA?: boolean;
  trim?: { enabled: boolean; threshold: number };
  /** Extra notes for the manifest and model card (e.g. how the test split was handled). */
  notes?: string[];
  log: (line: string) => void;
}

/** Next free version for today: YYYY.MM.DD-n. */
export function nextModelVersion(modelsDir: string, now = new Date()): string {
  const date = `${now.getUTCFullYear()}.${String(now.getUTCMonth() + 1).padStart(2, "0")}.${String(now.getUTCDate()).padStart(2, "0")}`;
  const taken = existsSync(modelsDir) ? readdirSync(modelsDir).filter((name) => name.startsWith(`${date}-`)).map((name) => Number(name.slice(date.length + 1))) : [];
  return `${date}-${Math.max(0, ...taken.filter(Number.isFinite)) + 1}`;
}

export async function runTrainingPipeline(options: TrainingPipelineOptions): Promise<{ modelDir: string; manifest: ModelManifest }> {
  const { log } = options;
  const layers = options.layers ?? ["features", "block16_features"];
  const mirrorTTA = options.mirrorTTA ?? true;
  const trim = options.trim ?? { enabled: true, threshold: 10 };
  const preprocessing = { size: 224, fit: "contain" as const, background: "#ffffff", trim, mirrorTTA };
  const featureDim = layers.reduce((total, layer) => total + BACKBONE_LAYER_DIMS[layer], 0);

  const backbone = await prepareBackbone(options.backbonePath);
  log(`backbone ${backbone.path} (${backbone.action}, sha256 ${backbone.sha256.slice(0, 12)}…)`);
  const { photos, droppedMultiWeaponScenes } = await loadTrainingPhotos(options.datasetsDir, options.seed);
  log(`photos: ${photos.length} (dropped ${droppedMultiWeaponScenes} multi-weapon scenes)`);

  const runner = await openBackbone(options.backbonePath, "cpu");
  const cache = new FeatureCache(options.cacheDir, { backboneSha256: backbone.sha256, preprocessing: { size: 224, background: "#ffffff", trim, pipeline: PREPROCESS_PIPELINE_VERSION }, layers });
  const started = performance.now();
  const extraction = await extractFeatures(
    photos.map((photo) => photo.path),
    { backbone: runner, cache, layers, preprocessing: { size: 224, background: "#ffffff", trimBorders: trim.enabled, trimThreshold: trim.threshold }, log },
  ).finally(() => runner.close());
  log(`features: ${extraction.cached} cached, ${extraction.computed} computed, ${extraction.failures.length} unreadable, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const failure of extraction.failures) log(`  unreadable: ${failure.path}: ${failure.reason}`);

  // Identical files (same sha256) count once, in the first split they appear in.
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
    const features = mirrorTTA ? Float32Array.from(extracted.original, (value, index) => (value + extracted.mirrored[index]!) / 2) : extracted.original;
    samples.push({ id: extracted.sha256, source: photo.source, split: photo.split, kind: photo.kind, features, sourceLabel: photo.sourceLabel, allowedTypologies: photo.allowedTypologies });
  }
  log(`samples: ${samples.length} (${duplicates} duplicate files skipped)`);

  const trainingStarted = performance.now();
  const trained = trainHead(samples, { labels: TYPOLOGY_KEYS, log });
  log(`head trained in ${((performance.now() - trainingStarted) / 1000).toFixed(1)} s`);

  const count = (split: string) => samples.filter((sample) => sample.split === split).length;
  const countsBy = (filter: (sample: LabelledSample) => boolean) => {
    const table: Record<string, Record<string, number>> = {};
    for (const sample of samples.filter(filter)) {
      const row = (table[sample.kind === "weapon" ? sample.sourceLabel : sample.source] ??= { train: 0, validation: 0, test: 0 });
      row[sample.split] = (row[sample.split] ?? 0) + 1;
    }
    return table;
  };
  const version = options.version ?? nextModelVersion(options.modelsDir);
  const modelDir = path.join(options.modelsDir, version);
  const head: HeadFile = {
    format: "basegun-linear-head/1",
    featureDim,
    layers: layers.map((name) => ({ name, dim: BACKBONE_LAYER_DIMS[name] })),
    typology: { labels: [...TYPOLOGY_KEYS], weights: trained.typology.weights, bias: trained.typology.bias },
    noFirearm: trained.noFirearm,
  };
  const datasets = Object.values(DATASET_DESCRIPTIONS).map((description) => ({
    ...description,
    images: samples.filter((sample) => sample.source === description.name).length,
  }));
  const notes = [
    "Typology labels are coarse (HandGun, Rifle, ShotGun, SMG = sets of typologies) except caltech101-revolver (revolver) and SMG (semi_auto_style_militaire_autre).",
    "Within-set split tied to a maximum-entropy prior (KL to uniform over the label set): typology probabilities inside a family are a prior, not a measurement.",
    "Tier thresholds are family-level (handgun / long gun), chosen on validation with a one-sided 95% Wilson lower bound on precision.",
    `Selection on validation only. Multi-weapon scenes dropped (${droppedMultiWeaponScenes}).`,
    ...(options.notes ?? []),
  ];
  const manifest = await writeModelVersion(
    modelDir,
    {
      schemaVersion: 1,
      version,
      createdAt: new Date().toISOString(),
      labels: [...TYPOLOGY_KEYS],
      backbone: { id: BACKBONE_ID, fileName: BACKBONE_FILE_NAME, sha256: backbone.sha256, featureDim, layers: head.layers },
      preprocessing,
      head: { type: "linear-softmax+logistic-gate" },
      calibration: { method: "temperature", temperature: trained.temperature, fittedOn: "validation split, family-level NLL" },
      thresholds: {
        unit: "family",
        medium: trained.familyThresholds.medium.threshold,
        high: trained.familyThresholds.high.threshold,
        targetPrecision: DEFAULT_TRAIN_HEAD_OPTIONS.targetPrecision,
        typology: trained.typologyThresholds,
      },
      noFirearm: { threshold: trained.noFirearmThreshold, maxWeaponRejectionRate: DEFAULT_TRAIN_HEAD_OPTIONS.maxWeaponRejectionRate },
      trainedTypologies: trained.trainedTypologies,
      families: [...FAMILIES],
      training: { datasets, splits: { train: count("train"), validation: count("validation"), test: count("test") }, seed: options.seed, l2: trained.l2, gateL2: trained.gateL2, notes },
    },
    head,
  );
  const metrics = {
    version,
    test: trained.test,
    validation: {
      familyTop1: Number(trained.validation.familyAccuracy.toFixed(4)),
      ece: { unit: "family", before: Number(trained.validation.eceBefore.toFixed(4)), after: Number(trained.validation.eceAfter.toFixed(4)) },
      l2Selection: trained.validation.l2Scores,
      gateL2Selection: trained.validation.gateScores,
      familyThresholds: trained.familyThresholds,
    },
    counts: { weapons: countsBy((sample) => sample.kind === "weapon"), noFirearm: countsBy((sample) => sample.kind === "no-firearm") },
  };
  await writeFile(path.join(modelDir, "metrics.json"), `${JSON.stringify(metrics, null, 2)}\n`);
  await writeFile(path.join(modelDir, "MODEL_CARD.md"), renderModelCard(manifest, metrics));
  log(`wrote ${modelDir}`);
  return { modelDir, manifest };
}

export type TrainingMetrics = {
  version: string;
  test: ReturnType<typeof trainHead>["test"];
  validation: {
    familyTop1: number;
    ece: { unit: string; before: number; after: number };
    l2Selection: { l2: number; nll: number }[];
    gateL2Selection: { l2: number; nll: number }[];
    familyThresholds: ReturnType<typeof trainHead>["familyThresholds"];
  };
  counts: { weapons: Record<string, Record<string, number>>; noFirearm: Record<string, Record<string, number>> };
};
