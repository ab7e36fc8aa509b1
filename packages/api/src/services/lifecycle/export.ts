import { createHash } from "node:crypto";
import { mkdir, open, readFile, rename } from "node:fs/promises";
import path from "node:path";
import type { Actor } from "@basegun/auth";
import { writeAudit } from "@basegun/db";
import { detectImageType } from "@basegun/storage";
import type { ServiceDeps } from "../../deps.ts";
import { notFound } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { csvLine } from "./csv.ts";
import { labelKeyOf } from "./label-key.ts";
import { lifecycleOf } from "./lifecycle-deps.ts";
import { TarWriter } from "./tar-writer.ts";

export interface DatasetExport {
  /** absolute path of the .tar on the server (EXPORTS_DIR) */
  path: string;
  fileName: string;
  bytes: number;
  sha256: string;
  items: number;
}

const MANIFEST_COLUMNS = [
  "file", "label", "typology", "label_set", "source_label", "no_firearm", "split", "source", "dataset_item_id", "case_id", "photo_id",
  "review_id", "review_reason", "labeller_id", "labeller_name", "prediction_id", "model_version", "agrees_with_model", "import_name",
  "origin", "labelled_at", "sha256",
] as const;

/** Folder names inside the archive: a typology key, no_firearm, or coarse-<label>. */
const folderOf = (label: string) => label.replace(/^coarse:/, "coarse-").replace(/[^a-zA-Z0-9_-]/g, "_");

/**
 * Writes a frozen dataset version as a tar: the images in one folder per label, `manifest.csv` with the
 * provenance of every item, `labels.csv` in the `file,typology,group` format the ml evaluation reads
 * (exact labels and `none` only), and `dataset-version.json`. Audited: data leaves the platform.
 */
export async function exportDatasetVersion(deps: ServiceDeps, actor: Actor, datasetVersionId: string): Promise<DatasetExport> {
  requireScope(actor, "dataset:manage");
  const version = await deps.db.datasetVersion.findUnique({ where: { id: datasetVersionId } });
  if (!version) throw notFound("dataset version");
  const frozen = await deps.db.datasetVersionItem.findMany({
    where: { datasetVersionId },
    orderBy: { datasetItemId: "asc" },
    include: {
      datasetItem: {
        include: {
          photo: { select: { caseId: true } },
          labeller: { select: { id: true, name: true } },
          modelVersion: { select: { version: true } },
          import: { select: { name: true } },
        },
      },
    },
  });

  const { exportsDir } = lifecycleOf(deps);
  // exports hold photos, possible evidence, and who labelled them: readable by the platform's user
  // alone, like the photo store (folders 0700, files 0600)
  await mkdir(exportsDir, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const fileName = `dataset-v${version.number}-${stamp}.tar`;
  const target = path.join(exportsDir, fileName);
  const partial = `${target}.partial`;
  const handle = await open(partial, "w", 0o600);
  let manifest = csvLine(MANIFEST_COLUMNS);
  let labels = csvLine(["file", "typology", "group", "split"]);
  let bytes: number;
  try {
    const tar = new TarWriter(handle);
    for (const entry of frozen) {
      const item = entry.datasetItem;
      const image = await deps.store.get(entry.imageKey);
      const ext = detectImageType(image)?.ext ?? "jpg";
      const label = labelKeyOf(entry);
      const file = `${folderOf(label)}/${entry.datasetItemId}.${ext}`;
      await tar.add(file, image, item.createdAt);
      manifest += csvLine([
        file, label, entry.typology, entry.labelSet.join("|"), entry.sourceLabel, entry.noFirearm, entry.split, entry.source, entry.datasetItemId,
        item.photo?.caseId, item.photoId, item.reviewId, item.reviewReason, item.labeller?.id, item.labeller?.name, item.predictionId,
        item.modelVersion?.version, item.agreesWithModel, item.import?.name, item.origin, item.createdAt.toISOString(), entry.sha256,
      ]);
      if (entry.typology || entry.noFirearm) labels += csvLine([file, entry.noFirearm ? "none" : entry.typology, item.photo?.caseId ?? item.splitKey, entry.split]);
    }
    await tar.add("manifest.csv", Buffer.from(manifest, "utf8"));
    await tar.add("labels.csv", Buffer.from(labels, "utf8"));
    const description = {
      datasetVersion: version.number,
      id: version.id,
      frozenAt: version.createdAt.toISOString(),
      splitRule: version.splitRule,
      contentSha256: version.contentSha256,
      counts: version.counts,
      exportedAt: new Date().toISOString(),
    };
    await tar.add("dataset-version.json", Buffer.from(`${JSON.stringify(description, null, 2)}\n`, "utf8"));
    bytes = await tar.finish();
  } finally {
    await handle.close();
  }
  await rename(partial, target);
  const sha256 = createHash("sha256").update(await readFile(target)).digest("hex");
  await writeAudit(deps.db, {
    actorId: actor.userId,
    actorRole: actor.role,
    action: "dataset.export",
    resourceType: "DatasetVersion",
    resourceId: version.id,
    data: { number: version.number, fileName, bytes, sha256, items: frozen.length },
  });
  return { path: target, fileName, bytes, sha256, items: frozen.length };
}
