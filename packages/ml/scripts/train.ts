// pnpm model:train — trains a head on cached backbone features and writes models/<version>/.
// Options: --version 2026.11.25-2, --seed 42 (split salt), --source <csv> (repeatable: extra labelled
// photos, `file,typology[,group]`, typology = one of the twelve keys or none), --note "..." (repeatable).
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
  },
});
const started = performance.now();
const { modelDir, manifest, headFitSeconds } = await runTrainingPipeline({
  datasetsDir: datasetsDir(),
  // pnpm runs package scripts from the package folder: resolve against where the user typed.
  extraSources: (values.source ?? []).map((source) => path.resolve(process.env.INIT_CWD ?? process.cwd(), source)),
  modelsDir: MODELS_DIR,
  cacheDir: CACHE_DIR,
  backbonePath: process.env.BACKBONE_PATH ?? DEFAULT_BACKBONE_PATH,
  seed: Number(values.seed),
  notes: values.note ?? [],
  ...(values.version ? { version: values.version } : {}),
  log: (line) => console.log(line),
});
console.log(`model ${manifest.version} written to ${modelDir} in ${((performance.now() - started) / 1000).toFixed(1)} s (head fit ${headFitSeconds.toFixed(1)} s)`);
