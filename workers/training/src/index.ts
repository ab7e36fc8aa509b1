export { startTrainingWorker, type RunningTrainingWorker } from "./worker.ts";
export { loadTrainingEnv, type TrainingEnv } from "./env.ts";
export { processRun, type RunOutcome } from "./jobs/process-run.ts";
export { RunContext, RunCancelledError } from "./run-context.ts";
export { ONNX_HEAD_CONTRACT } from "./steps/onnx-head.ts";
