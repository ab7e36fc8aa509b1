import * as ort from "onnxruntime-node";

export type ExecutionProvider = "cpu" | "cuda";

export interface SessionTuning {
  /** ORT's default is one thread per physical core */
  intraOpNumThreads?: number;
  /**
   * Idle pool threads spin for work by default, which buys a little latency with a lot of CPU. On a
   * host where the web app, PostgreSQL and the worker share a few cores that CPU is taken from them:
   * measured on 2 cores in one process, 38.3 instead of 58.7 ms of CPU per photo (41.8 against 33.3
   * photos/s). Off unless asked.
   */
  allowSpinning?: boolean;
  /**
   * false: no CPU memory arena and no memory pattern, so the tensors of a run are freed after it instead
   * of kept at the largest size ever seen (photo batches and markings close-ups vary in size, and the
   * arena only grows). `pnpm bench:soak` (4 photos of 2000 px per case, 20 markings photos): the worker's
   * RSS levelled at 849 MB with the arena, 655-689 MB without (with sharp's cache off as well).
   */
  memoryArena?: boolean;
}

export function createSessionOptions(executionProvider: ExecutionProvider, overrides: SessionTuning = {}): ort.InferenceSession.SessionOptions {
  const spinning = overrides.allowSpinning ? "1" : "0";
  return {
    executionProviders: executionProvider === "cuda" ? ["cuda", "cpu"] : ["cpu"],
    graphOptimizationLevel: "all",
    ...(overrides.memoryArena === false ? { enableCpuMemArena: false, enableMemPattern: false } : {}),
    // The CUDA attempt's library-loading failure is reported through fallbackReason, not ORT's own log.
    logSeverityLevel: executionProvider === "cuda" ? 4 : 3,
    ...(overrides.intraOpNumThreads ? { intraOpNumThreads: overrides.intraOpNumThreads } : {}),
    extra: { session: { intra_op: { allow_spinning: spinning }, inter_op: { allow_spinning: spinning } } },
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
export async function openSession(model: string | Uint8Array, executionProvider: ExecutionProvider, overrides: SessionTuning = {}): Promise<OpenedSession> {
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
