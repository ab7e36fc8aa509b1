import { PhotoNotFoundError } from "@basegun/storage";
import { BLOCK16_DIM, CURRENT_PIPELINE_SETTINGS, FeatureCache, FEATURES_DIM, fileSha256, ImageDecodeError, mirrorHorizontally, openBackbone, preprocessImage, PREPROCESS_PIPELINE_VERSION, type BackboneLayer, type PreprocessFit } from "@basegun/ml";

export const LAYER_DIMS: Record<BackboneLayer, number> = { features: FEATURES_DIM, block16_features: BLOCK16_DIM };

/** Everything that changes a photo's backbone features (the model manifest's preprocessing and layers). */
export interface FeatureSettings {
  layers: BackboneLayer[];
  size: number;
  background: string;
  trim: { enabled: boolean; threshold: number };
  /** Preprocessing pipeline (manifest.preprocessing.pipeline) and its fit. */
  pipeline: number;
  fit: PreprocessFit;
}

/** New models: the current preprocessing pipeline (4: stretch to the square, no trim). */
export const DEFAULT_FEATURE_SETTINGS: FeatureSettings = {
  layers: ["features", "block16_features"],
  size: 224,
  background: "#ffffff",
  trim: { ...CURRENT_PIPELINE_SETTINGS.trim },
  pipeline: PREPROCESS_PIPELINE_VERSION,
  fit: CURRENT_PIPELINE_SETTINGS.fit,
};

export interface ImageFeatures {
  original: Float32Array;
  mirrored: Float32Array;
}

/** TTA-combined vector when the model averages a photo with its mirror. */
export const combined = (features: ImageFeatures, mirrorTTA: boolean) =>
  mirrorTTA ? Float32Array.from(features.original, (value, index) => (value + features.mirrored[index]!) / 2) : features.original;

/**
 * Backbone features of images given by content hash, through the feature cache that `pnpm model:train`
 * fills (same signature: backbone hash, preprocessing, layers), so photos seen before cost nothing.
 * Unreadable images are reported, not fatal. Images are read lazily, in batches.
 */
export async function computeFeatures(options: {
  backbonePath: string;
  cacheDir: string;
  settings: FeatureSettings;
  images: ReadonlyArray<{ sha256: string; load: () => Promise<Buffer> }>;
  onProgress?: (done: number, total: number) => Promise<void>;
  batchSize?: number;
}): Promise<{ features: Map<string, ImageFeatures>; failures: Array<{ sha256: string; reason: string }>; cached: number; computed: number; backboneSha256: string }> {
  const { settings } = options;
  const backboneSha256 = await fileSha256(options.backbonePath);
  if (!backboneSha256) throw new Error(`backbone not found at ${options.backbonePath}: run pnpm model:prepare`);
  const dim = settings.layers.reduce((total, layer) => total + LAYER_DIMS[layer], 0);
  const cache = new FeatureCache(options.cacheDir, {
    backboneSha256,
    // the same signature as `pnpm model:train` (collect-samples.ts), so both fill one cache
    preprocessing: { size: settings.size, background: settings.background, trim: settings.trim, pipeline: settings.pipeline, ...(settings.fit === "contain" ? {} : { fit: settings.fit }) },
    layers: settings.layers,
  });
  const features = new Map<string, ImageFeatures>();
  const failures: Array<{ sha256: string; reason: string }> = [];
  const pending: typeof options.images[number][] = [];
  const unique = [...new Map(options.images.map((image) => [image.sha256, image])).values()];
  for (const image of unique) {
    const hit = await cache.get(image.sha256, 2 * dim);
    if (hit) features.set(image.sha256, { original: hit.subarray(0, dim), mirrored: hit.subarray(dim) });
    else pending.push(image);
  }
  const cached = features.size;
  if (pending.length > 0) {
    const runner = await openBackbone(options.backbonePath, "cpu");
    try {
      const batchSize = options.batchSize ?? 16;
      for (let start = 0; start < pending.length; start += batchSize) {
        const batch = pending.slice(start, start + batchSize);
        const prepared = [];
        for (const image of batch) {
          try {
            const bytes = await image.load();
            prepared.push({ image, prepared: await preprocessImage(bytes, { size: settings.size, fit: settings.fit, background: settings.background, trimBorders: settings.trim.enabled, trimThreshold: settings.trim.threshold }) });
          } catch (error) {
            if (!(error instanceof ImageDecodeError) && !(error instanceof PhotoNotFoundError)) throw error;
            failures.push({ sha256: image.sha256, reason: error instanceof PhotoNotFoundError ? `image missing from storage (${error.message})` : error.message });
          }
        }
        if (prepared.length > 0) {
          const { vectors } = await runner.embed([...prepared.map((p) => p.prepared), ...prepared.map((p) => mirrorHorizontally(p.prepared))], { layers: settings.layers, mirrorTTA: false });
          for (let index = 0; index < prepared.length; index++) {
            const both = new Float32Array(2 * dim);
            both.set(vectors[index]!, 0);
            both.set(vectors[prepared.length + index]!, dim);
            await cache.set(prepared[index]!.image.sha256, both);
            features.set(prepared[index]!.image.sha256, { original: both.subarray(0, dim), mirrored: both.subarray(dim) });
          }
        }
        await options.onProgress?.(Math.min(start + batchSize, pending.length), pending.length);
      }
    } finally {
      await runner.close();
    }
  }
  return { features, failures, cached, computed: features.size - cached, backboneSha256 };
}
