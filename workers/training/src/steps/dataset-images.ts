import type { Db, DatasetSplit } from "@basegun/db";

/** One frozen item with its label, split and where its image is. */
export interface FrozenImage {
  datasetItemId: string;
  sha256: string;
  imageKey: string;
  split: DatasetSplit;
  typology: string | null;
  labelSet: string[];
  noFirearm: boolean;
  sourceLabel: string;
  /** expert_review, officer_feedback, or the import's name */
  sourceName: string;
  importInfo: { name: string; licence: string | null; attribution: string | null } | null;
}

export async function loadFrozenImages(db: Db, datasetVersionId: string, splits?: DatasetSplit[]): Promise<FrozenImage[]> {
  const rows = await db.datasetVersionItem.findMany({
    where: { datasetVersionId, ...(splits ? { split: { in: splits } } : {}) },
    orderBy: { datasetItemId: "asc" },
    include: { datasetItem: { select: { import: { select: { name: true, licence: true, attribution: true } } } } },
  });
  return rows.map((row) => ({
    datasetItemId: row.datasetItemId,
    sha256: row.sha256,
    imageKey: row.imageKey,
    split: row.split,
    typology: row.typology,
    labelSet: row.labelSet,
    noFirearm: row.noFirearm,
    sourceLabel: row.sourceLabel,
    sourceName: row.datasetItem.import ? `import:${row.datasetItem.import.name}` : row.source,
    importInfo: row.datasetItem.import,
  }));
}
