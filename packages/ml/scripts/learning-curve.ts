// pnpm model:learning-curve — issue 10 §5: what the first expert labels do, and how much each should
// weigh. Trains heads on the features of a model version's backbone (default: the latest version)
// with 0, 1, 2, 5, 10 stand-in expert labels per typology and each candidate field weight, and writes
// LEARNING_CURVE.md and learning-curve.jsonl into the version's folder (or --out).
// Options: --model <version>, --seed 42 (split salt, as the version was trained), --counts 0,1,2,5,10,20,
// --weights 1,5,20,50, --repeats 3, --new-source caltech101-revolver, --out <dir>. Datasets from DATASETS_DIR (default ../shared/datasets).
import { readFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { PREPROCESS_PIPELINES, isSupportedPipeline } from "../src/image/preprocess.ts";
import type { ModelManifest } from "../src/manifest.ts";
import { latestModelVersion, resolveModelVersionDir } from "../src/model-versions.ts";
import { CACHE_DIR, DEFAULT_BACKBONE_PATH, datasetsDir } from "../src/paths.ts";
import { collectSamples } from "../src/training/collect-samples.ts";
import { runLearningCurve } from "../src/training/learning-curve.ts";
import { chooseFieldWeight, renderLearningCurve } from "../src/training/learning-curve-report.ts";
import { TYPOLOGY_LABEL_L2_GRID } from "../src/training/train-pipeline.ts";
import { calibrationFittedOn, DEFAULT_TRAIN_HEAD_OPTIONS } from "../src/training/train-head.ts";
import type { BackboneLayer } from "../src/backbone/backbone-spec.ts";

const { values } = parseArgs({
  options: {
    model: { type: "string" },
    seed: { type: "string" },
    counts: { type: "string", default: "0,1,2,5,10,20" },
    weights: { type: "string", default: "1,5,20,50" },
    repeats: { type: "string", default: "3" },
    out: { type: "string" },
    "new-source": { type: "string", default: "caltech101-revolver" },
  },
});
const numbers = (text: string) => text.split(",").map((value) => Number(value.trim())).filter((value) => Number.isFinite(value));
const version = values.model ?? latestModelVersion();
if (!version) throw new Error("No model version under models/: train one with `pnpm model:train`");
const modelDir = resolveModelVersionDir(version);
const manifest = JSON.parse(await readFile(path.join(modelDir, "manifest.json"), "utf8")) as ModelManifest;
const pipeline = manifest.preprocessing.pipeline ?? 3;
if (!isSupportedPipeline(pipeline)) throw new Error(`Unknown preprocessing pipeline ${pipeline}`);
const bundled = manifest.backbone.bundled === true;
const started = performance.now();
const { samples } = await collectSamples({
  datasetsDir: datasetsDir(),
  cacheDir: CACHE_DIR,
  backbonePath: bundled ? path.join(modelDir, manifest.backbone.fileName) : (process.env.BACKBONE_PATH ?? DEFAULT_BACKBONE_PATH),
  fineTunedBackbone: bundled,
  seed: Number(values.seed ?? manifest.training.seed),
  layers: manifest.backbone.layers.map((layer) => layer.name as BackboneLayer),
  mirrorTTA: manifest.preprocessing.mirrorTTA ?? true,
  trim: PREPROCESS_PIPELINES[pipeline].trim,
  pipeline,
  fit: PREPROCESS_PIPELINES[pipeline].fit,
  log: (line) => console.log(line),
});
const counts = numbers(values.counts!);
const repeats = Number(values.repeats);
const curves = [];
for (const design of [{ kind: "same-domain" as const }, { kind: "new-source" as const, source: values["new-source"]! }]) {
  curves.push(await runLearningCurve({ samples, design, counts, fieldWeights: numbers(values.weights!), repeats, headOptions: { l2Grid: TYPOLOGY_LABEL_L2_GRID }, log: (line) => console.log(line) }));
}
const choice = chooseFieldWeight(curves);
const command = `pnpm model:learning-curve --model ${version} --counts ${values.counts} --weights ${values.weights} --repeats ${repeats}`;
const outDir = values.out ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out) : modelDir;
await mkdir(outDir, { recursive: true });
// JSON Lines, not .json: registration hashes a model folder's .json and .onnx files, and a registered
// version must not change when its curve is (re)measured.
await writeFile(path.join(outDir, "learning-curve.jsonl"), [{ version, command, choice }, ...curves].map((line) => JSON.stringify(line)).join("\n") + "\n");
const markdown = renderLearningCurve(curves, choice, command, calibrationFittedOn(DEFAULT_TRAIN_HEAD_OPTIONS.calibrateOn));
await writeFile(path.join(outDir, "LEARNING_CURVE.md"), markdown);
console.log(markdown);
console.log(`learning curve of ${version} written to ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
