import path from "node:path";
import type { TrainingRunModel as TrainingRun } from "@basegun/db";
import type { RunContext } from "../run-context.ts";
import { evaluateModelOnDataset, storeEvaluation } from "../steps/evaluate-model.ts";
import type { TrainingWorkerDeps } from "./worker-deps.ts";

/** An existing model version on a frozen dataset version's test split (idempotent: the evaluation is replaced). */
export async function runEvaluation(deps: TrainingWorkerDeps, ctx: RunContext, run: TrainingRun) {
  if (!run.modelVersionId || !run.datasetVersionId) throw new Error("evaluation run without a model version or dataset version");
  const model = await deps.db.modelVersion.findUniqueOrThrow({ where: { id: run.modelVersionId } });
  const dataset = await deps.db.datasetVersion.findUniqueOrThrow({ where: { id: run.datasetVersionId }, select: { id: true, number: true } });
  await ctx.step(`évaluation : ${model.version} sur la version ${dataset.number} du jeu de données`, 0.05);
  const { metrics, unreadable } = await evaluateModelOnDataset(deps, ctx, { modelDir: path.resolve(deps.modelsDir, model.artifactPath), datasetVersionId: dataset.id, progress: [0.05, 0.95] });
  await ctx.step("enregistrement de l'évaluation", 0.97);
  await storeEvaluation(deps.db, model.id, dataset.id, metrics);
  return { modelVersionId: model.id, summary: { version: model.version, datasetVersion: dataset.number, items: metrics.counts.items, unreadable, top1Accuracy: metrics.top1Accuracy, inLabelAccuracy: metrics.inLabelAccuracy } };
}
