import type { Actor } from "@basegun/auth";
import { writeAudit, type Prisma, type TrainingRunKind, type TrainingRunStatus } from "@basegun/db";
import type { ServiceDeps } from "../../deps.ts";
import { notFound, ServiceError } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { lifecycleOf } from "./lifecycle-deps.ts";
import { trainingParametersSchema, type TrainingParameters } from "./training-parameters.ts";

export interface TrainingRunSummary {
  id: string;
  kind: TrainingRunKind;
  status: TrainingRunStatus;
  progress: number;
  step: string | null;
  datasetVersion: { id: string; number: number } | null;
  modelVersion: { id: string; version: string } | null;
  plannedVersion: string | null;
  parameters: unknown;
  error: string | null;
  cancelRequested: boolean;
  createdBy: { id: string; name: string } | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface TrainingRunDetail extends TrainingRunSummary {
  /** log text from logsFrom (a character offset), so a console polls only what is new */
  logs: string;
  logsLength: number;
  /** what the run used and measured, once finished (sources, counts, timings) */
  summary: unknown;
}

const include = {
  datasetVersion: { select: { id: true, number: true } },
  modelVersion: { select: { id: true, version: true } },
  createdBy: { select: { id: true, name: true } },
} as const;
type RunRow = Prisma.TrainingRunGetPayload<{ include: typeof include }>;

const summaryOf = (run: RunRow): TrainingRunSummary => ({
  id: run.id,
  kind: run.kind,
  status: run.status,
  progress: run.progress,
  step: run.step,
  datasetVersion: run.datasetVersion,
  modelVersion: run.modelVersion,
  plannedVersion: run.plannedVersion,
  parameters: run.parameters,
  error: run.error,
  cancelRequested: run.cancelRequestedAt !== null,
  createdBy: run.createdBy,
  createdAt: run.createdAt,
  startedAt: run.startedAt,
  finishedAt: run.finishedAt,
});

/** Creates the run row (audited) then enqueues its job after the commit; a queue that is down fails the run. */
export async function createRun(
  deps: ServiceDeps,
  actor: Actor,
  data: { kind: TrainingRunKind; datasetVersionId?: string | null; modelVersionId?: string | null; plannedVersion?: string | null; parameters: object },
  audit: { action: string; data: Prisma.InputJsonValue },
  runId?: string,
): Promise<TrainingRunSummary> {
  const run = await deps.db.$transaction(async (tx) => {
    const created = await tx.trainingRun.create({
      data: {
        ...(runId ? { id: runId } : {}),
        kind: data.kind,
        datasetVersionId: data.datasetVersionId ?? null,
        modelVersionId: data.modelVersionId ?? null,
        plannedVersion: data.plannedVersion ?? null,
        parameters: data.parameters as Prisma.InputJsonValue,
        createdById: actor.userId,
      },
      include,
    });
    await writeAudit(tx, { actorId: actor.userId, actorRole: actor.role, action: audit.action, resourceType: "TrainingRun", resourceId: created.id, data: audit.data });
    return created;
  });
  try {
    await lifecycleOf(deps).training.enqueue({ runId: run.id });
  } catch {
    await deps.db.trainingRun.update({ where: { id: run.id }, data: { status: "failed", error: "the job queue (Redis) is unavailable", finishedAt: new Date() } });
    throw new ServiceError("UNAVAILABLE", "the job queue is unavailable: try again", "queueUnavailable");
  }
  return summaryOf(run);
}

/** Starts a training run on a frozen dataset version; the training worker produces a candidate model. */
export async function startTraining(deps: ServiceDeps, actor: Actor, input: { datasetVersionId: string; parameters?: Partial<TrainingParameters> }): Promise<TrainingRunSummary> {
  requireScope(actor, "model:manage");
  const parameters = trainingParametersSchema.parse(input.parameters ?? {});
  const version = await deps.db.datasetVersion.findUnique({ where: { id: input.datasetVersionId }, select: { id: true, number: true, counts: true } });
  if (!version) throw notFound("dataset version");
  const active = await deps.db.trainingRun.findFirst({ where: { kind: "train", datasetVersionId: version.id, status: { in: ["queued", "running"] } } });
  if (active) throw new ServiceError("CONFLICT", `a training run on dataset version ${version.number} is already ${active.status}`, "trainingRunActive", { runId: active.id });
  return createRun(deps, actor, { kind: "train", datasetVersionId: version.id, parameters }, { action: "training.start", data: { datasetVersion: version.number, parameters } });
}

/** Evaluates an existing model version on a dataset version's test split (for comparisons and monitoring). */
export async function startEvaluation(deps: ServiceDeps, actor: Actor, input: { modelVersionId: string; datasetVersionId: string }): Promise<TrainingRunSummary> {
  requireScope(actor, "model:manage");
  const [model, dataset] = await Promise.all([
    deps.db.modelVersion.findUnique({ where: { id: input.modelVersionId }, select: { id: true, version: true } }),
    deps.db.datasetVersion.findUnique({ where: { id: input.datasetVersionId }, select: { id: true, number: true } }),
  ]);
  if (!model) throw notFound("model version");
  if (!dataset) throw notFound("dataset version");
  const active = await deps.db.trainingRun.findFirst({
    where: { kind: "evaluate", modelVersionId: model.id, datasetVersionId: dataset.id, status: { in: ["queued", "running"] } },
    include,
  });
  if (active) return summaryOf(active);
  return createRun(
    deps,
    actor,
    { kind: "evaluate", modelVersionId: model.id, datasetVersionId: dataset.id, parameters: {} },
    { action: "evaluation.start", data: { modelVersion: model.version, datasetVersion: dataset.number } },
  );
}

/**
 * Production evaluated on a newly frozen version, without anyone asking: the comparison of any candidate
 * trained on it then always has its baseline. Started by the freeze (the freezing admin is the run's
 * author, the audit row says it was automatic); nothing when there is no production or it is already
 * evaluated (or being evaluated) on that version.
 */
export async function evaluateProductionOn(deps: ServiceDeps, actor: Actor, datasetVersionId: string): Promise<TrainingRunSummary | null> {
  const production = await deps.db.modelAlias.findUnique({ where: { name: "production" }, include: { modelVersion: { select: { id: true, version: true } } } });
  if (!production) return null;
  const [evaluated, active, dataset] = await Promise.all([
    deps.db.modelEvaluation.findFirst({ where: { modelVersionId: production.modelVersionId, datasetVersionId }, select: { id: true } }),
    deps.db.trainingRun.findFirst({ where: { kind: "evaluate", modelVersionId: production.modelVersionId, datasetVersionId, status: { in: ["queued", "running"] } }, include }),
    deps.db.datasetVersion.findUniqueOrThrow({ where: { id: datasetVersionId }, select: { number: true } }),
  ]);
  if (evaluated) return null;
  if (active) return summaryOf(active);
  return createRun(
    deps,
    actor,
    { kind: "evaluate", modelVersionId: production.modelVersionId, datasetVersionId, parameters: {} },
    { action: "evaluation.start", data: { modelVersion: production.modelVersion.version, datasetVersion: dataset.number, automatic: "production on a new frozen version" } },
  );
}

/**
 * Cancels a run: a queued one at once (its job is removed), a running one between two steps (the worker
 * checks the flag, stops, and removes what it wrote). A finished run cannot be cancelled.
 */
export async function cancelRun(deps: ServiceDeps, actor: Actor, runId: string): Promise<TrainingRunSummary> {
  requireScope(actor, "model:manage");
  const run = await deps.db.trainingRun.findUnique({ where: { id: runId } });
  if (!run) throw notFound("training run");
  if (run.status !== "queued" && run.status !== "running") throw new ServiceError("CONFLICT", `the run is already ${run.status}`, "trainingRunFinished");
  const removed = run.status === "queued" && (await lifecycleOf(deps).training.removeWaiting(run.id));
  const updated = await deps.db.$transaction(async (tx) => {
    // only a run still queued with its job removed is cancelled here; otherwise the worker does it
    const row = removed
      ? await tx.trainingRun.updateMany({ where: { id: run.id, status: "queued" }, data: { status: "cancelled", cancelRequestedAt: new Date(), finishedAt: new Date(), step: "cancelled" } })
      : await tx.trainingRun.updateMany({ where: { id: run.id, status: { in: ["queued", "running"] } }, data: { cancelRequestedAt: new Date() } });
    await writeAudit(tx, { actorId: actor.userId, actorRole: actor.role, action: "training.cancel", resourceType: "TrainingRun", resourceId: run.id, data: { kind: run.kind, was: run.status, immediate: removed && row.count > 0 } });
    return tx.trainingRun.findUniqueOrThrow({ where: { id: run.id }, include });
  });
  return summaryOf(updated);
}

export async function listTrainingRuns(
  deps: ServiceDeps,
  actor: Actor,
  options: { kind?: TrainingRunKind; status?: TrainingRunStatus; cursor?: string; limit?: number } = {},
): Promise<{ runs: TrainingRunSummary[]; nextCursor: string | null }> {
  requireScope(actor, "model:manage");
  const limit = Math.min(Math.max(options.limit ?? 30, 1), 100);
  const rows = await deps.db.trainingRun.findMany({
    where: { ...(options.kind ? { kind: options.kind } : {}), ...(options.status ? { status: options.status } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(options.cursor ? { cursor: { id: options.cursor }, skip: 1 } : {}),
    include,
  });
  const page = rows.slice(0, limit);
  return { runs: page.map(summaryOf), nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}

export async function getTrainingRun(deps: ServiceDeps, actor: Actor, runId: string, options: { logsFrom?: number } = {}): Promise<TrainingRunDetail> {
  requireScope(actor, "model:manage");
  const run = await deps.db.trainingRun.findUnique({ where: { id: runId }, include });
  if (!run) throw notFound("training run");
  return { ...summaryOf(run), logs: run.logs.slice(options.logsFrom ?? 0), logsLength: run.logs.length, summary: run.summary };
}
