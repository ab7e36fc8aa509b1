// For the training worker's end-to-end tests and tools: the inference worker as a library.
export { startInferenceWorker, type RunningWorker } from "./worker.ts";
export { loadWorkerEnv, type WorkerEnv } from "./env.ts";
export { ModelProvider, type LoadedModel } from "./model-provider.ts";
export { processIdentify, type ProcessDeps, type ProcessOutcome } from "./process-identify.ts";
export { runShadow } from "./shadow.ts";
export { OcrEngine, MarkingsImageError, type OcrReading } from "./markings/ocr-engine.ts";
export { processReadMarkings, type MarkingsDeps, type MarkingsOutcome } from "./markings/process-markings.ts";
