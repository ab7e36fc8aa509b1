// pnpm model:compare-backbones --backbone seed-7=.cache/ml/finetune/seed-7/backbone.onnx --backbone soup=... [--seed 42]
// Chooses between fine-tuned backbones (seeds, soups, settings) on the validation split only: for each,
// features of every photo (feature cache shared with `pnpm model:train`, so the chosen one trains
// without extracting again), the head trained exactly as `pnpm model:train` trains it, and one row of
// validation figures. The test split is not read.
// `--backbone name=a.onnx+b.onnx` measures an ensemble of fine-tuning runs: the head is trained on the
// concatenation of the backbones' features (what a graph sharing the frozen stem and running each
// fine-tuned tail would output), to see what ensembling would buy before anyone builds that graph.
import path from "node:path";
import { parseArgs } from "node:util";
import { TYPOLOGY_KEYS } from "../src/domain.ts";
import { PREPROCESS_PIPELINE_VERSION, PREPROCESS_PIPELINES } from "../src/image/preprocess.ts";
import { CACHE_DIR, datasetsDir } from "../src/paths.ts";
import { collectSamples, concatenateFeatures } from "../src/training/collect-samples.ts";
import { trainHead } from "../src/training/train-head.ts";
import { TYPOLOGY_LABEL_L2_GRID } from "../src/training/train-pipeline.ts";
import { pairedValidationDeltas, summariseValidation, VALIDATION_TABLE_HEADER, validationCells, type ValidationSummary } from "../src/training/validation-summary.ts";

const { values } = parseArgs({ options: { backbone: { type: "string", multiple: true }, seed: { type: "string", default: "42" }, "l2-grid": { type: "string" } } });
const candidates = (values.backbone ?? []).map((entry) => {
  const at = entry.indexOf("=");
  if (at <= 0) throw new Error(`--backbone name=path, not ${entry}`);
  return { name: entry.slice(0, at), files: entry.slice(at + 1).split("+").map((file) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file)) };
});
if (candidates.length === 0) {
  console.error("usage: pnpm model:compare-backbones --backbone <name>=<backbone.onnx> [--backbone ...] [--seed 42]");
  process.exit(2);
}
const { fit, trim } = PREPROCESS_PIPELINES[PREPROCESS_PIPELINE_VERSION];
// --l2-grid 30,10,3: another typology L2 grid than model:train's (chosen on validation NLL either way)
const l2Grid = values["l2-grid"] ? values["l2-grid"].split(",").map(Number) : TYPOLOGY_LABEL_L2_GRID;
if (l2Grid.some((value) => !(value > 0))) throw new Error(`--l2-grid: positive numbers, not ${values["l2-grid"]}`);
const rows: string[] = [];
const summaries: { name: string; summary: ValidationSummary }[] = [];
for (const candidate of candidates) {
  const started = performance.now();
  const collections = [];
  for (const file of candidate.files) {
    collections.push(
      await collectSamples({
        datasetsDir: datasetsDir(),
        cacheDir: CACHE_DIR,
        backbonePath: file,
        fineTunedBackbone: true,
        seed: Number(values.seed),
        layers: ["features", "block16_features"],
        mirrorTTA: true,
        trim,
        pipeline: PREPROCESS_PIPELINE_VERSION,
        fit,
        log: (line) => console.error(`[${candidate.name}] ${line}`),
      }),
    );
  }
  const samples = concatenateFeatures(collections.map((collected) => collected.samples));
  const sha256 = collections.map((collected) => collected.backboneSha256.slice(0, 12)).join(" + ");
  const trained = await trainHead(samples, { labels: TYPOLOGY_KEYS, priorCorrection: true, l2Grid, calibrateOn: "typology" });
  const summary = summariseValidation(trained, samples);
  summaries.push({ name: candidate.name, summary });
  const row = `| ${candidate.name} | ${sha256} | ${validationCells(summary, trained.l2)} ${((performance.now() - started) / 1000).toFixed(0)} s |`;
  rows.push(row);
  console.error(row);
}
console.log(`Validation split of seed ${values.seed}, head as \`pnpm model:train\` trains it (typology L2 grid ${l2Grid.join(", ")}):\n`);
console.log(`| backbone | sha256 ${VALIDATION_TABLE_HEADER} features + head |`);
console.log(`|---|---|${"---|".repeat(VALIDATION_TABLE_HEADER.split("|").length - 2)}---|`);
for (const row of rows) console.log(row);

// Paired against the first backbone: the same photos, bootstrapped over picture groups (near-duplicate
// copies move together), so "better" means an interval that excludes 0.
const [reference, ...others] = summaries;
if (reference && others.length > 0) {
  const points = (value: number) => `${value >= 0 ? "+" : ""}${(100 * value).toFixed(1)}`;
  const cell = (delta: { delta: number; low: number; high: number }) => `${points(delta.delta)} [${points(delta.low)}, ${points(delta.high)}]`;
  console.log(`\nAgainst ${reference.name}, paired, 95 % bootstrap interval over picture groups (points):\n`);
  console.log("| backbone | Δ top-1 (full labels) | Δ family | groups (full labels / all) |");
  console.log("|---|---|---|---|");
  for (const { name, summary } of others) {
    const deltas = pairedValidationDeltas(reference.summary, summary);
    console.log(`| ${name} | ${cell(deltas.top1)} | ${cell(deltas.family)} | ${deltas.top1.groups} / ${deltas.family.groups} |`);
  }
}
