import { BACKBONE_LAYER_DIMS, type BackboneLayer } from "../backbone/backbone-spec.ts";
import { mirrorHorizontally, toNhwcBatch, type PreparedImage } from "../image/preprocess.ts";
import { openInProcessSession, type BackboneSession } from "./backbone-session.ts";
import { openThreadedSession } from "./backbone-thread.ts";
import type { ExecutionProvider, SessionTuning } from "./session.ts";

export interface BackboneRunner {
  executionProvider: ExecutionProvider;
  fallbackReason?: string;
  /**
   * Runs every image through the backbone in ONE batch and returns, per image, the requested pooled
   * layers concatenated in order. With mirrorTTA the batch also holds the left-right mirrors and each
   * image's vector is the mean of its two views.
   */
  embed(images: readonly PreparedImage[], options: { layers: readonly BackboneLayer[]; mirrorTTA: boolean }): Promise<{ vectors: Float32Array[]; batchSize: number }>;
  close(): Promise<void>;
}

/**
 * Opens the backbone. `thread: true` runs the session on a worker thread (serving: the caller's event
 * loop stays free); in process otherwise (training, evaluation).
 */
export async function openBackbone(
  backbone: string | Uint8Array,
  executionProvider: ExecutionProvider,
  overrides: SessionTuning = {},
  options: { thread?: boolean } = {},
): Promise<BackboneRunner> {
  const session: BackboneSession = options.thread
    ? await openThreadedSession(backbone, executionProvider, overrides)
    : await openInProcessSession(backbone, executionProvider, overrides);
  return {
    executionProvider: session.executionProvider,
    ...(session.fallbackReason ? { fallbackReason: session.fallbackReason } : {}),
    async embed(images, { layers, mirrorTTA }) {
      const views = mirrorTTA ? [...images, ...images.map(mirrorHorizontally)] : [...images];
      const batch = toNhwcBatch(views);
      const outputs = await session.run(batch, layers);
      const featureDim = layers.reduce((total, layer) => total + BACKBONE_LAYER_DIMS[layer], 0);
      const vectors = images.map((_, imageIndex) => {
        const vector = new Float32Array(featureDim);
        let offset = 0;
        for (const layer of layers) {
          const dim = BACKBONE_LAYER_DIMS[layer];
          const data = outputs[layer]!;
          const original = data.subarray(imageIndex * dim, (imageIndex + 1) * dim);
          if (mirrorTTA) {
            const mirrorIndex = images.length + imageIndex;
            const mirrored = data.subarray(mirrorIndex * dim, (mirrorIndex + 1) * dim);
            for (let d = 0; d < dim; d++) vector[offset + d] = (original[d]! + mirrored[d]!) / 2;
          } else {
            vector.set(original, offset);
          }
          offset += dim;
        }
        return vector;
      });
      return { vectors, batchSize: views.length };
    },
    close: () => session.close(),
  };
}
