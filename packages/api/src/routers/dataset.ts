import { z } from "zod";
import { caseIdSchema, infiniteDirectionSchema } from "../schemas.ts";
import { listDatasetItems } from "../services/lifecycle/dataset-items.ts";
import { getDatasetStats } from "../services/lifecycle/dataset-stats.ts";
import { getDatasetVersion, listDatasetVersions } from "../services/lifecycle/dataset-versions.ts";
import { exportDatasetVersion } from "../services/lifecycle/export.ts";
import { freezeDatasetVersion } from "../services/lifecycle/freeze.ts";
import { importLabelledFolder } from "../services/lifecycle/import-folder.ts";
import { createTRPCRouter, scopedProcedure } from "../trpc.ts";

const idSchema = caseIdSchema;
const sourceSchema = z.enum(["expert_review", "import", "officer_feedback", "officer_confirmed"]);

export const datasetItemsInput = z
  .object({
    source: sourceSchema.optional(),
    /** typology key, coarse:<label>, no_firearm or unusable */
    label: z.string().max(80).optional(),
    importId: idSchema.optional(),
    datasetVersionId: idSchema.optional(),
    cursor: idSchema.optional(),
    /** sent by the client's infinite query; forward only (see infiniteDirectionSchema) */
    direction: infiniteDirectionSchema,
    limit: z.number().int().min(1).max(200).optional(),
  })
  .strict();

export const importFolderInput = z
  .object({
    /** relative to the server's datasets folder (DATASETS_DIR), e.g. "weapons-coarse" */
    folder: z.string().trim().min(1).max(300),
    name: z.string().trim().min(1).max(80).regex(/^[\w.-]+$/, "letters, digits, dot, dash, underscore").optional(),
    /** one label for every image when the folder has no labels file, e.g. "revolver" */
    label: z.string().trim().min(1).max(80).optional(),
    licence: z.string().trim().max(200).optional(),
    attribution: z.string().trim().max(1000).optional(),
  })
  .strict();

/**
 * The labelled dataset (admin only): counts and growth, items with provenance, frozen versions, export
 * and import. Every mutation is audited.
 */
export const datasetRouter = createTRPCRouter({
  /** counts per label and source, growth per period, the latest frozen version */
  stats: scopedProcedure("dataset:read")
    .input(z.object({ bucket: z.enum(["day", "week", "month"]).optional() }).strict().default({}))
    .query(({ ctx, input }) => getDatasetStats(ctx.deps, ctx.actor, input)),

  /** labelled items, newest first, with provenance (case, review, labeller, prediction, import) */
  items: scopedProcedure("dataset:read")
    .input(datasetItemsInput.default({}))
    .query(({ ctx, input: { direction: _forwardOnly, ...filters } }) => listDatasetItems(ctx.deps, ctx.actor, filters)),

  versions: scopedProcedure("dataset:read")
    .input(z.object({ limit: z.number().int().min(1).max(200).optional() }).strict().default({}))
    .query(({ ctx, input }) => listDatasetVersions(ctx.deps, ctx.actor, input)),

  version: scopedProcedure("dataset:read")
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => getDatasetVersion(ctx.deps, ctx.actor, input.id)),

  /** freezes the current labels into a new immutable version (returns the latest one, unchanged: true, when nothing changed) */
  freeze: scopedProcedure("dataset:manage")
    .input(z.object({ note: z.string().trim().max(500).optional() }).strict().default({}))
    .mutation(({ ctx, input }) => freezeDatasetVersion(ctx.deps, ctx.actor, input)),

  /** writes a .tar (images per label folder, manifest.csv with provenance, labels.csv) on the server */
  export: scopedProcedure("dataset:manage")
    .input(z.object({ datasetVersionId: idSchema }))
    .mutation(({ ctx, input }) => exportDatasetVersion(ctx.deps, ctx.actor, input.datasetVersionId)),

  /** imports a labelled folder (weapons-coarse manifest, file,typology CSV, negatives, label sub-folders) */
  importFolder: scopedProcedure("dataset:manage")
    .input(importFolderInput)
    .mutation(({ ctx, input }) => importLabelledFolder(ctx.deps, ctx.actor, input)),
});
