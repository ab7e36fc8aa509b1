// pnpm --filter @basegun/ml exec tsx scripts/cross-fit-ablation.ts [--cv-dir .cache/ml/cv] [--folds 5]
// Post-hoc diagnosis of a cross-fitted version (2026.12.06-4): which part of cross-fitting moved the test
// figures? Re-fits crossFitHead on the cached features of the fine-tuning runs in <cv-dir>/all and
// <cv-dir>/fold<k> as shipped, with L2 fixed at 3 (2026.12.06-3's choice), and without prior correction,
// and prints out-of-fold and test figures. It READS THE TEST SPLIT: it explains a version already written
// and must never choose one (the shipped settings stay those the folds chose).
import path from "node:path";
import { parseArgs } from "node:util";
import { TYPOLOGY_KEYS } from "../src/domain.ts";
import { PREPROCESS_PIPELINES, PREPROCESS_PIPELINE_VERSION } from "../src/image/preprocess.ts";
import { CACHE_DIR, REPO_ROOT, datasetsDir } from "../src/paths.ts";
import { collectSamples } from "../src/training/collect-samples.ts";
import { buildTestReport } from "../src/training/test-report.ts";
import { crossFitHead, policyOfTrainedHead, type TrainHeadOptions } from "../src/training/train-head.ts";
import { TYPOLOGY_LABEL_L2_GRID } from "../src/training/train-pipeline.ts";

const { values } = parseArgs({ options: { "cv-dir": { type: "string", default: path.join(".cache", "ml", "cv") }, folds: { type: "string", default: "5" } } });
const cvDir = path.resolve(REPO_ROOT, values["cv-dir"]!);
const count = Number(values.folds);
const { fit, trim } = PREPROCESS_PIPELINES[PREPROCESS_PIPELINE_VERSION];
const common = { datasetsDir: datasetsDir(), cacheDir: CACHE_DIR, seed: 42, layers: ["features", "block16_features"] as ("features" | "block16_features")[], mirrorTTA: true, trim, pipeline: PREPROCESS_PIPELINE_VERSION, fit, fineTunedBackbone: true, log: () => {} };
const final = (await collectSamples({ ...common, backbonePath: path.join(cvDir, "all", "backbone.onnx"), folds: { count, fold: -1 } })).samples;
const folds = [];
for (let fold = 0; fold < count; fold++) folds.push((await collectSamples({ ...common, backbonePath: path.join(cvDir, `fold${fold}`, "backbone.onnx"), folds: { count, fold }, withoutTest: true })).samples);

const variants: [string, Partial<TrainHeadOptions>][] = [
  ["as shipped (L2 chosen by the folds)", {}],
  ["L2 fixed at 3", { l2Grid: [3] }],
  ["no prior correction", { priorCorrection: false }],
];
console.log("| variant | L2 | temperature | out-of-fold typology ECE | test typology top-1 | test typology ECE | test family | typologies at medium |");
console.log("|---|---|---|---|---|---|---|---|");
for (const [name, overrides] of variants) {
  const trained = await crossFitHead(folds, final, { labels: TYPOLOGY_KEYS, priorCorrection: true, calibrateOn: "typology", l2Grid: TYPOLOGY_LABEL_L2_GRID, ...overrides });
  const test = buildTestReport(trained, final, policyOfTrainedHead(trained));
  const pct = (rate: number | null | undefined) => (rate === null || rate === undefined ? "n/a" : `${(rate * 100).toFixed(1)} %`);
  console.log(`| ${name} | ${trained.l2} | ${trained.temperature.toFixed(3)} | ${trained.validation.typology.ece} | ${pct(test.typology?.top1.rate)} | ${test.typology?.ece ?? "n/a"} | ${pct(test.familyTop1.rate)} | ${trained.trainedTypologies.length} |`);
}
