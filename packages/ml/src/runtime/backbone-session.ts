import * as ort from "onnxruntime-node";
import type { BackboneLayer } from "../backbone/backbone-spec.ts";
import { BACKBONE_INPUT_NAME } from "../backbone/backbone-spec.ts";
import { openSession, type ExecutionProvider, type SessionTuning } from "./session.ts";

/** Runs NHWC batches through the backbone and returns the requested layers, flat, per layer. */
export interface BackboneSession {
  executionProvider: ExecutionProvider;
  fallbackReason?: string;
  run(batch: { data: Float32Array; dims: number[] }, layers: readonly BackboneLayer[]): Promise<Record<string, Float32Array>>;
  close(): Promise<void>;
}

/** The session on the calling thread: training and batch evaluation, where nothing else waits. */
export async function openInProcessSession(model: string | Uint8Array, executionProvider: ExecutionProvider, tuning: SessionTuning = {}): Promise<BackboneSession> {
  const opened = await openSession(model, executionProvider, tuning);
  const { session } = opened;
  return {
    executionProvider: opened.executionProvider,
    ...(opened.fallbackReason ? { fallbackReason: opened.fallbackReason } : {}),
    async run(batch, layers) {
      const outputs = await session.run({ [BACKBONE_INPUT_NAME]: new ort.Tensor("float32", batch.data, batch.dims) }, [...layers]);
      const flat: Record<string, Float32Array> = {};
      for (const layer of layers) flat[layer] = outputs[layer]!.data as Float32Array;
      return flat;
    },
    async close() {
      await session.release();
    },
  };
}
