import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import type { Actor } from "@basegun/auth";
import { writeAudit } from "@basegun/db";
import { detectImageType } from "@basegun/storage";
import type { ServiceDeps } from "../../deps.ts";
import { notFound } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { csvLine } from "./csv.ts";
import { labelKeyOf } from "./label-key.ts";
import { lifecycleOf } from "./lifecycle-deps.ts";
import { pack, type Header, type Pack } from "tar-stream";

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

/** Items read from the database per query: an export of any size holds one page at a time. */
const PAGE = 500;

/** Adds one entry to the archive and waits until it is written (tar-stream applies the file's backpressure). */
function addEntry(tarball: Pack, header: Partial<Header> & Pick<Header, "name">, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => tarball.entry(header, data, (error) => (error ? reject(error) : resolve())));
}

/** Adds a file from disk as one entry, streamed (the manifest of a large version never sits in memory). */
async function addFileEntry(tarball: Pack, name: string, file: string): Promise<void> {
  const { size } = await stat(file);
  const entry = tarball.entry({ name, size, mtime: new Date() });
  await pipeline(createReadStream(file), entry);
}

/** Appends to a file, waiting when the disk is slower than the export. */
async function append(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

async function close(stream: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/**
 * Writes a frozen dataset version as a tar (tar-stream), streamed to disk: the images in one folder per
 * label, `manifest.csv` with the provenance of every item, `labels.csv` in the `file,typology,group`
 * format the ml evaluation reads (exact labels and `none` only), and `dataset-version.json`. Items are
 * read a page at a time, the CSVs (csv-stringify) go to temporary files, and the archive's sha256 is
 * computed as it is written: nothing holds the whole version. Audited: data leaves the platform.
 */
export async function exportDatasetVersion(deps: ServiceDeps, actor: Actor, datasetVersionId: string): Promise<DatasetExport> {
  requireScope(actor, "dataset:manage");
  const version = await deps.db.datasetVersion.findUnique({ where: { id: datasetVersionId } });
  if (!version) throw notFound("dataset version");

  const { exportsDir } = lifecycleOf(deps);
  // exports hold photos, possible evidence, and who labelled them: readable by the platform's user
  // alone, like the photo store (folders 0700, files 0600)
  await mkdir(exportsDir, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const fileName = `dataset-v${version.number}-${stamp}.tar`;
  const target = path.join(exportsDir, fileName);
  const partial = `${target}.partial`;
  const manifestFile = `${partial}.manifest.csv`;
  const labelsFile = `${partial}.labels.csv`;

  const hash = createHash("sha256");
  let bytes = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  const tarball = pack();
  const written = pipeline(tarball, measure, createWriteStream(partial, { mode: 0o600 }));
  const manifest = createWriteStream(manifestFile, { mode: 0o600 });
  const labels = createWriteStream(labelsFile, { mode: 0o600 });
  let items = 0;
  try {
    await append(manifest, csvLine(MANIFEST_COLUMNS));
    await append(labels, csvLine(["file", "typology", "group", "split"]));
    let cursor: string | undefined;
    for (;;) {
      const page = await deps.db.datasetVersionItem.findMany({
        where: { datasetVersionId, ...(cursor ? { datasetItemId: { gt: cursor } } : {}) },
        orderBy: { datasetItemId: "asc" },
        take: PAGE,
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
      if (page.length === 0) break;
      cursor = page.at(-1)!.datasetItemId;
      for (const entry of page) {
        const item = entry.datasetItem;
        const image = await deps.store.get(entry.imageKey);
        const ext = detectImageType(image)?.ext ?? "jpg";
        const label = labelKeyOf(entry);
        const file = `${folderOf(label)}/${entry.datasetItemId}.${ext}`;
        await addEntry(tarball, { name: file, size: image.length, mtime: item.createdAt }, image);
        await append(
          manifest,
          csvLine([
            file, label, entry.typology, entry.labelSet.join("|"), entry.sourceLabel, entry.noFirearm, entry.split, entry.source, entry.datasetItemId,
            item.photo?.caseId, item.photoId, item.reviewId, item.reviewReason, item.labeller?.id, item.labeller?.name, item.predictionId,
            item.modelVersion?.version, item.agreesWithModel, item.import?.name, item.origin, item.createdAt.toISOString(), entry.sha256,
          ]),
        );
        if (entry.typology || entry.noFirearm) await append(labels, csvLine([file, entry.noFirearm ? "none" : entry.typology, item.photo?.caseId ?? item.splitKey, entry.split]));
        items += 1;
      }
    }
    await Promise.all([close(manifest), close(labels)]);
    await addFileEntry(tarball, "manifest.csv", manifestFile);
    await addFileEntry(tarball, "labels.csv", labelsFile);
    const description = {
      datasetVersion: version.number,
      id: version.id,
      frozenAt: version.createdAt.toISOString(),
      splitRule: version.splitRule,
      contentSha256: version.contentSha256,
      counts: version.counts,
      exportedAt: new Date().toISOString(),
    };
    await addEntry(tarball, { name: "dataset-version.json", mtime: new Date() }, Buffer.from(`${JSON.stringify(description, null, 2)}\n`, "utf8"));
    tarball.finalize();
    await written;
  } catch (error) {
    tarball.destroy();
    manifest.destroy();
    labels.destroy();
    await written.catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  } finally {
    await Promise.all([rm(manifestFile, { force: true }), rm(labelsFile, { force: true })]);
  }
  await rename(partial, target);
  const sha256 = hash.digest("hex");
  await writeAudit(deps.db, {
    actorId: actor.userId,
    actorRole: actor.role,
    action: "dataset.export",
    resourceType: "DatasetVersion",
    resourceId: version.id,
    data: { number: version.number, fileName, bytes, sha256, items },
  });
  return { path: target, fileName, bytes, sha256, items };
}
