import type { Actor } from "@basegun/auth";
import type { DatasetItemSource } from "@basegun/db";
import type { ServiceDeps } from "../../deps.ts";
import { requireScope } from "../access.ts";
import { labelKeyOf } from "./label-key.ts";

export interface DatasetStats {
  total: number;
  /** label key (typology, coarse:<label>, no_firearm, unusable) -> source -> count */
  byLabelAndSource: Array<{ label: string; source: DatasetItemSource; count: number }>;
  byLabel: Array<{ label: string; count: number }>;
  bySource: Array<{ source: DatasetItemSource; count: number }>;
  /** items added per period and source, with the running total over every source */
  growth: Array<{ periodStart: Date; source: DatasetItemSource; count: number; cumulative: number }>;
  latestVersion: { id: string; number: number; itemCount: number; createdAt: Date } | null;
  /** items labelled after the latest freeze (what a new freeze would add, before de-duplication) */
  itemsSinceLatestVersion: number;
}

/** Counts per typology and source, growth over time, and where the latest frozen version stands. */
export async function getDatasetStats(deps: ServiceDeps, actor: Actor, options: { bucket?: "day" | "week" | "month" } = {}): Promise<DatasetStats> {
  requireScope(actor, "dataset:read");
  const bucket = options.bucket ?? "week";
  const db = deps.db;
  const [groups, growthRows, latest] = await Promise.all([
    db.datasetItem.groupBy({ by: ["typology", "labelSet", "noFirearm", "sourceLabel", "usable", "source"], _count: { _all: true } }),
    db.$queryRaw<Array<{ periodStart: Date; source: DatasetItemSource; count: bigint }>>`
      SELECT date_trunc(${bucket}, "createdAt") AS "periodStart", "source", count(*) AS "count"
      FROM "DatasetItem" GROUP BY 1, 2 ORDER BY 1, 2`,
    db.datasetVersion.findFirst({ orderBy: { number: "desc" }, select: { id: true, number: true, itemCount: true, createdAt: true } }),
  ]);
  const byLabelAndSource = new Map<string, { label: string; source: DatasetItemSource; count: number }>();
  for (const group of groups) {
    const label = labelKeyOf(group);
    const key = `${label}\u0000${group.source}`;
    const entry = byLabelAndSource.get(key) ?? { label, source: group.source, count: 0 };
    entry.count += group._count._all;
    byLabelAndSource.set(key, entry);
  }
  const sum = (rows: Iterable<{ count: number }>) => [...rows].reduce((total, row) => total + row.count, 0);
  const totalsBy = <K extends "label" | "source">(key: K) => {
    const totals = new Map<string, number>();
    for (const entry of byLabelAndSource.values()) totals.set(entry[key], (totals.get(entry[key]) ?? 0) + entry.count);
    return [...totals.entries()].sort((a, b) => b[1] - a[1]);
  };
  let cumulative = 0;
  const growth = growthRows.map((row) => {
    cumulative += Number(row.count);
    return { periodStart: row.periodStart, source: row.source, count: Number(row.count), cumulative };
  });
  const itemsSinceLatestVersion = latest ? await db.datasetItem.count({ where: { createdAt: { gt: latest.createdAt } } }) : sum(byLabelAndSource.values());
  return {
    total: sum(byLabelAndSource.values()),
    byLabelAndSource: [...byLabelAndSource.values()].sort((a, b) => a.label.localeCompare(b.label) || a.source.localeCompare(b.source)),
    byLabel: totalsBy("label").map(([label, count]) => ({ label, count })),
    bySource: totalsBy("source").map(([source, count]) => ({ source: source as DatasetItemSource, count })),
    growth,
    latestVersion: latest,
    itemsSinceLatestVersion,
  };
}

