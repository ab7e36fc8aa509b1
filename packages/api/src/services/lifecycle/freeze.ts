import { createHash } from "node:crypto";
import type { Actor } from "@basegun/auth";
import { Prisma, writeAudit, type DatasetItemSource } from "@basegun/db";
import type { ServiceDeps } from "../../deps.ts";
import { ServiceError } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { labelKeyOf } from "./label-key.ts";
import { mergePictures, type MergeRow } from "./picture-merge.ts";
import { SPLIT_RULE, splitOfKey, type Split } from "./split-rule.ts";
import { evaluateProductionOn } from "./training-runs.ts";

export type SplitCounts = Record<Split, number>;

export interface DatasetVersionCounts {
  splits: SplitCounts;
  byLabel: Record<string, SplitCounts>;
  bySource: Record<string, SplitCounts>;
  /**
   * items left out: unusable photos, older labels of a photo labelled again (superseded), coarse labels
   * replaced by a full label of the same picture (replaced), duplicates of a picture from another case
   * or source (merged); versions frozen before picture merging have no replaced/merged counts
   */
  excluded: { unusable: number; superseded: number; noImage: number; replaced?: number; merged?: number };
  /** items whose split follows the picture they share with an older group rather than their own group's hash */
  realigned?: number;
}

export interface FrozenVersion {
  id: string;
  number: number;
  itemCount: number;
  counts: DatasetVersionCounts;
  contentSha256: string;
  createdAt: Date;
  /** true when nothing changed since the latest version: that version is returned, none is created */
  unchanged: boolean;
  /** production's evaluation on this version, started automatically (null: none needed or the queue is down) */
  productionEvaluationRunId?: string | null;
}

interface FrozenItem {
  datasetItemId: string;
  typology: string | null;
  labelSet: string[];
  noFirearm: boolean;
  split: Split;
  source: DatasetItemSource;
  sourceLabel: string;
  sha256: string;
  imageKey: string;
}

const emptySplits = (): SplitCounts => ({ train: 0, validation: 0, test: 0 });

/**
 * Freezes the labelled items as they stand into a new, immutable dataset version: one item per picture
 * (the original file, across sources: a full label beats a coarse one, then the latest wins; see
 * mergePictures), unusable photos left out, and each item in the split its group's hash gives it
 * (SPLIT_RULE), groups sharing a picture taking the oldest one's split. The counts say what was merged.
 */
export async function freezeDatasetVersion(deps: ServiceDeps, actor: Actor, input: { note?: string } = {}): Promise<FrozenVersion> {
  const frozen = await freezeItems(deps, actor, input);
  if (frozen.unchanged) return frozen;
  // production evaluated on the new version at once: a comparison is never left without its baseline.
  // The version is frozen either way; a queue that is down leaves the evaluation to be started by hand.
  const run = await evaluateProductionOn(deps, actor, frozen.id).catch(() => null);
  return { ...frozen, productionEvaluationRunId: run?.id ?? null };
}

async function freezeItems(deps: ServiceDeps, actor: Actor, input: { note?: string }): Promise<FrozenVersion> {
  requireScope(actor, "dataset:manage");
  const rows = await deps.db.datasetItem.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { photo: { select: { derivativeKey: true, derivativeSha256: true, originalSha256: true } } },
  });
  const excluded = { unusable: 0, superseded: 0, noImage: 0, replaced: 0, merged: 0 };
  const candidates: Array<(typeof rows)[number] & { imageKey: string; sha256: string }> = [];
  for (const row of rows) {
    if (!row.usable || (!row.typology && row.labelSet.length === 0 && !row.noFirearm)) {
      excluded.unusable += 1;
      continue;
    }
    const imageKey = row.photo?.derivativeKey ?? row.imageKey;
    const sha256 = row.photo?.derivativeSha256 ?? row.sha256;
    if (!imageKey || !sha256) {
      excluded.noImage += 1;
      continue;
    }
    candidates.push({ ...row, imageKey, sha256 });
  }
  // the picture is the original file: a case photo's upload or an imported file (the same bytes hash
  // the same); the derivative cannot serve, every upload is re-encoded
  const mergeRows: MergeRow[] = candidates.map((row) => ({
    id: row.id,
    splitKey: row.splitKey,
    picture: row.photo?.originalSha256 ?? row.sha256,
    imageId: row.photoId ?? `import:${row.importId ?? ""}:${row.sha256}`,
    full: row.typology !== null || row.noFirearm,
  }));
  // the oldest labelled item of a picture fixes its split (see mergePictures)
  const merge = mergePictures(mergeRows);
  for (const reason of merge.dropped.values()) excluded[reason] += 1;
  let realigned = 0;
  const items: FrozenItem[] = [];
  for (const row of candidates) {
    if (!merge.kept.has(row.id)) continue;
    const split = merge.splitOf(row.splitKey);
    if (split !== splitOfKey(row.splitKey)) realigned += 1;
    items.push({
      datasetItemId: row.id,
      typology: row.typology,
      labelSet: row.labelSet,
      noFirearm: row.noFirearm,
      split,
      source: row.source,
      sourceLabel: row.sourceLabel ?? (row.noFirearm ? "no_firearm" : (row.typology ?? "")),
      sha256: row.sha256,
      imageKey: row.imageKey,
    });
  }
  if (items.length === 0) throw new ServiceError("BAD_REQUEST", "no usable labelled item to freeze", "datasetEmpty");
  items.sort((a, b) => a.datasetItemId.localeCompare(b.datasetItemId));

  const contentSha256 = createHash("sha256")
    .update(SPLIT_RULE)
    .update(items.map((item) => `${item.datasetItemId}|${labelKeyOf(item)}|${item.labelSet.join("+")}|${item.split}`).join("\n"))
    .digest("hex");
  const counts: DatasetVersionCounts = { splits: emptySplits(), byLabel: {}, bySource: {}, excluded, realigned };
  for (const item of items) {
    counts.splits[item.split] += 1;
    (counts.byLabel[labelKeyOf(item)] ??= emptySplits())[item.split] += 1;
    (counts.bySource[item.source] ??= emptySplits())[item.split] += 1;
  }

  try {
    return await deps.db.$transaction(
      async (tx) => {
        const latest = await tx.datasetVersion.findFirst({ orderBy: { number: "desc" } });
        if (latest?.contentSha256 === contentSha256) {
          return { ...pick(latest), counts: latest.counts as unknown as DatasetVersionCounts, unchanged: true };
        }
        const version = await tx.datasetVersion.create({
          data: {
            number: (latest?.number ?? 0) + 1,
            note: input.note?.trim() || null,
            splitRule: SPLIT_RULE,
            itemCount: items.length,
            counts: counts as unknown as Prisma.InputJsonValue,
            contentSha256,
            createdById: actor.userId,
          },
        });
        for (let start = 0; start < items.length; start += 1000) {
          await tx.datasetVersionItem.createMany({ data: items.slice(start, start + 1000).map((item) => ({ ...item, datasetVersionId: version.id })) });
        }
        await writeAudit(tx, {
          actorId: actor.userId,
          actorRole: actor.role,
          action: "dataset.freeze",
          resourceType: "DatasetVersion",
          resourceId: version.id,
          data: { number: version.number, itemCount: items.length, contentSha256, splits: { ...counts.splits }, excluded: { ...excluded }, realigned },
        });
        return { ...pick(version), counts, unchanged: false };
      },
      { timeout: 60_000 },
    );
  } catch (e) {
    // two admins freezing at once: the unique number lets one through
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new ServiceError("CONFLICT", "another dataset version was frozen meanwhile", "datasetFreezeConflict");
    }
    throw e;
  }
}

const pick = (version: { id: string; number: number; itemCount: number; contentSha256: string; createdAt: Date }) => ({
  id: version.id,
  number: version.number,
  itemCount: version.itemCount,
  contentSha256: version.contentSha256,
  createdAt: version.createdAt,
});
