import { isSupportedPipeline, PREPROCESS_PIPELINE_VERSION, PREPROCESS_PIPELINES } from "../image/preprocess.ts";
import { existsSync, readdirSync } from "node:fs";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { BACKBONE_FILE_NAME, BACKBONE_ID, BACKBONE_LAYER_DIMS, type BackboneLayer } from "../backbone/backbone-spec.ts";
import { FAMILIES, TYPOLOGY_KEYS } from "../domain.ts";
import type { HeadFile } from "../head/linear-head.ts";
import type { ModelManifest } from "../manifest.ts";
import { writeModelVersion } from "../model-files.ts";
import { REPO_ROOT } from "../paths.ts";
import { collectSamples } from "./collect-samples.ts";
import { LIKELY_LABEL_WEIGHT } from "./datasets.ts";
import { FIELD_LABEL_WEIGHT, isFieldSource } from "./field-labels.ts";
import { renderModelCard, CONFUSION_IMAGE, RELIABILITY_IMAGE } from "./model-card.ts";
import { confusionMatrixSvg, reliabilityDiagramSvg, renderPng } from "./report-images.ts";
import type { LabelledSample } from "./samples.ts";
import { buildTestReport, NO_FIREARM_COLUMN, type TestReport } from "./test-report.ts";
import { calibrationFittedOn, crossFitHead, policyOfTrainedHead, trainHead, DEFAULT_TRAIN_HEAD_OPTIONS, type TrainedHead } from "./train-head.ts";

/** L2 values tried when weapons-coarse carries typology labels (the 0.3 end of the coarse grid won there). */
export const TYPOLOGY_LABEL_L2_GRID = [3, 1, 0.3, 0.1, 0.03] as const;

/** File name of a bundled (fine-tuned) backbone inside models/<version>/. */
export const FINE_TUNED_BACKBONE_FILE = "backbone.onnx";

export interface TrainingPipelineOptions {
  datasetsDir: string;
  /** Extra labelled-photo CSVs (`file,typology[,group]`), e.g. an export of expert-labelled photos. */
  extraSources?: string[];
  modelsDir: string;
  cacheDir: string;
  backbonePath: string;
  seed: number;
  version?: string;
  layers?: BackboneLayer[];
  mirrorTTA?: boolean;
  /** Preprocessing pipeline (PREPROCESS_PIPELINES); default the current one. Its fit and trim are fixed by it. */
  pipeline?: number;
  /**
   * A fine-tuned backbone (python/finetune.py) at backbonePath: copied into the model's directory as
   * FINE_TUNED_BACKBONE_FILE and recorded as bundled, so the version carries its own backbone.
   */
  fineTunedBackbone?: { id: string };
  /** false: no per-class prior correction on validation (on by default with typology labels). */
  priorCorrection?: boolean;
  /** What the temperature is fitted on (TrainHeadOptions.calibrateOn); default "typology". */
  calibrateOn?: "family" | "typology";
  /** Weight of one photo of an extra source (field labels) against a web photo of its class; default FIELD_LABEL_WEIGHT. */
  fieldLabelWeight?: number;
  /** weapons-coarse labels from typology-labels.csv (default: when the file exists); false: coarse only. */
  typologyLabels?: boolean;
  /** Extra notes for the manifest and model card (e.g. how the test split was handled). */
  notes?: string[];
  /**
   * Cross-fitting (train-head.ts crossFitHead): fold k's backbone was fine-tuned with fold k held out
   * (`pnpm model:finetune --cv-folds K --cv-fold k`), and backbonePath on every fold (`--cv-fold -1`).
   * Calibration and thresholds come from the pooled out-of-fold scores instead of the validation split.
   */
  crossFit?: { foldBackbones: string[] };
  log: (line: string) => void;
}

/** The fine-tuning run's log (python/finetune.py), copied next to a bundled backbone. */
export const FINE_TUNE_LOG_FILE = "finetune-log.json";

/** What a bundled backbone's finetune-log.json holds: a fine-tuning run's log, or a soup's (`pnpm model:soup`). */
export interface FineTuneLog {
  args?: Record<string, unknown>;
  export?: { sha256?: string };
  soup?: { command: string; ingredients: { path: string; log: FineTuneLog | null }[] };
}

/** The `pnpm model:finetune` command a fine-tuning log's arguments stand for (python defaults left out); for a
 * soup, each ingredient's command then the soup's. */
export function fineTuneCommand(log: FineTuneLog): string {
  if (log.soup) {
    const ingredients = log.soup.ingredients.map((ingredient) => (ingredient.log ? fineTuneCommand(ingredient.log) : `(${ingredient.path}: no fine-tuning log)`));
    return [...ingredients, log.soup.command].join(" && ");
  }
  const args = log.args ?? {};
  const defaults: Record<string, unknown> = { batch_size: 64, lr: 4e-4, head_lr: 2e-3, weight_decay: 1e-4, warmup_steps: 50, threads: 2, limit: 0, max_minutes: 0, stop_after_epoch: 0, split_seed: null, cv_folds: 0, cv_fold: 0, select: "best" };
  const always = ["seed", "epochs", "views", "train_from_block"];
  const parts = ["pnpm model:finetune"];
  for (const [key, value] of Object.entries(args)) {
    if (["datasets_dir", "backbone", "out", "work_dir", "export_only", "validation_fallback"].includes(key)) continue;
    if (key === "cv_fold" && args.cv_folds) {
      parts.push(`--cv-fold ${String(value)}`);
      continue;
    }
    if (!always.includes(key) && (value === undefined || value === defaults[key])) continue;
    parts.push(`--${key.replaceAll("_", "-")} ${String(value)}`);
  }
  return parts.join(" ");
}

/** Next free version for today: YYYY.MM.DD-n. */
export function nextModelVersion(modelsDir: string, now = new Date()): string {
  const date = `${now.getUTCFullYear()}.${String(now.getUTCMonth() + 1).padStart(2, "0")}.${String(now.getUTCDate()).padStart(2, "0")}`;
  const taken = existsSync(modelsDir) ? readdirSync(modelsDir).filter((name) => name.startsWith(`${date}-`)).map((name) => Number(name.slice(date.length + 1))) : [];
  return `${date}-${Math.max(0, ...taken.filter(Number.isFinite)) + 1}`;
}

export interface TrainingMetrics {
  version: string;
  seed: number;
  /** Held-out split, evaluated once with everything frozen. */
  test: TestReport;
  validation: {
    familyTop1: number;
    typology: TrainedHead["validation"]["typology"];
    ece: { unit: string; before: number; after: number };
    l2Selection: { l2: number; nll: number }[];
    gateL2Selection: { l2: number; nll: number }[];
    familyThresholds: TrainedHead["familyThresholds"];
    typologyThresholds: TrainedHead["typologyThresholdReports"];
    gateThreshold: TrainedHead["gateThreshold"];
    /** Present when calibration came from cross-fitting: the figures above are out-of-fold, not the validation split's. */
    crossFit?: NonNullable<TrainedHead["crossFit"]>;
    /** The held-out photos grouped into cases, per pooling (absent up to 2026.12.06-4). */
    cases?: TrainedHead["validation"]["cases"];
  };
  counts: { weapons: Record<string, Record<string, number>>; noFirearm: Record<string, Record<string, number>> };
}

const CONFUSION_COLUMN_LABELS: Record<string, string> = {
  revolver: "revolver",
  pistolet_semi_auto_moderne: "pistol semi-auto",
  autre_pistolet: "other pistol",
  pistolet_mecanisme_ancien: "antique pistol",
  epaule_a_verrou: "bolt",
  epaule_a_levier_sous_garde: "lever",
  epaule_a_pompe: "pump",
  epaule_a_un_coup_par_canon: "break-action",
  epaule_semi_auto_style_chasse: "semi-auto hunting",
  epaule_semi_auto_style_militaire_milieu_20e: "military mid-20th",
  semi_auto_style_militaire_autre: "military other/SMG",
  epaule_mecanisme_ancien: "antique long gun",
  [NO_FIREARM_COLUMN]: "NO FIREARM (gate)",
};

export async function runTrainingPipeline(options: TrainingPipelineOptions): Promise<{ modelDir: string; manifest: ModelManifest; metrics: TrainingMetrics; headFitSeconds: number }> {
  const { log } = options;
  const layers = options.layers ?? ["features", "block16_features"];
  const mirrorTTA = options.mirrorTTA ?? true;
  const pipeline = options.pipeline ?? PREPROCESS_PIPELINE_VERSION;
  if (!isSupportedPipeline(pipeline)) throw new Error(`Unknown preprocessing pipeline ${pipeline} (known: ${Object.keys(PREPROCESS_PIPELINES).join(", ")})`);
  const { fit, trim } = PREPROCESS_PIPELINES[pipeline];
  const preprocessing = { size: 224, fit, background: "#ffffff", trim: { ...trim }, pipeline, mirrorTTA };

  // The fold logs are checked before any feature is extracted: a wrong fold stops the run at once.
  const crossFitLogs = options.crossFit ? { final: await readFineTuneLog(options.backbonePath), folds: await Promise.all(options.crossFit.foldBackbones.map(readFineTuneLog)) } : null;
  if (crossFitLogs) checkCrossFitLogs(crossFitLogs.final, crossFitLogs.folds, options.seed);
  const collectOptions = {
    datasetsDir: options.datasetsDir,
    extraSources: options.extraSources ?? [],
    cacheDir: options.cacheDir,
    backbonePath: options.backbonePath,
    seed: options.seed,
    layers,
    mirrorTTA,
    trim,
    pipeline,
    fit,
    fineTunedBackbone: options.fineTunedBackbone !== undefined,
    ...(options.typologyLabels === undefined ? {} : { typologyLabels: options.typologyLabels }),
    log,
  };
  const collected = await collectSamples({ ...collectOptions, ...(options.crossFit ? { folds: { count: options.crossFit.foldBackbones.length, fold: -1 } } : {}) });
  const { samples, featureDim } = collected;
  const foldCount = options.crossFit?.foldBackbones.length ?? 0;
  const foldSamples: LabelledSample[][] = [];
  for (const [fold, backbonePath] of (options.crossFit?.foldBackbones ?? []).entries()) {
    log(`pli ${fold + 1}/${foldCount} : ${backbonePath}`);
    const foldCollected = await collectSamples({ ...collectOptions, backbonePath, fineTunedBackbone: true, folds: { count: foldCount, fold }, withoutTest: true });
    foldSamples.push(foldCollected.samples);
  }

  const trainingStarted = performance.now();
  // Full typology labels support weaker regularisation than set-valued ones, and stronger: the grid
  // widens both ways (selection on validation NLL, as before).
  // With typology labels, the prior shift of class balancing is undone on validation (fitPriorCorrection).
  const priorCorrection = collected.typologyLabels && options.priorCorrection !== false;
  const fieldLabelWeight = options.fieldLabelWeight ?? FIELD_LABEL_WEIGHT;
  const calibrateOn = options.calibrateOn ?? DEFAULT_TRAIN_HEAD_OPTIONS.calibrateOn;
  const headOptions = { labels: TYPOLOGY_KEYS, log, priorCorrection, fieldLabelWeight, calibrateOn, ...(collected.typologyLabels ? { l2Grid: TYPOLOGY_LABEL_L2_GRID } : {}) };
  const trained = options.crossFit ? await crossFitHead(foldSamples, samples, headOptions) : await trainHead(samples, headOptions);
  const headFitSeconds = (performance.now() - trainingStarted) / 1000;
  log(`head trained in ${headFitSeconds.toFixed(1)} s (${trained.timings.objectiveEvaluations} objective evaluations)`);

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
  const datasets = collected.descriptions.map((description) => ({ ...description, images: samples.filter((sample) => sample.source === description.name).length }));
  const notes = [
    collected.typologyLabels
      ? `weapons-coarse labels from typology-labels.csv: the typology where one is given (\`likely\` weighted ${LIKELY_LABEL_WEIGHT}), the coarse set (HandGun, Rifle, ShotGun, SMG) where \`unsure\`; ${collected.droppedByTypologyLabel} photos labelled multiple/none dropped. caltech101-revolver and extra sources carry full labels.`
      : "Typology labels are coarse (HandGun, Rifle, ShotGun, SMG = sets of typologies) except caltech101-revolver (revolver), SMG (semi_auto_style_militaire_autre) and extra sources (full typology labels).",
    fit === "fill"
      ? `Preprocessing pipeline ${pipeline}: every photo stretched to the 224 × 224 square (no trim, no letterbox), so no band or border tells one source from another.`
      : `Preprocessing pipeline ${pipeline}: border trim then letterbox on white.`,
    "Within-set split tied to a maximum-entropy prior (KL to uniform over the label set): typology probabilities inside a family are a prior, not a measurement.",
    "A typology enters trainedTypologies only if, on validation, the photos predicted as it at its threshold carry exactly its label often enough: one-sided 95% Wilson lower bound of that strict precision >= 90% (medium) / 98% (high), at least 20 photos.",
    "Family tier thresholds (manifest.thresholds.medium/high) are chosen the same way on the family; the platform only uses them for trained typologies' fallback, untrained typologies stay low.",
    `No-firearm threshold: per weapon source, the larger of the empirical 2% bound and a one-sided normal tolerance bound (90% confidence) on validation gate logits; the strictest source (${trained.gateThreshold.decidedBy}) decides.`,
    ...(trained.priorOffsets ? [`Class balancing's prior shift undone on validation: per-typology logit offsets (${trained.priorOffsets.map((value) => value.toFixed(2)).join(", ")}, label order) folded into the head's bias before the temperature was fitted.`] : []),
    ...(trained.crossFit
      ? [
          `Cross-fitted: train + validation cut into ${foldCount} folds by the split hash; each fold scored by a backbone fine-tuned and a head trained without it. The pooled out-of-fold scores (${trained.crossFit.folds.reduce((total, fold) => total + fold.heldOutPhotos, 0)} photos) chose L2 and fitted the prior correction, temperature and every threshold ("validation" in this card); the served backbone and head trained on every fold.`,
        ]
      : []),
    `Selection on ${trained.crossFit ? "out-of-fold scores" : "validation"} only; the test split is evaluated once at the end of the run. Multi-weapon scenes dropped (${collected.droppedMultiWeaponScenes}).`,
    ...(samples.some((sample) => isFieldSource(sample.source))
      ? [`Field labels (extra sources): ${samples.filter((sample) => sample.split === "train" && isFieldSource(sample.source)).length} training photos, each weighing ${fieldLabelWeight}× a web photo of its class in both heads (learning curve, issue 10 §5).`]
      : []),
    ...(options.notes ?? []),
  ];
  const fineTuneLog = options.fineTunedBackbone ? path.join(path.dirname(options.backbonePath), FINE_TUNE_LOG_FILE) : null;
  if (options.fineTunedBackbone) {
    // before the manifest: a directory whose manifest exists is complete
    await mkdir(modelDir, { recursive: true });
    await copyFile(options.backbonePath, path.join(modelDir, FINE_TUNED_BACKBONE_FILE));
    if (fineTuneLog && existsSync(fineTuneLog)) await copyFile(fineTuneLog, path.join(modelDir, FINE_TUNE_LOG_FILE));
  }
  const manifest = await writeModelVersion(
    modelDir,
    {
      schemaVersion: 1,
      version,
      createdAt: new Date().toISOString(),
      labels: [...TYPOLOGY_KEYS],
      backbone: options.fineTunedBackbone
        ? { id: options.fineTunedBackbone.id, fileName: FINE_TUNED_BACKBONE_FILE, sha256: collected.backboneSha256, bundled: true, featureDim, layers: head.layers }
        : { id: BACKBONE_ID, fileName: BACKBONE_FILE_NAME, sha256: collected.backboneSha256, featureDim, layers: head.layers },
      preprocessing,
      head: { type: "linear-softmax+logistic-gate" },
      calibration: { method: "temperature", temperature: trained.temperature, fittedOn: calibrationFittedOn(calibrateOn, trained.crossFit ? foldCount : 0), caseAggregation: trained.caseAggregation },
      ...policyOfTrainedHead(trained),
      families: [...FAMILIES],
      training: { datasets, splits: { train: count("train"), validation: count("validation"), test: count("test") }, seed: options.seed, l2: trained.l2, gateL2: trained.gateL2, notes },
    },
    head,
  );

  // --- The test split, once, everything frozen ---
  const test = buildTestReport(trained, samples, manifest);
  log(`test: family top-1 ${test.familyTop1.rate}, platform tiers high ${test.platformTiers.high.share} / medium ${test.platformTiers.medium.share} / low ${test.platformTiers.low.share}`);
  const metrics: TrainingMetrics = {
    version,
    seed: options.seed,
    test,
    validation: {
      familyTop1: Number(trained.validation.familyAccuracy.toFixed(4)),
      typology: trained.validation.typology,
      ece: { unit: "family", before: Number(trained.validation.eceBefore.toFixed(4)), after: Number(trained.validation.eceAfter.toFixed(4)) },
      l2Selection: trained.validation.l2Scores,
      gateL2Selection: trained.validation.gateScores,
      familyThresholds: trained.familyThresholds,
      typologyThresholds: trained.typologyThresholdReports,
      gateThreshold: trained.gateThreshold,
      ...(trained.crossFit ? { crossFit: trained.crossFit } : {}),
      cases: trained.validation.cases,
    },
    counts: { weapons: countsBy((sample) => sample.kind === "weapon"), noFirearm: countsBy((sample) => sample.kind === "no-firearm") },
  };
  await writeFile(path.join(modelDir, "metrics.json"), `${JSON.stringify(metrics, null, 2)}\n`);
  const confusionRows = [...Object.keys(test.confusion).filter((row) => row !== "none").sort(), ...(test.confusion.none ? ["none"] : [])];
  await writeFile(
    path.join(modelDir, CONFUSION_IMAGE),
    await renderPng(confusionMatrixSvg({ title: `Test split confusion, model ${version}`, rows: confusionRows, columns: [...TYPOLOGY_KEYS, NO_FIREARM_COLUMN], counts: test.confusion, columnLabels: CONFUSION_COLUMN_LABELS })),
  );
  await writeFile(
    path.join(modelDir, RELIABILITY_IMAGE),
    await renderPng(reliabilityDiagramSvg({ title: `Family confidence reliability, test split, model ${version}`, before: test.reliability.before, after: test.reliability.after, from: 0.5, ece: test.ece })),
  );
  const finalLog = crossFitLogs?.final ?? (fineTuneLog && existsSync(fineTuneLog) ? (JSON.parse(await readFile(fineTuneLog, "utf8")) as FineTuneLog) : null);
  const reproduce =
    finalLog
      ? {
          command: [...(crossFitLogs?.folds ?? []), finalLog].map((entry) => fineTuneCommand(entry)).join(" && "),
          backbonePath: path.relative(REPO_ROOT, options.backbonePath),
          ...(options.crossFit ? { foldBackbones: options.crossFit.foldBackbones.map((backbone) => path.relative(REPO_ROOT, backbone)) } : {}),
        }
      : undefined;
  await writeFile(path.join(modelDir, "MODEL_CARD.md"), renderModelCard(manifest, metrics, reproduce));
  log(`wrote ${modelDir}`);
  return { modelDir, manifest, metrics, headFitSeconds };
}

async function readFineTuneLog(backbonePath: string): Promise<FineTuneLog> {
  const file = path.join(path.dirname(backbonePath), FINE_TUNE_LOG_FILE);
  if (!existsSync(file)) throw new Error(`${file} not found: a cross-fitted backbone must come with its fine-tuning log (pnpm model:finetune --cv-folds K --cv-fold k)`);
  return JSON.parse(await readFile(file, "utf8")) as FineTuneLog;
}

/**
 * The fine-tuning logs must say what cross-fitting assumes: the final backbone on every fold (-1),
 * fold k's backbone without fold k, all of them on this run's split seed with one fold count, each
 * file the one its log exported. A fold backbone fine-tuned on the plain split would have seen its
 * "held-out" photos and make the calibration optimistic.
 */
export function checkCrossFitLogs(final: FineTuneLog, folds: readonly FineTuneLog[], seed: number): void {
  const count = folds.length;
  const describe = (index: number) => (index === 0 ? "the final backbone" : `fold ${index - 1}'s backbone`);
  [final, ...folds].forEach((entry, index) => {
    const args = entry.args ?? {};
    const expectedFold = index === 0 ? -1 : index - 1;
    const splitSeed = args.split_seed ?? args.seed;
    if (args.cv_folds !== count) throw new Error(`${describe(index)} was fine-tuned with --cv-folds ${String(args.cv_folds ?? 0)}, not ${count}`);
    if (args.cv_fold !== expectedFold) throw new Error(`${describe(index)} was fine-tuned with --cv-fold ${String(args.cv_fold)}, not ${expectedFold}`);
    if (splitSeed !== seed) throw new Error(`${describe(index)} was fine-tuned on the split of seed ${String(splitSeed)}, not ${seed}`);
  });
}
