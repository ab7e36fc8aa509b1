import type { Actor } from "@basegun/auth";
import type { DatasetItemSource, Prisma } from "@basegun/db";
import type { ServiceDeps } from "../../deps.ts";
import { requireScope } from "../access.ts";
import { labelKeyOf } from "./label-key.ts";
import { splitOfKey, type Split } from "./split-rule.ts";

export interface DatasetItemFilters {
  source?: DatasetItemSource;
  /** a label key: typology, coarse:<label>, no_firearm, unusable */
  label?: string;
  importId?: string;
  /** items frozen in this dataset version only */
  datasetVersionId?: string;
  cursor?: string;
  limit?: number;
}

/** One labelled item with everything needed to answer "where does this label come from". */
export interface DatasetItemView {
  id: string;
  label: string;
  typology: string | null;
  labelSet: string[];
  noFirearm: boolean;
  sourceLabel: string | null;
  usable: boolean;
  categoryLetters: string[];
  source: DatasetItemSource;
  /** the split this item falls in, in every dataset version (fixed by its group's hash) */
  split: Split;
  createdAt: Date;
  provenance: {
    caseId: string | null;
    photoId: string | null;
    reviewId: string | null;
    reviewReason: string | null;
    labeller: { id: string; name: string } | null;
    predictionId: string | null;
    modelVersion: string | null;
    agreesWithModel: boolean | null;
    import: { id: string; name: string } | null;
    origin: string | null;
  };
}

export async function listDatasetItems(deps: ServiceDeps, actor: Actor, filters: DatasetItemFilters = {}): Promise<{ items: DatasetItemView[]; nextCursor: string | null }> {
  requireScope(actor, "dataset:read");
  const limit = Math.min(Math.max(filters.limit ?? 50, 1), 200);
  const where: Prisma.DatasetItemWhereInput = {
    ...(filters.source ? { source: filters.source } : {}),
    ...(filters.importId ? { importId: filters.importId } : {}),
    ...(filters.datasetVersionId ? { versions: { some: { datasetVersionId: filters.datasetVersionId } } } : {}),
    ...labelWhere(filters.label),
  };
  const rows = await deps.db.datasetItem.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(filters.cursor ? { cursor: { id: filters.cursor }, skip: 1 } : {}),
    include: {
      photo: { select: { caseId: true } },
      labeller: { select: { id: true, name: true } },
      modelVersion: { select: { version: true } },
      import: { select: { id: true, name: true } },
    },
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      label: labelKeyOf(row),
      typology: row.typology,
      labelSet: row.labelSet,
      noFirearm: row.noFirearm,
      sourceLabel: row.sourceLabel,
      usable: row.usable,
      categoryLetters: row.categoryLetters,
      source: row.source,
      split: splitOfKey(row.splitKey),
      createdAt: row.createdAt,
      provenance: {
        caseId: row.photo?.caseId ?? null,
        photoId: row.photoId,
        reviewId: row.reviewId,
        reviewReason: row.reviewReason,
        labeller: row.labeller,
        predictionId: row.predictionId,
        modelVersion: row.modelVersion?.version ?? null,
        agreesWithModel: row.agreesWithModel,
        import: row.import,
        origin: row.origin,
      },
    })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

function labelWhere(label: string | undefined): Prisma.DatasetItemWhereInput {
  if (!label) return {};
  if (label === "unusable") return { usable: false };
  if (label === "no_firearm") return { noFirearm: true, usable: true };
  if (label.startsWith("coarse:")) return { typology: null, sourceLabel: label.slice("coarse:".length), usable: true };
  return { typology: label, usable: true };
}
