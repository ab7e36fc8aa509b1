import type { Actor } from "@basegun/auth";
import type { ModelSource, ModelVersionStatus } from "@basegun/db";
import type { ServiceDeps } from "../../deps.ts";
import { notFound } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { asEvaluationMetrics, type EvaluationMetrics } from "./evaluation-metrics.ts";

export interface EvaluationSummary {
  id: string;
  datasetVersion: { id: string; number: number };
  split: string;
  createdAt: Date;
  top1Accuracy: number | null;
  inLabelAccuracy: number | null;
  familyAccuracy: number | null;
  ece: number | null;
  items: number;
}

export interface ModelVersionSummary {
  id: string;
  version: string;
  source: ModelSource;
  status: ModelVersionStatus;
  /** aliases pointing to it now */
  aliases: string[];
  /** the frozen dataset version it was trained on (null: shipped, or uploaded without one) */
  trainedOn: { id: string; number: number } | null;
  artifactSha256: string;
  createdAt: Date;
  evaluations: EvaluationSummary[];
  predictions: number;
}

export interface ModelVersionDetail extends ModelVersionSummary {
  artifactPath: string;
  manifest: unknown;
  /** metrics written at training time (metrics.json) */
  metrics: unknown;
  /** the runs that produced or evaluated it */
  runs: Array<{ id: string; kind: string; status: string; createdAt: Date }>;
  fullEvaluations: Array<EvaluationSummary & { metrics: EvaluationMetrics | null }>;
}

const include = {
  aliases: { select: { name: true } },
  datasetVersion: { select: { id: true, number: true } },
  evaluations: { include: { datasetVersion: { select: { id: true, number: true } } }, orderBy: { createdAt: "desc" as const } },
  _count: { select: { predictions: true } },
};

type Row = NonNullable<Awaited<ReturnType<typeof findOne>>>;
const findOne = (deps: ServiceDeps, id: string) => deps.db.modelVersion.findUnique({ where: { id }, include });

function evaluationSummary(evaluation: Row["evaluations"][number]): EvaluationSummary {
  const metrics = asEvaluationMetrics(evaluation.metrics);
  return {
    id: evaluation.id,
    datasetVersion: evaluation.datasetVersion,
    split: evaluation.split,
    createdAt: evaluation.createdAt,
    top1Accuracy: metrics?.top1Accuracy ?? null,
    inLabelAccuracy: metrics?.inLabelAccuracy ?? null,
    familyAccuracy: metrics?.familyAccuracy ?? null,
    ece: metrics?.calibration.ece ?? null,
    items: metrics?.counts.items ?? 0,
  };
}

const summaryOf = (row: Row): ModelVersionSummary => ({
  id: row.id,
  version: row.version,
  source: row.source,
  status: row.status,
  aliases: row.aliases.map((alias) => alias.name),
  trainedOn: row.datasetVersion,
  artifactSha256: row.artifactSha256,
  createdAt: row.createdAt,
  evaluations: row.evaluations.map(evaluationSummary),
  predictions: row._count.predictions,
});

/** Every model version, newest first, with its aliases and evaluation headlines. */
export async function listModelVersions(deps: ServiceDeps, actor: Actor, options: { status?: ModelVersionStatus; limit?: number } = {}): Promise<ModelVersionSummary[]> {
  requireScope(actor, "model:manage");
  const rows = await deps.db.modelVersion.findMany({
    where: options.status ? { status: options.status } : {},
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(options.limit ?? 50, 1), 200),
    include,
  });
  return rows.map(summaryOf);
}

export async function getModelVersion(deps: ServiceDeps, actor: Actor, id: string): Promise<ModelVersionDetail> {
  requireScope(actor, "model:manage");
  const row = await findOne(deps, id);
  if (!row) throw notFound("model version");
  const runs = await deps.db.trainingRun.findMany({ where: { modelVersionId: id }, orderBy: { createdAt: "asc" }, select: { id: true, kind: true, status: true, createdAt: true } });
  return {
    ...summaryOf(row),
    artifactPath: row.artifactPath,
    manifest: row.manifest,
    metrics: row.metrics,
    runs,
    fullEvaluations: row.evaluations.map((evaluation) => ({ ...evaluationSummary(evaluation), metrics: asEvaluationMetrics(evaluation.metrics) })),
  };
}

/**
 * "Which model gave this answer, and on what data was it trained": a prediction's model version, the
 * frozen dataset version behind it, the run that trained it, and the production alias at that moment.
 */
export async function predictionLineage(deps: ServiceDeps, actor: Actor, predictionId: string) {
  requireScope(actor, "model:manage");
  const prediction = await deps.db.prediction.findUnique({
    where: { id: predictionId },
    select: { id: true, caseId: true, createdAt: true, shadow: true, rulesVersion: true, modelVersionId: true },
  });
  if (!prediction) throw notFound("prediction");
  const model = await findOne(deps, prediction.modelVersionId);
  const trainingRun = await deps.db.trainingRun.findFirst({ where: { modelVersionId: prediction.modelVersionId, kind: { in: ["train", "upload"] } }, select: { id: true, kind: true, parameters: true, summary: true } });
  const productionEvent = await deps.db.modelAliasEvent.findFirst({
    where: { alias: "production", createdAt: { lte: prediction.createdAt } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { modelVersionId: true, createdAt: true },
  });
  return {
    prediction,
    modelVersion: model ? summaryOf(model) : null,
    trainingRun,
    productionAtThatTime: productionEvent,
  };
}
