// pnpm model:train — trains a head on cached backbone features and writes models/<version>/.
// Options: --version 2026.11.25-2, --seed 42 (split salt), --source <csv> (repeatable: extra labelled
// photos, `file,typology[,group]`, typology = one of the twelve keys or none), --note "..." (repeatable).
// --pipeline 3|4 (preprocessing, default the current one: 4, stretch to the square), --coarse-labels
// (ignore typology-labels.csv, as models up to 2026.11.25-3), --fine-tuned-backbone <onnx> (from
// `pnpm model:finetune`: the head is trained on its features and the file ships with the version),
// --field-label-weight 20 (weight of one --source photo against a web photo of its class; default
// FIELD_LABEL_WEIGHT, chosen by `pnpm model:learning-curve`), --calibrate-on typology|family (what the
// temperature is fitted on; family for models up to 2026.12.06-2), --cross-fit-backbone <onnx> (repeatable, in
// fold order: fold k's backbone from `pnpm model:finetune --cv-folds K --cv-fold k`; with --fine-tuned-backbone
// from `--cv-fold -1`, calibration and thresholds come from the out-of-fold scores, train-head.ts crossFitHead).
// Datasets from DATASETS_DIR (default ../shared/datasets).
import path from "node:path";
import { parseArgs } from "node:util";
import { CACHE_DIR, DEFAULT_BACKBONE_PATH, MODELS_DIR, datasetsDir } from "../src/paths.ts";
import { runTrainingPipeline } from "../src/training/train-pipeline.ts";

const { values } = parseArgs({
  options: {
    version: { type: "string" },
    seed: { type: "string", default: "42" },
    source: { type: "string", multiple: true },
    note: { type: "string", multiple: true },
    pipeline: { type: "string" },
    "coarse-labels": { type: "boolean", default: false },
    "without-prior-correction": { type: "boolean", default: false },
    "field-label-weight": { type: "string" },
    "calibrate-on": { type: "string" },
    "fine-tuned-backbone": { type: "string" },
    "fine-tuned-backbone-id": { type: "string", default: "nsfwjs-4.3.0/mobilenet_v2_mid+basegun-finetune" },
    "cross-fit-backbone": { type: "string", multiple: true },
  },
});
const typedPath = (value: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), value);
const crossFitBackbones = values["cross-fit-backbone"] ?? [];
if (crossFitBackbones.length > 0 && !values["fine-tuned-backbone"]) throw new Error("--cross-fit-backbone needs --fine-tuned-backbone: the backbone fine-tuned on every fold (--cv-fold -1)");
if (crossFitBackbones.length === 1) throw new Error("cross-fitting needs at least 2 fold backbones (--cross-fit-backbone, one per fold, in fold order)");
function calibrateOn(value: string): "family" | "typology" {
  if (value !== "family" && value !== "typology") throw new Error(`--calibrate-on family|typology, not ${value}`);
  return value;
}
const started = performance.now();
const { modelDir, manifest, headFitSeconds } = await runTrainingPipeline({
  datasetsDir: datasetsDir(),
  // pnpm runs package scripts from the package folder: resolve against where the user typed.
  extraSources: (values.source ?? []).map((source) => path.resolve(process.env.INIT_CWD ?? process.cwd(), source)),
  modelsDir: MODELS_DIR,
  cacheDir: CACHE_DIR,
  backbonePath: values["fine-tuned-backbone"] ? typedPath(values["fine-tuned-backbone"]) : (process.env.BACKBONE_PATH ?? DEFAULT_BACKBONE_PATH),
  ...(crossFitBackbones.length > 0 ? { crossFit: { foldBackbones: crossFitBackbones.map(typedPath) } } : {}),
  ...(values["fine-tuned-backbone"] ? { fineTunedBackbone: { id: values["fine-tuned-backbone-id"]! } } : {}),
  ...(values.pipeline ? { pipeline: Number(values.pipeline) } : {}),
  ...(values["coarse-labels"] ? { typologyLabels: false } : {}),
  ...(values["without-prior-correction"] ? { priorCorrection: false } : {}),
  ...(values["field-label-weight"] ? { fieldLabelWeight: Number(values["field-label-weight"]) } : {}),
  ...(values["calibrate-on"] ? { calibrateOn: calibrateOn(values["calibrate-on"]) } : {}),
  seed: Number(values.seed),
  notes: values.note ?? [],
  ...(values.version ? { version: values.version } : {}),
  log: (line) => console.log(line),
});
console.log(`model ${manifest.version} written to ${modelDir} in ${((performance.now() - started) / 1000).toFixed(1)} s (head fit ${headFitSeconds.toFixed(1)} s)`);
