import type { Actor } from "@basegun/auth";
import type { ServiceDeps } from "../../deps.ts";
import { notFound } from "../../errors.ts";
import { requireScope } from "../access.ts";
import type { DatasetVersionCounts } from "./freeze.ts";

export interface DatasetVersionView {
  id: string;
  number: number;
  note: string | null;
  splitRule: string;
  itemCount: number;
  counts: DatasetVersionCounts;
  contentSha256: string;
  createdAt: Date;
  createdBy: { id: string; name: string } | null;
  /** model versions trained on it, and model versions evaluated on it */
  trainedModels: Array<{ id: string; version: string }>;
  evaluatedModels: Array<{ id: string; version: string; evaluatedAt: Date }>;
}

const include = {
  createdBy: { select: { id: true, name: true } },
  modelVersions: { select: { id: true, version: true }, orderBy: { createdAt: "asc" as const } },
  evaluations: { select: { createdAt: true, modelVersion: { select: { id: true, version: true } } }, orderBy: { createdAt: "asc" as const } },
};

type Row = Awaited<ReturnType<typeof findVersions>>[number];
const findVersions = (deps: ServiceDeps, where: { id?: string }, take: number) =>
  deps.db.datasetVersion.findMany({ where, orderBy: { number: "desc" }, take, include });

function view(row: Row): DatasetVersionView {
  return {
    id: row.id,
    number: row.number,
    note: row.note,
    splitRule: row.splitRule,
    itemCount: row.itemCount,
    counts: row.counts as unknown as DatasetVersionCounts,
    contentSha256: row.contentSha256,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    trainedModels: row.modelVersions,
    evaluatedModels: row.evaluations.map((evaluation) => ({ ...evaluation.modelVersion, evaluatedAt: evaluation.createdAt })),
  };
}

export async function listDatasetVersions(deps: ServiceDeps, actor: Actor, options: { limit?: number } = {}): Promise<DatasetVersionView[]> {
  requireScope(actor, "dataset:read");
  return (await findVersions(deps, {}, Math.min(Math.max(options.limit ?? 50, 1), 200))).map(view);
}

export async function getDatasetVersion(deps: ServiceDeps, actor: Actor, id: string): Promise<DatasetVersionView> {
  requireScope(actor, "dataset:read");
  const [row] = await findVersions(deps, { id }, 1);
  if (!row) throw notFound("dataset version");
  return view(row);
}
