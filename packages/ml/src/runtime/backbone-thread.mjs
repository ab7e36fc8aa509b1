// The backbone's ONNX session on a thread of its own (see backbone-thread.ts). Plain JavaScript on
// purpose: a worker thread gets no TypeScript loader under every runner (vitest, tsx, node).
// Messages in: { type: "open", model, options, fallbackOptions } then { type: "run", id, data, dims, inputName, layers }.
// Messages out: { type: "opened", executionProvider, fallbackReason? } | { type: "open-failed", message }
//               { type: "result", id, outputs } | { type: "error", id, message }.
import { parentPort } from "node:worker_threads";
import * as ort from "onnxruntime-node";

let session = null;

parentPort.on("message", async (message) => {
  if (message.type === "open") {
    try {
      try {
        session = await ort.InferenceSession.create(message.model, message.options);
        parentPort.postMessage({ type: "opened", executionProvider: message.executionProvider });
      } catch (error) {
        if (!message.fallbackOptions) throw error;
        // CUDA requested without its libraries: the CPU runs, and the reason goes back to be logged
        session = await ort.InferenceSession.create(message.model, message.fallbackOptions);
        parentPort.postMessage({ type: "opened", executionProvider: "cpu", fallbackReason: error instanceof Error ? error.message : String(error) });
      }
    } catch (error) {
      parentPort.postMessage({ type: "open-failed", message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  if (message.type === "run") {
    try {
      const input = new ort.Tensor("float32", message.data, message.dims);
      const results = await session.run({ [message.inputName]: input }, message.layers);
      const outputs = {};
      const transfer = [];
      for (const layer of message.layers) {
        // a copy the thread owns, moved (not copied again) to the caller
        const data = new Float32Array(results[layer].data);
        outputs[layer] = data;
        transfer.push(data.buffer);
      }
      for (const tensor of Object.values(results)) tensor.dispose();
      parentPort.postMessage({ type: "result", id: message.id, outputs }, transfer);
    } catch (error) {
      parentPort.postMessage({ type: "error", id: message.id, message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  if (message.type === "close") {
    await session?.release();
    session = null;
    parentPort.close();
  }
});
