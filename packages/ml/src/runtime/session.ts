import * as ort from "onnxruntime-node";

export type ExecutionProvider = "cpu" | "cuda";

export function createSessionOptions(executionProvider: ExecutionProvider, overrides: { intraOpNumThreads?: number } = {}): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: executionProvider === "cuda" ? ["cuda", "cpu"] : ["cpu"],
    graphOptimizationLevel: "all",
    // The CUDA attempt's library-loading failure is reported through fallbackReason, not ORT's own log.
    logSeverityLevel: executionProvider === "cuda" ? 4 : 3,
    ...(overrides.intraOpNumThreads ? { intraOpNumThreads: overrides.intraOpNumThreads } : {}),
  };
}

export interface OpenedSession {
  session: ort.InferenceSession;
  /** The provider actually running the graph (may differ from the requested one). */
  executionProvider: ExecutionProvider;
  requestedExecutionProvider: ExecutionProvider;
  /** Why CUDA was not used, when it was requested and the CPU runs instead. The caller logs it. */
  fallbackReason?: string;
}

/**
 * Opens an ONNX session on the requested provider. onnxruntime-node throws when CUDA is requested
 * without its libraries (they are not installed offline), so CUDA falls back to CPU explicitly and
 * says so, instead of failing the worker or silently pretending to run on the GPU.
 */
export async function openSession(model: string | Uint8Array, executionProvider: ExecutionProvider, overrides: { intraOpNumThreads?: number } = {}): Promise<OpenedSession> {
  const create = (provider: ExecutionProvider) =>
    typeof model === "string" ? ort.InferenceSession.create(model, createSessionOptions(provider, overrides)) : ort.InferenceSession.create(model, createSessionOptions(provider, overrides));
  if (executionProvider === "cuda") {
    try {
      return { session: await create("cuda"), executionProvider: "cuda", requestedExecutionProvider: "cuda" };
    } catch (error) {
      const fallbackReason = error instanceof Error ? error.message : String(error);
      return { session: await create("cpu"), executionProvider: "cpu", requestedExecutionProvider: "cuda", fallbackReason };
    }
  }
  return { session: await create("cpu"), executionProvider: "cpu", requestedExecutionProvider: "cpu" };
}
