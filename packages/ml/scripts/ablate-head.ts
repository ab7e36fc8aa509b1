// pnpm --filter @basegun/ml exec tsx scripts/ablate-head.ts [--model 2026.12.06-3] [--seed 42]
// Issue 10 §3: does a richer head beat the served one on the same split? Adds pooled outputs to a copy
// of the model's backbone graph (in memory, never served): global max pooling of the last feature map
// (Conv_1, 7×7×1792) and a 2×2 spatial grid of the last block (expanded_conv_16, 7×7×448), then trains
// the head (`trainHead`, as `pnpm model:train` does) on each combination and prints validation figures.
// The test split is not read.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import * as ort from "onnxruntime-node";
import { onnx } from "../src/backbone/onnx-proto.ts";
import { TYPOLOGY_KEYS } from "../src/domain.ts";
import { mirrorHorizontally, preprocessImage, PREPROCESS_PIPELINES, toNhwcBatch } from "../src/image/preprocess.ts";
import type { ModelManifest } from "../src/manifest.ts";
import { resolveModelVersionDir } from "../src/model-versions.ts";
import { datasetsDir } from "../src/paths.ts";
import { loadTrainingPhotos } from "../src/training/datasets.ts";
import type { LabelledSample } from "../src/training/samples.ts";
import { trainHead } from "../src/training/train-head.ts";
import { TYPOLOGY_LABEL_L2_GRID } from "../src/training/train-pipeline.ts";
import { summariseValidation, VALIDATION_TABLE_HEADER, validationCells } from "../src/training/validation-summary.ts";

const { values } = parseArgs({ options: { model: { type: "string", default: "2026.12.06-3" }, seed: { type: "string", default: "42" } } });
const modelDir = resolveModelVersionDir(values.model!);
const manifest = JSON.parse(await readFile(path.join(modelDir, "manifest.json"), "utf8")) as ModelManifest;
if (manifest.preprocessing.pipeline !== 4) throw new Error("the ablation is written for pipeline 4 models");

/** Extra pooled outputs: name → [input tensor, pooling node, flattened dim]. */
const EXTRA_OUTPUTS = {
  features_max: { from: "MobilenetV2/Conv_1/Relu6", dim: 1792 },
  block16_grid: { from: "MobilenetV2/expanded_conv_16/project/BatchNorm/FusedBatchNormV3", dim: 448 * 4 },
} as const;
type Layer = "features" | "block16_features" | keyof typeof EXTRA_OUTPUTS;
const DIMS: Record<Layer, number> = { features: 1792, block16_features: 448, features_max: 1792, block16_grid: 1792 };

function withExtraOutputs(bytes: Buffer): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph!;
  const add = (node: Record<string, unknown>) => graph.node!.push(onnx.NodeProto.create(node));
  add({ opType: "GlobalMaxPool", input: [EXTRA_OUTPUTS.features_max.from], output: ["ablation/features_max_pool"], name: "ablation/features_max_pool" });
  add({ opType: "Flatten", input: ["ablation/features_max_pool"], output: ["features_max"], name: "ablation/features_max" });
  // 7×7 → 2×2 with overlapping 4×4 windows (stride 3): left/right and top/bottom halves of the weapon
  add({
    opType: "AveragePool",
    input: [EXTRA_OUTPUTS.block16_grid.from],
    output: ["ablation/block16_grid_pool"],
    name: "ablation/block16_grid_pool",
    attribute: [onnx.AttributeProto.create({ name: "kernel_shape", type: onnx.AttributeProto.AttributeType.INTS, ints: [4, 4] }), onnx.AttributeProto.create({ name: "strides", type: onnx.AttributeProto.AttributeType.INTS, ints: [3, 3] })],
  });
  add({ opType: "Flatten", input: ["ablation/block16_grid_pool"], output: ["block16_grid"], name: "ablation/block16_grid" });
  for (const name of Object.keys(EXTRA_OUTPUTS)) {
    graph.output!.push(onnx.ValueInfoProto.create({ name, type: onnx.TypeProto.create({ tensorType: onnx.TypeProto.Tensor.create({ elemType: onnx.TensorProto.DataType.FLOAT }) }) }));
  }
  return onnx.ModelProto.encode(model).finish();
}

const session = await ort.InferenceSession.create(withExtraOutputs(await readFile(path.join(modelDir, manifest.backbone.fileName))), { intraOpNumThreads: 2, interOpNumThreads: 1 });
const layers: Layer[] = ["features", "block16_features", "features_max", "block16_grid"];
const { photos } = await loadTrainingPhotos(datasetsDir(), Number(values.seed));
const fit = PREPROCESS_PIPELINES[4].fit;
const features = new Map<string, Record<Layer, Float32Array>>();
const seen = new Set<string>();
const kept: typeof photos = [];
const started = performance.now();
const pending: { photo: (typeof photos)[number]; bytes: Buffer }[] = [];
for (const photo of photos) {
  const bytes = await readFile(photo.path);
  const sha = createHash("sha256").update(bytes).digest("hex");
  if (seen.has(sha)) continue; // identical files count once, as in collectSamples
  seen.add(sha);
  pending.push({ photo, bytes });
}
for (let start = 0; start < pending.length; start += 16) {
  const batch = pending.slice(start, start + 16);
  const images = await Promise.all(batch.map((item) => preprocessImage(item.bytes, { fit, size: 224 })));
  const { data, dims } = toNhwcBatch([...images, ...images.map(mirrorHorizontally)]);
  const outputs = await session.run({ input: new ort.Tensor("float32", data, dims) });
  batch.forEach((item, index) => {
    const perLayer = {} as Record<Layer, Float32Array>;
    for (const layer of layers) {
      const tensor = outputs[layer]!.data as Float32Array;
      const dim = DIMS[layer];
      const original = tensor.subarray(index * dim, (index + 1) * dim);
      const mirrored = tensor.subarray((batch.length + index) * dim, (batch.length + index + 1) * dim);
      perLayer[layer] = Float32Array.from(original, (value, d) => (value + mirrored[d]!) / 2);
    }
    features.set(item.photo.path, perLayer);
    kept.push(item.photo);
  });
  if ((start / 16) % 50 === 0) console.error(`${start + batch.length}/${pending.length} photos, ${((performance.now() - started) / (start + batch.length)).toFixed(1)} ms/photo`);
}

const variants: { name: string; layers: Layer[] }[] = [
  { name: "last layer, average pooling", layers: ["features"] },
  { name: "+ last block, average pooling (served)", layers: ["features", "block16_features"] },
  { name: "+ last layer, max pooling", layers: ["features", "block16_features", "features_max"] },
  { name: "+ last block, 2 × 2 spatial grid", layers: ["features", "block16_features", "block16_grid"] },
  { name: "+ both", layers: ["features", "block16_features", "features_max", "block16_grid"] },
];
const rows: string[] = [];
for (const variant of variants) {
  const samples: LabelledSample[] = kept.map((photo) => {
    const parts = variant.layers.map((layer) => features.get(photo.path)![layer]);
    const vector = new Float32Array(parts.reduce((total, part) => total + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      vector.set(part, offset);
      offset += part.length;
    }
    return { id: photo.path, source: photo.source, split: photo.split, kind: photo.kind, features: vector, sourceLabel: photo.sourceLabel, allowedTypologies: photo.allowedTypologies, group: photo.group, ...(photo.labelWeight !== undefined && photo.labelWeight !== 1 ? { labelWeight: photo.labelWeight } : {}) };
  });
  const fitStarted = performance.now();
  const trained = await trainHead(samples, { labels: TYPOLOGY_KEYS, priorCorrection: true, l2Grid: TYPOLOGY_LABEL_L2_GRID });
  const row = `| ${variant.name} | ${samples[0]!.features.length} | ${validationCells(summariseValidation(trained, samples), trained.l2)} ${((performance.now() - fitStarted) / 1000).toFixed(1)} s |`;
  rows.push(row);
  console.error(row);
}
console.log(`Validation split of seed ${values.seed}, backbone of ${values.model} (features extracted in ${((performance.now() - started) / 1000).toFixed(0)} s):\n`);
console.log(`| head input | dims ${VALIDATION_TABLE_HEADER} head fit |`);
console.log(`|---|---|${"---|".repeat(VALIDATION_TABLE_HEADER.split("|").length - 2)}---|`);
for (const row of rows) console.log(row);
