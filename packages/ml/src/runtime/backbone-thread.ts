import { Worker } from "node:worker_threads";
import type { BackboneLayer } from "../backbone/backbone-spec.ts";
import { BACKBONE_INPUT_NAME } from "../backbone/backbone-spec.ts";
import type { BackboneSession } from "./backbone-session.ts";
import { createSessionOptions, type ExecutionProvider, type SessionTuning } from "./session.ts";

const THREAD_URL = new URL("./backbone-thread.mjs", import.meta.url);

interface Pending {
  resolve: (outputs: Record<string, Float32Array>) => void;
  reject: (error: Error) => void;
}

export interface ThreadedBackboneSession extends BackboneSession {
  /** Stops the thread the way a crash would (tests of the recovery). */
  kill(): Promise<void>;
}

/**
 * The backbone's session on a worker thread. onnxruntime-node runs a session synchronously on the
 * calling thread: on the worker's main thread each batch would stop the event loop (database writes,
 * queue lock renewals, other jobs' preprocessing) for the whole inference. Here the main thread only
 * posts the batch and gets the layers back (moved, not copied). Runs are served one at a time in
 * order. If the thread dies, its pending runs fail and the next run starts a new one.
 */
export async function openThreadedSession(model: string | Uint8Array, executionProvider: ExecutionProvider, tuning: SessionTuning = {}): Promise<ThreadedBackboneSession> {
  let worker: Worker | null = null;
  let opened: Promise<{ executionProvider: ExecutionProvider; fallbackReason?: string }> | null = null;
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let closed = false;

  const start = () => {
    const thread = new Worker(THREAD_URL);
    worker = thread;
    const failAll = (error: Error) => {
      for (const call of pending.values()) call.reject(error);
      pending.clear();
    };
    opened = new Promise((resolve, reject) => {
      thread.on("message", (message: ThreadMessage) => {
        if (message.type === "opened") resolve(message.fallbackReason ? { executionProvider: message.executionProvider, fallbackReason: message.fallbackReason } : { executionProvider: message.executionProvider });
        else if (message.type === "open-failed") reject(new Error(message.message));
        else if (message.type === "result" || message.type === "error") {
          const call = pending.get(message.id);
          pending.delete(message.id);
          if (message.type === "result") call?.resolve(message.outputs);
          else call?.reject(new Error(`backbone inference failed: ${message.message}`));
        }
      });
      const died = (reason: string) => {
        if (worker === thread) {
          worker = null;
          opened = null;
        }
        const error = new Error(`inference thread stopped: ${reason}`);
        reject(error);
        failAll(error);
      };
      thread.on("error", (error) => died(error.message));
      thread.on("exit", (code) => {
        if (!closed) died(`exit code ${code}`);
      });
    });
    thread.postMessage({
      type: "open",
      model,
      executionProvider,
      options: createSessionOptions(executionProvider, tuning),
      fallbackOptions: executionProvider === "cuda" ? createSessionOptions("cpu", tuning) : undefined,
    });
    return opened;
  };

  const first = await start();
  return {
    executionProvider: first.executionProvider,
    ...(first.fallbackReason ? { fallbackReason: first.fallbackReason } : {}),
    async run(batch, layers: readonly BackboneLayer[]) {
      if (closed) throw new Error("backbone session closed");
      if (!worker || !opened) await start();
      await opened;
      const id = nextId++;
      const result = new Promise<Record<string, Float32Array>>((resolve, reject) => pending.set(id, { resolve, reject }));
      // the batch is moved to the thread: the caller does not use it again
      worker!.postMessage({ type: "run", id, data: batch.data, dims: batch.dims, inputName: BACKBONE_INPUT_NAME, layers: [...layers] }, [batch.data.buffer as ArrayBuffer]);
      return result;
    },
    async kill() {
      await worker?.terminate();
    },
    async close() {
      closed = true;
      const thread = worker;
      worker = null;
      if (!thread) return;
      const exited = new Promise<void>((resolve) => thread.once("exit", () => resolve()));
      thread.postMessage({ type: "close" });
      // a thread stuck in a native call is not waited for long
      await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 2000).unref())]);
      await thread.terminate();
    },
  };
}

type ThreadMessage =
  | { type: "opened"; executionProvider: ExecutionProvider; fallbackReason?: string }
  | { type: "open-failed"; message: string }
  | { type: "result"; id: number; outputs: Record<string, Float32Array> }
  | { type: "error"; id: number; message: string };
