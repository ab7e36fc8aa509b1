import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { TrainingParameters } from "@basegun/api";
import { COARSE_LABEL_TYPOLOGIES, FAMILIES, TYPOLOGY_KEYS, type TypologyKey } from "@basegun/domain";
import { BACKBONE_FILE_NAME, BACKBONE_ID, calibrationFittedOn, policyOfTrainedHead, FIELD_LABEL_WEIGHT, FINE_TUNED_BACKBONE_FILE as BUNDLED_BACKBONE_FILE, isFieldSource, PLATFORM_FIELD_SOURCES, TYPOLOGY_LABEL_L2_GRID, trainHead, writeModelVersion, type HeadFile, type LabelledSample, type ModelManifest } from "@basegun/ml";
import type { FrozenImage } from "./dataset-images.ts";
import { combined, LAYER_DIMS, type FeatureSettings, type ImageFeatures } from "./features.ts";

export interface TrainedVersion {
  manifest: ModelManifest;
  samples: { train: number; validation: number; test: number };
  /** photos per source, as used */
  sources: Record<string, number>;
  seconds: number;
}

const isTypology = (key: string): key is TypologyKey => (TYPOLOGY_KEYS as readonly string[]).includes(key);

/** Frozen items with their features into ml samples (test photos too: trainHead never reads them). */
export function toSamples(images: readonly FrozenImage[], features: Map<string, ImageFeatures>, mirrorTTA: boolean): LabelledSample[] {
  const samples: LabelledSample[] = [];
  const seen = new Set<string>();
  for (const image of images) {
    const extracted = features.get(image.sha256);
    // identical files count once, in the first split they appear in
    if (!extracted || seen.has(image.sha256)) continue;
    seen.add(image.sha256);
    const allowed = (image.typology ? [image.typology] : image.labelSet).filter(isTypology);
    if (!image.noFirearm && allowed.length === 0) continue;
    samples.push({
      id: image.sha256,
      source: image.sourceName,
      split: image.split,
      kind: image.noFirearm ? "no-firearm" : "weapon",
      features: combined(extracted, mirrorTTA),
      sourceLabel: image.noFirearm ? `no_firearm:${image.sourceName}` : image.sourceLabel,
      allowedTypologies: image.noFirearm ? [] : allowed,
    });
  }
  return samples;
}

/**
 * Fits the head with the ml package's trainer (selection and calibration on the validation split) and
 * writes models/<version>/ (head.json, manifest.json, metrics.json). The manifest names the dataset
 * version and every source that contributed, with licences.
 */
export async function trainAndWrite(options: {
  samples: LabelledSample[];
  images: readonly FrozenImage[];
  settings: FeatureSettings;
  backboneSha256: string;
  /** The production model's fine-tuned backbone: copied into the new version, which then bundles it too. */
  bundledBackbone?: { id: string; sourcePath: string };
  parameters: TrainingParameters;
  version: string;
  modelDir: string;
  datasetVersion: { id: string; number: number };
  log: (line: string) => void;
}): Promise<TrainedVersion> {
  const { samples, settings, parameters } = options;
  const count = (split: string) => samples.filter((sample) => sample.split === split).length;
  const weapons = (split: string) => samples.filter((sample) => sample.split === split && sample.kind === "weapon").length;
  if (weapons("train") === 0 || weapons("validation") === 0) {
    throw new Error(`not enough labelled photos: ${weapons("train")} train and ${weapons("validation")} validation weapon photos (both must be above zero)`);
  }
  const started = performance.now();
  // As `pnpm model:train` does with typology labels: their grid and the prior correction (issue 10).
  const fullLabels = samples.some((sample) => sample.kind === "weapon" && sample.allowedTypologies.length === 1);
  const fieldLabelWeight = parameters.fieldLabelWeight ?? FIELD_LABEL_WEIGHT;
  const fieldPhotos = samples.filter((sample) => sample.split === "train" && isFieldSource(sample.source)).length;
  options.log(`étiquettes de terrain (expertises, retours d'agents) : ${fieldPhotos} ${fieldPhotos > 1 ? "photos" : "photo"} d'entraînement, chacune pesant ${fieldLabelWeight} fois une photo web de sa classe (courbe d'apprentissage, issue 10 §5)`);
  const trained = await trainHead(samples, {
    labels: TYPOLOGY_KEYS,
    log: options.log,
    priorCorrection: fullLabels,
    // typology labels: calibrate the typology probability the officer reads (issue 10 §4)
    calibrateOn: fullLabels ? "typology" : "family",
    fieldLabelWeight,
    ...(fullLabels ? { l2Grid: TYPOLOGY_LABEL_L2_GRID } : {}),
    ...(parameters.l2Grid ? { l2Grid: parameters.l2Grid } : {}),
    ...(parameters.gateL2Grid ? { gateL2Grid: parameters.gateL2Grid } : {}),
    ...(parameters.maxIterations ? { maxIterations: parameters.maxIterations } : {}),
    ...(parameters.minTierSupport ? { minTierSupport: parameters.minTierSupport } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  const featureDim = settings.layers.reduce((total, layer) => total + LAYER_DIMS[layer], 0);
  const layers = settings.layers.map((name) => ({ name, dim: LAYER_DIMS[name] }));
  const head: HeadFile = {
    format: "basegun-linear-head/1",
    featureDim,
    layers,
    typology: { labels: [...TYPOLOGY_KEYS], weights: trained.typology.weights, bias: trained.typology.bias },
    noFirearm: trained.noFirearm,
  };
  const sources: Record<string, number> = {};
  for (const sample of samples) sources[sample.source] = (sources[sample.source] ?? 0) + 1;
  const describe = (name: string) => {
    const info = options.images.find((image) => image.sourceName === name)?.importInfo;
    if (name === "expert_review") return { licence: "Basegun (internal)", attribution: "Photos labelled by Basegun experts through the review loop." };
    if (name === "officer_feedback") return { licence: "Basegun (internal)", attribution: "Officer feedback confirmed on the platform." };
    return { licence: info?.licence ?? "not stated", attribution: info?.attribution ?? `Imported folder ${info?.name ?? name}.` };
  };
  const coarse = Object.keys(COARSE_LABEL_TYPOLOGIES).filter((label) => samples.some((sample) => sample.sourceLabel === label));
  if (options.bundledBackbone) {
    // before the manifest: a folder whose manifest exists is complete
    await mkdir(options.modelDir, { recursive: true });
    await copyFile(options.bundledBackbone.sourcePath, path.join(options.modelDir, BUNDLED_BACKBONE_FILE));
  }
  const manifest = await writeModelVersion(
    options.modelDir,
    {
      schemaVersion: 1,
      version: options.version,
      createdAt: new Date().toISOString(),
      labels: [...TYPOLOGY_KEYS],
      backbone: options.bundledBackbone
        ? { id: options.bundledBackbone.id, fileName: BUNDLED_BACKBONE_FILE, sha256: options.backboneSha256, bundled: true, featureDim, layers }
        : { id: BACKBONE_ID, fileName: BACKBONE_FILE_NAME, sha256: options.backboneSha256, featureDim, layers },
      preprocessing: { size: settings.size, fit: settings.fit, background: settings.background, trim: settings.trim, pipeline: settings.pipeline, mirrorTTA: true },
      head: { type: "linear-softmax+logistic-gate" },
      calibration: { method: "temperature", temperature: trained.temperature, fittedOn: calibrationFittedOn(fullLabels ? "typology" : "family"), caseAggregation: trained.caseAggregation },
      ...policyOfTrainedHead(trained),
      families: [...FAMILIES],
      training: {
        datasets: Object.entries(sources).map(([name, images]) => ({ name, images, ...describe(name) })),
        splits: { train: count("train"), validation: count("validation"), test: count("test") },
        seed: parameters.seed,
        l2: trained.l2,
        gateL2: trained.gateL2,
        notes: [
          `Trained by the Basegun training worker on frozen dataset version ${options.datasetVersion.number} (${options.datasetVersion.id}); splits fixed by the hash of each photo's group.`,
          `Field labels (${PLATFORM_FIELD_SOURCES.join(", ")}): ${fieldPhotos} training photos, each weighing ${fieldLabelWeight}× a web photo of its class in both heads (chosen on the learning curve, issue 10 §5).${fullLabels ? " Per-typology prior correction fitted on validation." : ""}`,
          ...(coarse.length ? [`Coarse labels (${coarse.join(", ")}) are sets of typologies: within-family typology probabilities are a prior, not a measurement.`] : []),
          ...(parameters.note ? [parameters.note] : []),
        ],
      },
    },
    head,
  );
  const metrics = {
    version: options.version,
    datasetVersion: options.datasetVersion.number,
    validation: {
      familyTop1: Number(trained.validation.familyAccuracy.toFixed(4)),
      ece: { unit: "family", before: Number(trained.validation.eceBefore.toFixed(4)), after: Number(trained.validation.eceAfter.toFixed(4)) },
      l2Selection: trained.validation.l2Scores,
      gateL2Selection: trained.validation.gateScores,
      familyThresholds: trained.familyThresholds,
    },
    sources,
    trainSeconds: Number(seconds.toFixed(2)),
  };
  await writeFile(path.join(options.modelDir, "metrics.json"), `${JSON.stringify(metrics, null, 2)}\n`);
  return { manifest, samples: { train: count("train"), validation: count("validation"), test: count("test") }, sources, seconds };
}
