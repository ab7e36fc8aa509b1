import { z } from "zod";
import { caseIdSchema } from "../schemas.ts";
import { aliasAt, aliasHistory, clearShadow, promoteModel, rollbackPreview, rollbackProduction, setShadow } from "../services/lifecycle/aliases.ts";
import { compareModels, promotionPreview } from "../services/lifecycle/compare.ts";
import { getModelVersion, listModelVersions, predictionLineage } from "../services/lifecycle/model-versions.ts";
import { getMonitoring } from "../services/lifecycle/monitoring.ts";
import { getShadowReport } from "../services/lifecycle/shadow-report.ts";
import { trainingParametersSchema } from "../services/lifecycle/training-parameters.ts";
import { cancelRun, getTrainingRun, listTrainingRuns, startEvaluation, startTraining } from "../services/lifecycle/training-runs.ts";
import { uploadModel } from "../services/lifecycle/upload.ts";
import { createTRPCRouter, scopedProcedure } from "../trpc.ts";

const idSchema = caseIdSchema;
const reasonSchema = z.string().trim().max(500).optional();
const aliasSchema = z.enum(["production", "shadow"]);

export const startTrainingInput = z.object({ datasetVersionId: idSchema, parameters: trainingParametersSchema.partial().optional() }).strict();
export const uploadInput = z
  .object({
    manifest: z.string().min(2).max(1_000_000),
    /** ~50 MiB of ONNX at most, base64 */
    onnxBase64: z.string().min(1).max(70_000_000),
    datasetVersionId: idSchema.optional(),
    note: reasonSchema,
  })
  .strict();
export const promoteInput = z
  .object({ modelVersionId: idSchema, expectedCurrentVersionId: idSchema.nullable(), confirm: z.literal(true), reason: reasonSchema })
  .strict();

/**
 * The model lifecycle (admin only): training and evaluation runs, uploads, comparisons, the registry and
 * its aliases (promote, roll back, shadow) with their history, and monitoring.
 */
export const modelsRouter = createTRPCRouter({
  list: scopedProcedure("model:manage")
    .input(z.object({ status: z.enum(["candidate", "registered"]).optional(), limit: z.number().int().min(1).max(200).optional() }).strict().default({}))
    .query(({ ctx, input }) => listModelVersions(ctx.deps, ctx.actor, input)),

  byId: scopedProcedure("model:manage")
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => getModelVersion(ctx.deps, ctx.actor, input.id)),

  /** which model version gave a prediction, what it was trained on, and what production was then */
  lineage: scopedProcedure("model:manage")
    .input(z.object({ predictionId: idSchema }))
    .query(({ ctx, input }) => predictionLineage(ctx.deps, ctx.actor, input.predictionId)),

  // --- runs (training worker) ---
  train: scopedProcedure("model:manage")
    .input(startTrainingInput)
    .mutation(({ ctx, input }) => startTraining(ctx.deps, ctx.actor, input)),

  evaluate: scopedProcedure("model:manage")
    .input(z.object({ modelVersionId: idSchema, datasetVersionId: idSchema }).strict())
    .mutation(({ ctx, input }) => startEvaluation(ctx.deps, ctx.actor, input)),

  upload: scopedProcedure("model:manage")
    .input(uploadInput)
    .mutation(({ ctx, input }) => uploadModel(ctx.deps, ctx.actor, input)),

  runs: scopedProcedure("model:manage")
    .input(
      z
        .object({
          kind: z.enum(["train", "evaluate", "upload"]).optional(),
          status: z.enum(["queued", "running", "succeeded", "failed", "cancelled"]).optional(),
          cursor: idSchema.optional(),
          limit: z.number().int().min(1).max(100).optional(),
        })
        .strict()
        .default({}),
    )
    .query(({ ctx, input }) => listTrainingRuns(ctx.deps, ctx.actor, input)),

  /** one run with its logs from logsFrom (poll with the previous logsLength) */
  run: scopedProcedure("model:manage")
    .input(z.object({ id: idSchema, logsFrom: z.number().int().min(0).optional() }).strict())
    .query(({ ctx, input }) => getTrainingRun(ctx.deps, ctx.actor, input.id, input.logsFrom !== undefined ? { logsFrom: input.logsFrom } : {})),

  cancelRun: scopedProcedure("model:manage")
    .input(z.object({ id: idSchema }))
    .mutation(({ ctx, input }) => cancelRun(ctx.deps, ctx.actor, input.id)),

  // --- comparison and registry ---
  compare: scopedProcedure("model:manage")
    .input(z.object({ candidateId: idSchema, baselineId: idSchema.optional(), datasetVersionId: idSchema.optional() }).strict())
    .query(({ ctx, input }) => compareModels(ctx.deps, ctx.actor, input)),

  /** the confirmation step: show it, then call promote with confirm: true and its currentProduction id */
  promotePreview: scopedProcedure("model:manage")
    .input(z.object({ modelVersionId: idSchema }))
    .query(({ ctx, input }) => promotionPreview(ctx.deps, ctx.actor, input.modelVersionId)),

  promote: scopedProcedure("model:manage")
    .input(promoteInput)
    .mutation(({ ctx, input }) => promoteModel(ctx.deps, ctx.actor, input)),

  /** the rollback's confirmation: the version it leaves and the one it returns to (null: nothing to return to) */
  rollbackPreview: scopedProcedure("model:manage").query(({ ctx }) => rollbackPreview(ctx.deps, ctx.actor)),

  rollback: scopedProcedure("model:manage")
    .input(z.object({ expectedCurrentVersionId: idSchema, confirm: z.literal(true), reason: reasonSchema }).strict())
    .mutation(({ ctx, input }) => rollbackProduction(ctx.deps, ctx.actor, input)),

  setShadow: scopedProcedure("model:manage")
    .input(z.object({ modelVersionId: idSchema, reason: reasonSchema }).strict())
    .mutation(({ ctx, input }) => setShadow(ctx.deps, ctx.actor, input)),

  clearShadow: scopedProcedure("model:manage")
    .input(z.object({ reason: reasonSchema }).strict().default({}))
    .mutation(({ ctx, input }) => clearShadow(ctx.deps, ctx.actor, input)),

  aliasHistory: scopedProcedure("model:manage")
    .input(z.object({ alias: aliasSchema.optional(), limit: z.number().int().min(1).max(500).optional() }).strict().default({}))
    .query(({ ctx, input }) => aliasHistory(ctx.deps, ctx.actor, input)),

  /** which version an alias pointed to at a moment */
  aliasAt: scopedProcedure("model:manage")
    .input(z.object({ at: z.coerce.date(), alias: aliasSchema.optional() }).strict())
    .query(({ ctx, input }) => aliasAt(ctx.deps, ctx.actor, input)),

  // --- live traffic ---
  monitoring: scopedProcedure("model:manage")
    .input(z.object({ modelVersionId: idSchema.optional(), weeks: z.number().int().min(1).max(104).optional() }).strict().default({}))
    .query(({ ctx, input }) => getMonitoring(ctx.deps, ctx.actor, input)),

  shadowReport: scopedProcedure("model:manage")
    .input(z.object({ modelVersionId: idSchema.optional(), days: z.number().int().min(1).max(365).optional() }).strict().default({}))
    .query(({ ctx, input }) => getShadowReport(ctx.deps, ctx.actor, input)),
});
