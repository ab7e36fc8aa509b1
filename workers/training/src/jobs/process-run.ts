import type { RunContext } from "../run-context.ts";
import { RunCancelledError } from "../run-context.ts";
import { UploadRefusedError } from "../steps/onnx-head.ts";
import { runEvaluation } from "./evaluate-run.ts";
import { runTraining } from "./train-run.ts";
import { runUpload } from "./upload-run.ts";
import type { TrainingWorkerDeps } from "./worker-deps.ts";

/** the run kinds in the logs' words */
const RUN_KINDS_FR: Record<string, string> = { train: "d'entraînement", evaluate: "d'évaluation", upload: "de dépôt" };

export type RunOutcome = "succeeded" | "failed" | "cancelled" | "skipped" | "missing";

/**
 * Runs one TrainingRun to a final status. Idempotent by run id: a finished run is skipped, a run left
 * `running` by a killed worker starts over (every step is restartable). Failures are stored on the run
 * (with the reasons of a refused upload) and not retried: only a crash makes BullMQ retry the job.
 */
export async function processRun(deps: TrainingWorkerDeps, makeContext: (runId: string) => RunContext, runId: string): Promise<RunOutcome> {
  const run = await deps.db.trainingRun.findUnique({ where: { id: runId } });
  if (!run) return "missing";
  if (run.status === "succeeded" || run.status === "failed" || run.status === "cancelled") return "skipped";
  const ctx = makeContext(run.id);
  if (run.cancelRequestedAt) {
    await ctx.finish("cancelled");
    return "cancelled";
  }
  await deps.db.trainingRun.update({ where: { id: run.id }, data: { status: "running", startedAt: new Date(), error: null } });
  await ctx.log(`exécution ${RUN_KINDS_FR[run.kind]} ${run.id} démarrée${run.startedAt ? " (de nouveau, après une tentative interrompue)" : ""}`);
  try {
    const job = run.kind === "train" ? runTraining : run.kind === "evaluate" ? runEvaluation : runUpload;
    const result = await job(deps, ctx, run);
    await ctx.log("terminé");
    await ctx.finish("succeeded", { summary: result.summary, modelVersionId: result.modelVersionId });
    return "succeeded";
  } catch (error) {
    if (error instanceof RunCancelledError) {
      await ctx.log("annulé entre deux étapes ; rien n'a été enregistré");
      await ctx.finish("cancelled");
      return "cancelled";
    }
    const message = error instanceof Error ? error.message : String(error);
    await ctx.log(`échec : ${message}`);
    await ctx.finish("failed", { error: message, ...(error instanceof UploadRefusedError ? { summary: { reasons: error.reasons } } : {}) });
    return "failed";
  }
}
