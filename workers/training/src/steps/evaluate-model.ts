import { readFile } from "node:fs/promises";
import path from "node:path";
import { computeEvaluationMetrics, type EvaluatedItem, type EvaluationMetrics } from "@basegun/api";
import type { Db } from "@basegun/db";
import { formatPercent, type TypologyKey } from "@basegun/domain";
import { backbonePathOf, evaluateHead, loadHead, parseModelManifest, sigmoid, softmax, type BackboneLayer, type ModelManifest } from "@basegun/ml";
import type { PhotoStore } from "@basegun/storage";
import type { RunContext } from "../run-context.ts";
import { loadFrozenImages } from "./dataset-images.ts";
import { combined, computeFeatures, type FeatureSettings } from "./features.ts";

export interface EvaluationDeps {
  db: Db;
  store: PhotoStore;
  backbonePath: string;
  cacheDir: string;
}

export const featureSettingsOf = (manifest: ModelManifest): FeatureSettings => ({
  layers: manifest.backbone.layers.map((layer) => layer.name) as BackboneLayer[],
  size: manifest.preprocessing.size,
  background: manifest.preprocessing.background,
  trim: manifest.preprocessing.trim,
  pipeline: manifest.preprocessing.pipeline,
  fit: manifest.preprocessing.fit,
});

/**
 * A model version folder against a frozen dataset version's test split, photo by photo, through the
 * same head, temperature and tier rule the inference worker applies. Stores (or replaces) the
 * ModelEvaluation row when modelVersionId is given.
 */
export async function evaluateModelOnDataset(
  deps: EvaluationDeps,
  ctx: RunContext,
  options: { modelDir: string; datasetVersionId: string; progress: [number, number] },
): Promise<{ metrics: EvaluationMetrics; unreadable: number }> {
  const manifest = parseModelManifest(JSON.parse(await readFile(path.join(options.modelDir, "manifest.json"), "utf8")));
  const head = loadHead(JSON.parse(await readFile(path.join(options.modelDir, manifest.head.file), "utf8")));
  const items = await loadFrozenImages(deps.db, options.datasetVersionId, ["test"]);
  await ctx.log(`partie test : ${items.length} photos`);
  const [from, to] = options.progress;
  const extracted = await computeFeatures({
    // a version that bundles its own (fine-tuned) backbone is evaluated on it
    backbonePath: backbonePathOf(manifest, options.modelDir, deps.backbonePath),
    cacheDir: deps.cacheDir,
    settings: featureSettingsOf(manifest),
    images: items.map((item) => ({ sha256: item.sha256, load: () => deps.store.get(item.imageKey) })),
    onProgress: (done, total) => ctx.progress(from + ((to - from) * done) / total),
  });
  const evaluated: EvaluatedItem[] = [];
  for (const item of items) {
    const features = extracted.features.get(item.sha256);
    if (!features) continue;
    const { typologyLogits, noFirearmLogit } = evaluateHead(head, combined(features, manifest.preprocessing.mirrorTTA));
    const calibrated = softmax(typologyLogits, manifest.calibration.temperature);
    const probabilities = Object.fromEntries(head.labels.map((label, index) => [label, calibrated[index]!])) as Record<TypologyKey, number>;
    evaluated.push({ typology: item.typology, labelSet: item.labelSet, noFirearm: item.noFirearm, sourceLabel: item.sourceLabel, probabilities, noFirearmScore: sigmoid(noFirearmLogit) });
  }
  const metrics = computeEvaluationMetrics(evaluated, manifest);
  await ctx.log(
    `${evaluated.length} photos de test évaluées (${extracted.failures.length} illisibles) : typologie exacte ${fmt(metrics.top1Accuracy)} (sur ${metrics.counts.exact} étiquettes exactes), dans l'étiquette ${fmt(metrics.inLabelAccuracy)}, famille ${fmt(metrics.familyAccuracy)}, ECE ${fmt(metrics.calibration.ece)}, fiabilité faible ${fmt(metrics.lowTierRate)}`,
  );
  return { metrics, unreadable: extracted.failures.length };
}

// the screens' rounding (the domain's formatPercent), in the logs too
const fmt = (value: number | null) => formatPercent(value, "fr");

/** Stores an evaluation (one per model version, dataset version and split: a re-run replaces it). */
export async function storeEvaluation(db: Pick<Db, "modelEvaluation">, modelVersionId: string, datasetVersionId: string, metrics: EvaluationMetrics) {
  const data = { metrics: metrics as unknown as object };
  return db.modelEvaluation.upsert({
    where: { modelVersionId_datasetVersionId_split: { modelVersionId, datasetVersionId, split: "test" } },
    create: { modelVersionId, datasetVersionId, split: "test", ...data },
    update: data,
  });
}
