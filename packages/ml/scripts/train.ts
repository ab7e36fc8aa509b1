// pnpm model:train — trains a head on cached backbone features and writes models/<version>/.
// Options: --version 2026.11.25-1, --seed 1, --note "..." (repeatable). Datasets from DATASETS_DIR (default ../shared/datasets).
import { parseArgs } from "node:util";
import { CACHE_DIR, DEFAULT_BACKBONE_PATH, MODELS_DIR, datasetsDir } from "../src/paths.ts";
import { runTrainingPipeline } from "../src/training/train-pipeline.ts";

const { values } = parseArgs({ options: { version: { type: "string" }, seed: { type: "string", default: "1" }, note: { type: "string", multiple: true } } });
const started = performance.now();
const { modelDir, manifest } = await runTrainingPipeline({
  datasetsDir: datasetsDir(),
  modelsDir: MODELS_DIR,
  cacheDir: CACHE_DIR,
  backbonePath: process.env.BACKBONE_PATH ?? DEFAULT_BACKBONE_PATH,
  seed: Number(values.seed),
  notes: values.note ?? [],
  ...(values.version ? { version: values.version } : {}),
  log: (line) => console.log(line),
});
console.log(`model ${manifest.version} written to ${modelDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
