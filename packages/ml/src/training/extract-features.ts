import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { BackboneLayer } from "../backbone/backbone-spec.ts";
import { BACKBONE_LAYER_DIMS } from "../backbone/backbone-spec.ts";
import { ImageDecodeError } from "../image/image-decode-error.ts";
import { mirrorHorizontally, preprocessImage, type PreprocessOptions } from "../image/preprocess.ts";
import type { BackboneRunner } from "../runtime/backbone-runner.ts";
import type { FeatureCache } from "./feature-cache.ts";

export interface ExtractedFeatures {
  sha256: string;
  /** Layers of the original view. */
  original: Float32Array;
  /** Layers of the left-right mirror. */
  mirrored: Float32Array;
}

/**
 * Features of every photo, from the cache when present, else through the backbone in batches
 * (originals and mirrors of a batch in one run). Unreadable photos are reported, not fatal.
 */
export async function extractFeatures(
  paths: readonly string[],
  options: { backbone: BackboneRunner; cache: FeatureCache; layers: readonly BackboneLayer[]; preprocessing: Partial<PreprocessOptions>; batchSize?: number; log?: (line: string) => void },
): Promise<{ features: Map<string, ExtractedFeatures>; failures: { path: string; reason: string }[]; computed: number; cached: number }> {
  const dim = options.layers.reduce((total, layer) => total + BACKBONE_LAYER_DIMS[layer], 0);
  const features = new Map<string, ExtractedFeatures>();
  const failures: { path: string; reason: string }[] = [];
  const pending: { path: string; sha256: string; bytes: Buffer }[] = [];
  let cached = 0;
  for (const photoPath of paths) {
    const bytes = await readFile(photoPath);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const hit = await options.cache.get(sha256, 2 * dim);
    if (hit) {
      features.set(photoPath, { sha256, original: hit.subarray(0, dim), mirrored: hit.subarray(dim) });
      cached++;
    } else {
      pending.push({ path: photoPath, sha256, bytes });
    }
  }
  const batchSize = options.batchSize ?? 16;
  const started = performance.now();
  for (let start = 0; start < pending.length; start += batchSize) {
    const batch = pending.slice(start, start + batchSize);
    const prepared = await Promise.all(
      batch.map((item) =>
        preprocessImage(item.bytes, options.preprocessing).catch((error: unknown) => {
          if (error instanceof ImageDecodeError) {
            failures.push({ path: item.path, reason: error.message });
            return undefined;
          }
          throw error;
        }),
      ),
    );
    const ok = batch.flatMap((item, index) => (prepared[index] ? [{ item, image: prepared[index] }] : []));
    if (ok.length === 0) continue;
    const { vectors } = await options.backbone.embed([...ok.map((entry) => entry.image), ...ok.map((entry) => mirrorHorizontally(entry.image))], { layers: options.layers, mirrorTTA: false });
    for (let index = 0; index < ok.length; index++) {
      const { item } = ok[index]!;
      const both = new Float32Array(2 * dim);
      both.set(vectors[index]!, 0);
      both.set(vectors[ok.length + index]!, dim);
      await options.cache.set(item.sha256, both);
      features.set(item.path, { sha256: item.sha256, original: both.subarray(0, dim), mirrored: both.subarray(dim) });
    }
    const done = Math.min(start + batchSize, pending.length);
    if (options.log && (done === pending.length || (start / batchSize) % 20 === 0)) {
      const seconds = (performance.now() - started) / 1000;
      options.log(`  features: ${done}/${pending.length} computed (${((seconds * 1000) / done).toFixed(1)} ms/photo incl. mirror)`);
    }
  }
  return { features, failures, computed: pending.length - failures.length, cached };
}
