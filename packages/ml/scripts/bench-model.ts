// pnpm bench:model — latency/throughput of the identifier for cases of 1, 8 and 32 photos, against
// the backbone alone; head overhead; peak RSS. Options: --model <version>, --provider cpu|cuda,
// --repeats N, --threads N. Uses the latest models/<version> (a zero head if none is trained yet).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { CURRENT_PIPELINE_SETTINGS, PREPROCESS_PIPELINE_VERSION } from "../src/image/preprocess.ts";
import { BACKBONE_LAYER_DIMS, type BackboneLayer } from "../src/backbone/backbone-spec.ts";
import { prepareBackbone } from "../src/backbone/prepare-backbone.ts";
import { TYPOLOGY_KEYS } from "../src/domain.ts";
import { evaluateHead, loadHead } from "../src/head/linear-head.ts";
import { sigmoid, softmax } from "../src/head/probabilities.ts";
import { preprocessImage } from "../src/image/preprocess.ts";
import { writeModelVersion } from "../src/model-files.ts";
import { latestModelVersion, resolveModelVersionDir } from "../src/model-versions.ts";
import { DEFAULT_BACKBONE_PATH } from "../src/paths.ts";
import { openBackbone } from "../src/runtime/backbone-runner.ts";
import { backbonePathOf, loadIdentifier, preprocessOptionsOf } from "../src/runtime/identifier.ts";
import type { ExecutionProvider } from "../src/runtime/session.ts";
import { EXPECTED_BACKBONE_SHA256 } from "../src/backbone/prepare-backbone.ts";

const { values } = parseArgs({
  options: { model: { type: "string" }, provider: { type: "string", default: "cpu" }, repeats: { type: "string", default: "3" }, threads: { type: "string" } },
});
const provider = values.provider as ExecutionProvider;
const repeats = Number(values.repeats);
const threads = values.threads ? Number(values.threads) : undefined;

await prepareBackbone(DEFAULT_BACKBONE_PATH);
let temporaryDir: string | undefined;
let modelDir: string;
const version = values.model ?? latestModelVersion();
if (version) {
  modelDir = resolveModelVersionDir(version);
} else {
  temporaryDir = await mkdtemp(path.join(os.tmpdir(), "basegun-bench-"));
  modelDir = temporaryDir;
  const layers: BackboneLayer[] = ["features", "block16_features"];
  const dim = layers.reduce((total, layer) => total + BACKBONE_LAYER_DIMS[layer], 0);
  await writeModelVersion(
    modelDir,
    {
      schemaVersion: 1, version: "2000.01.01-1", createdAt: new Date().toISOString(), labels: [...TYPOLOGY_KEYS],
      backbone: { id: "bench", fileName: "mobilenet_v2_mid.onnx", sha256: EXPECTED_BACKBONE_SHA256, featureDim: dim, layers: layers.map((name) => ({ name, dim: BACKBONE_LAYER_DIMS[name] })) },
      preprocessing: { size: 224, fit: CURRENT_PIPELINE_SETTINGS.fit, background: "#ffffff", trim: { ...CURRENT_PIPELINE_SETTINGS.trim }, pipeline: PREPROCESS_PIPELINE_VERSION, mirrorTTA: true },
      head: { type: "linear-softmax+logistic-gate" }, calibration: { method: "temperature", temperature: 1, fittedOn: "none" },
      thresholds: { unit: "family", medium: 0.9, high: 0.99, targetPrecision: { medium: 0.9, high: 0.98 }, typology: {} },
      noFirearm: { threshold: 0.9, maxWeaponRejectionRate: 0.02 }, trainedTypologies: [], families: ["handgun", "long_gun"],
      training: { datasets: [], splits: { train: 0, validation: 0, test: 0 }, seed: 0, l2: 0, gateL2: 0, notes: ["benchmark placeholder head"] },
    },
    { format: "basegun-linear-head/1", featureDim: dim, layers: layers.map((name) => ({ name, dim: BACKBONE_LAYER_DIMS[name] })), typology: { labels: [...TYPOLOGY_KEYS], weights: TYPOLOGY_KEYS.map(() => new Array(dim).fill(0.001)), bias: new Array(12).fill(0) }, noFirearm: { weights: new Array(dim).fill(0.001), bias: 0 } },
  );
}

/** Synthetic 1280x960 JPEG "photos" (never dataset photos): decoding cost close to a phone picture's. */
async function syntheticPhoto(index: number): Promise<Buffer> {
  const hue = (index * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="960"><rect width="1280" height="960" fill="hsl(${hue},30%,70%)"/><rect x="${200 + index * 7}" y="400" width="800" height="90" rx="10" fill="#2b2b2b"/><rect x="300" y="470" width="90" height="220" fill="#3a3a3a" transform="rotate(-15 345 580)"/><circle cx="1000" cy="200" r="120" fill="hsl(${(hue + 120) % 360},50%,50%)"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer();
}
const photos = await Promise.all(Array.from({ length: 32 }, (_, index) => syntheticPhoto(index)));

const identifier = await loadIdentifier({ modelDir, backbonePath: DEFAULT_BACKBONE_PATH, executionProvider: provider, tuning: threads ? { intraOpNumThreads: threads } : {} });
const manifest = identifier.manifest;
// the model's own backbone when it bundles one (a fine-tuned version), else the shared one
const backbone = await openBackbone(backbonePathOf(manifest, modelDir, DEFAULT_BACKBONE_PATH), provider, threads ? { intraOpNumThreads: threads } : {});
const layers = manifest.backbone.layers.map((layer) => layer.name) as BackboneLayer[];
console.log(`model ${manifest.version}, provider ${identifier.executionProvider}${identifier.fallbackReason ? ` (fell back from ${provider})` : ""}, mirrorTTA ${manifest.preprocessing.mirrorTTA}, layers ${layers.join("+")}, ${os.cpus().length} CPUs, repeats ${repeats}`);

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;
const rows: Record<string, string | number>[] = [];
for (const batch of [1, 8, 32]) {
  const casePhotos = photos.slice(0, batch);
  const prepared = await Promise.all(casePhotos.map((photo) => preprocessImage(photo, preprocessOptionsOf(manifest))));
  await backbone.embed(prepared, { layers, mirrorTTA: manifest.preprocessing.mirrorTTA }); // warm-up
  await identifier.identify(casePhotos);
  const backboneOnly: number[] = [];
  const total: number[] = [];
  const decode: number[] = [];
  const inBackbone: number[] = [];
  const head: number[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const started = performance.now();
    await backbone.embed(prepared, { layers, mirrorTTA: manifest.preprocessing.mirrorTTA });
    backboneOnly.push(performance.now() - started);
    const result = await identifier.identify(casePhotos);
    total.push(result.timings.totalMs);
    decode.push(result.timings.decodeMs);
    inBackbone.push(result.timings.backboneMs);
    head.push(result.timings.headMs);
  }
  rows.push({
    "photos/case": batch,
    "backbone alone ms": median(backboneOnly).toFixed(1),
    "identify ms": median(total).toFixed(1),
    "decode ms": median(decode).toFixed(1),
    "backbone ms": median(inBackbone).toFixed(1),
    "head ms": median(head).toFixed(3),
    "head/backbone": `${((median(head) / median(inBackbone)) * 100).toFixed(2)} %`,
    "ms/photo": (median(total) / batch).toFixed(1),
    "photos/s": ((batch * 1000) / median(total)).toFixed(1),
  });
}
console.table(rows);

// One photo, from the decoded image (PreparedImage) to the calibrated result: backbone (with or
// without its mirror in the same batch), head, temperature softmax and gate. The issue's target is 25 ms.
const head = loadHead(JSON.parse(await readFile(path.join(modelDir, manifest.head.file), "utf8")));
const onePhoto = await preprocessImage(photos[0]!, preprocessOptionsOf(manifest));
const onePhotoRows: Record<string, string | number>[] = [];
for (const mirrorTTA of [true, false]) {
  const times: number[] = [];
  for (let repeat = 0; repeat < Math.max(20, repeats); repeat++) {
    const started = performance.now();
    const { vectors } = await backbone.embed([onePhoto], { layers, mirrorTTA });
    const { typologyLogits, noFirearmLogit } = evaluateHead(head, vectors[0]!);
    softmax(typologyLogits, manifest.calibration.temperature);
    sigmoid(noFirearmLogit);
    times.push(performance.now() - started);
  }
  const sorted = [...times].sort((a, b) => a - b);
  onePhotoRows.push({ "mirror TTA": mirrorTTA ? "on" : "off", "median ms": median(times).toFixed(1), "p90 ms": sorted[Math.floor(sorted.length * 0.9)]!.toFixed(1), "min ms": sorted[0]!.toFixed(1) });
}
console.log("one photo, decoded image -> calibrated result (target 25 ms):");
console.table(onePhotoRows);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
await identifier.close();
await backbone.close();
if (temporaryDir) await rm(temporaryDir, { recursive: true, force: true });
