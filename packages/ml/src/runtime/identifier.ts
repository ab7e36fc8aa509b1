import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Family, TypologyKey } from "../domain.ts";
import type { BackboneLayer } from "../backbone/backbone-spec.ts";
import { fileSha256, sha256Hex } from "../backbone/prepare-backbone.ts";
import { evaluateHead, loadHead, type LinearHead } from "../head/linear-head.ts";
import { argmax, familyProbabilities, sigmoid, softmax, toTypologyRecord } from "../head/probabilities.ts";
import { ImageDecodeError } from "../image/image-decode-error.ts";
import { isSupportedPipeline, PREPROCESS_PIPELINES, preprocessImage, type PreprocessOptions } from "../image/preprocess.ts";
import { caseAggregationOf, parseModelManifest, type ModelManifest } from "../manifest.ts";
import { aggregateCase, caseNoFirearmScore, photoWeight } from "./aggregate.ts";
import { openBackbone } from "./backbone-runner.ts";
import type { ExecutionProvider, SessionTuning } from "./session.ts";

export interface PhotoInference {
  probabilities: Record<TypologyKey, number>;
  rawProbabilities: Record<TypologyKey, number>;
  familyProbabilities: Record<Family, number>;
  topTypology: TypologyKey;
  confidence: number;
  noFirearmScore: number;
  /** Weight of this photo in the case aggregate. */
  weight: number;
  source: { width: number; height: number; format: string };
}

export interface CaseInference {
  modelVersion: string;
  executionProvider: ExecutionProvider;
  /** Calibrated, aggregated over all photos of the case. */
  probabilities: Record<TypologyKey, number>;
  /** Uncalibrated (temperature 1), aggregated the same way: stored for reproducibility. */
  rawProbabilities: Record<TypologyKey, number>;
  familyProbabilities: Record<Family, number>;
  topTypology: TypologyKey;
  /** Calibrated top-1 typology probability. */
  confidence: number;
  topFamily: Family;
  familyConfidence: number;
  /** 0..1; compare with manifest.noFirearm.threshold. */
  noFirearmScore: number;
  perPhoto: PhotoInference[];
  timings: { decodeMs: number; backboneMs: number; headMs: number; totalMs: number; backboneBatchSize: number };
}

export interface Identifier {
  manifest: ModelManifest;
  executionProvider: ExecutionProvider;
  /** Set when CUDA was requested but the CPU runs: the caller should log it. */
  fallbackReason?: string;
  identify(images: Buffer[]): Promise<CaseInference>;
  close(): Promise<void>;
}

export interface LoadIdentifierOptions {
  /** Directory of one model version (manifest.json, head.json). */
  modelDir: string;
  /**
   * Path to the shared converted backbone (models/backbone/mobilenet_v2_mid.onnx). A model whose
   * manifest says `backbone.bundled` runs its own file from modelDir instead (see backbonePathOf).
   */
  backbonePath: string;
  executionProvider: ExecutionProvider;
  /** ORT threads and spinning (see SessionTuning); ORT's thread count and no spinning by default */
  tuning?: SessionTuning;
  /** the backbone on a worker thread (default), so the caller's event loop is never blocked by a run */
  thread?: boolean;
}

export function preprocessOptionsOf(manifest: ModelManifest): Partial<PreprocessOptions> {
  return {
    size: manifest.preprocessing.size,
    fit: manifest.preprocessing.fit,
    background: manifest.preprocessing.background,
    trimBorders: manifest.preprocessing.trim.enabled,
    trimThreshold: manifest.preprocessing.trim.threshold,
  };
}

async function readVerifiedHead(modelDir: string, manifest: ModelManifest): Promise<LinearHead> {
  const bytes = await readFile(path.join(modelDir, manifest.head.file));
  const sha256 = sha256Hex(bytes);
  if (sha256 !== manifest.head.sha256) throw new Error(`Head ${manifest.head.file} has sha256 ${sha256}, manifest says ${manifest.head.sha256}`);
  const head = loadHead(JSON.parse(bytes.toString("utf8")));
  if (head.featureDim !== manifest.backbone.featureDim) throw new Error("Head and manifest disagree on featureDim");
  if (head.labels.join() !== manifest.labels.join()) throw new Error("Head and manifest disagree on labels");
  if (head.layers.map((layer) => layer.name).join() !== manifest.backbone.layers.map((layer) => layer.name).join()) throw new Error("Head and manifest disagree on backbone layers");
  return head;
}

/** The backbone file a model runs: its own (bundled, in modelDir) or the shared converted one. */
export function backbonePathOf(manifest: ModelManifest, modelDir: string, sharedBackbonePath: string): string {
  return manifest.backbone.bundled ? path.join(modelDir, manifest.backbone.fileName) : sharedBackbonePath;
}

/** Refuses a model whose preprocessing this build cannot reproduce. */
export function assertServablePreprocessing(manifest: ModelManifest): void {
  const { pipeline } = manifest.preprocessing;
  if (!isSupportedPipeline(pipeline)) {
    throw new Error(`model ${manifest.version} was trained with preprocessing pipeline ${pipeline}; this build serves ${Object.keys(PREPROCESS_PIPELINES).join(", ")}: retrain it`);
  }
}

/** Loads one model version and its backbone, refusing any file whose hash differs from the manifest. */
export async function loadIdentifier(options: LoadIdentifierOptions): Promise<Identifier> {
  const manifest = parseModelManifest(JSON.parse(await readFile(path.join(options.modelDir, "manifest.json"), "utf8")));
  assertServablePreprocessing(manifest);
  const head = await readVerifiedHead(options.modelDir, manifest);
  const backbonePath = backbonePathOf(manifest, options.modelDir, options.backbonePath);
  const backboneSha = await fileSha256(backbonePath);
  if (backboneSha === undefined) throw new Error(manifest.backbone.bundled ? `Backbone ${backbonePath} of model ${manifest.version} is missing` : `Backbone not found at ${backbonePath}: run \`pnpm model:prepare\``);
  if (backboneSha !== manifest.backbone.sha256) throw new Error(`Backbone ${backbonePath} has sha256 ${backboneSha}, model ${manifest.version} needs ${manifest.backbone.sha256}`);

  const backbone = await openBackbone(backbonePath, options.executionProvider, options.tuning ?? {}, { thread: options.thread ?? true });
  const layers = manifest.backbone.layers.map((layer) => layer.name) as BackboneLayer[];
  const preprocessOptions = preprocessOptionsOf(manifest);
  const temperature = manifest.calibration.temperature;
  const caseAggregation = caseAggregationOf(manifest);

  return {
    manifest,
    executionProvider: backbone.executionProvider,
    ...(backbone.fallbackReason ? { fallbackReason: backbone.fallbackReason } : {}),
    async identify(images) {
      if (images.length === 0) throw new Error("identify needs at least one photo");
      const started = performance.now();
      const prepared = await Promise.all(
        images.map((image, photoIndex) =>
          preprocessImage(image, preprocessOptions).catch((error: unknown) => {
            if (error instanceof ImageDecodeError) throw new ImageDecodeError(error.reason, `Photo ${photoIndex}: ${error.message}`, { cause: error, photoIndex });
            throw error;
          }),
        ),
      );
      const decoded = performance.now();
      const { vectors, batchSize } = await backbone.embed(prepared, { layers, mirrorTTA: manifest.preprocessing.mirrorTTA });
      const embedded = performance.now();

      const perPhoto: PhotoInference[] = vectors.map((vector, index) => {
        const { typologyLogits, noFirearmLogit } = evaluateHead(head, vector);
        const probabilities = toTypologyRecord(head.labels, softmax(typologyLogits, temperature));
        const top = argmax(probabilities);
        const noFirearmScore = sigmoid(noFirearmLogit);
        return {
          probabilities,
          rawProbabilities: toTypologyRecord(head.labels, softmax(typologyLogits, 1)),
          familyProbabilities: familyProbabilities(probabilities),
          topTypology: top.key,
          confidence: top.value,
          noFirearmScore,
          weight: photoWeight(noFirearmScore),
          source: prepared[index]!.source,
        };
      });
      const probabilities = aggregateCase(perPhoto, head.labels, caseAggregation);
      const rawProbabilities = aggregateCase(perPhoto.map((photo) => ({ probabilities: photo.rawProbabilities, weight: photo.weight })), head.labels, caseAggregation);
      const families = familyProbabilities(probabilities);
      const top = argmax(probabilities);
      const topFamily = argmax(families);
      const finished = performance.now();
      return {
        modelVersion: manifest.version,
        executionProvider: backbone.executionProvider,
        probabilities,
        rawProbabilities,
        familyProbabilities: families,
        topTypology: top.key,
        confidence: top.value,
        topFamily: topFamily.key,
        familyConfidence: topFamily.value,
        noFirearmScore: caseNoFirearmScore(perPhoto.map((photo) => photo.noFirearmScore)),
        perPhoto,
        timings: { decodeMs: decoded - started, backboneMs: embedded - decoded, headMs: finished - embedded, totalMs: finished - started, backboneBatchSize: batchSize },
      };
    },
    close: () => backbone.close(),
  };
}
