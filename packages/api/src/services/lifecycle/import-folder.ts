import { createHash } from "node:crypto";
import path from "node:path";
import { readFile } from "node:fs/promises";
import type { Actor } from "@basegun/auth";
import { writeAudit, type Prisma } from "@basegun/db";
import { detectImageType, UPLOAD_LIMITS } from "@basegun/storage";
import type { ServiceDeps } from "../../deps.ts";
import { requireScope } from "../access.ts";
import { readLabelledFolder, resolveImportFolder, type ImportFormat, type SkipCode, type SkippedFile } from "./import-formats.ts";
import { lifecycleOf } from "./lifecycle-deps.ts";
import { importSplitKey } from "./split-rule.ts";

export interface ImportInput {
  /** folder relative to the datasets root (DATASETS_DIR), e.g. "weapons-coarse" */
  folder: string;
  /** source name for provenance and split keys; default the folder's name */
  name?: string;
  /** one label for every image of a folder without labels file (e.g. "revolver") */
  label?: string;
  licence?: string;
  attribution?: string;
}

export interface ImportResult {
  importId: string;
  name: string;
  format: ImportFormat;
  imported: number;
  /** already imported (same image content under this source name) */
  duplicates: number;
  /** every file left out (not counting duplicates), as the import's row records it with the duplicates */
  skippedCount: number;
  skippedByCode: Partial<Record<SkipCode, number>>;
  /** the first refused lines and files, with why (multi-weapon scene, not an image, too large) */
  skipped: SkippedFile[];
}

/**
 * Imports a labelled folder as dataset items with source `import`: each image is copied, by content
 * hash, into the photo store (the folder may go away; a frozen version must not), and gets a split key
 * from its group, so augmented copies of one picture always share a split. Re-importing skips images
 * already imported under the same name.
 */
export async function importLabelledFolder(deps: ServiceDeps, actor: Actor, input: ImportInput): Promise<ImportResult> {
  requireScope(actor, "dataset:manage");
  const folder = await resolveImportFolder(lifecycleOf(deps).datasetsRoot, input.folder);
  const name = (input.name?.trim() || path.basename(folder)).slice(0, 80);
  const parsed = await readLabelledFolder(folder, input.label !== undefined ? { label: input.label } : {});
  const skipped = [...parsed.skipped];

  const known = new Set(
    (await deps.db.datasetItem.findMany({ where: { source: "import", import: { name } }, select: { sha256: true } })).map((row) => row.sha256),
  );
  const record = await deps.db.datasetImport.create({
    data: { name, format: parsed.format, folder: input.folder, licence: input.licence ?? null, attribution: input.attribution ?? null, createdById: actor.userId },
  });
  let imported = 0;
  let duplicates = 0;
  let batch: Prisma.DatasetItemCreateManyInput[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await deps.db.datasetItem.createMany({ data: batch });
    imported += batch.length;
    batch = [];
  };
  for (const file of parsed.files) {
    const bytes = await readFile(file.path).catch(() => null);
    if (!bytes) {
      skipped.push({ origin: file.origin, code: "fileNotFound", reason: "file not found" });
      continue;
    }
    const type = detectImageType(bytes);
    if (!type) {
      skipped.push({ origin: file.origin, code: "notAnImage", reason: "not a JPEG, PNG or WebP image" });
      continue;
    }
    if (bytes.length > UPLOAD_LIMITS.maxBytesPerPhoto) {
      skipped.push({ origin: file.origin, code: "tooLarge", reason: "larger than the photo limit" });
      continue;
    }
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    if (known.has(sha256)) {
      duplicates += 1;
      continue;
    }
    known.add(sha256);
    const imageKey = `derivatives/dataset/${sha256.slice(0, 2)}/${sha256}.${type.ext}`;
    await deps.store.put(imageKey, bytes);
    batch.push({
      source: "import",
      importId: record.id,
      imageKey,
      sha256,
      origin: file.origin.slice(0, 500),
      typology: file.typology,
      labelSet: file.labelSet,
      noFirearm: file.noFirearm,
      sourceLabel: file.sourceLabel,
      categoryLetters: [],
      usable: true,
      labellerId: actor.userId,
      splitKey: importSplitKey(name, file.group),
    });
    if (batch.length >= 500) await flush();
  }
  await flush();
  await deps.db.$transaction(async (tx) => {
    await tx.datasetImport.update({ where: { id: record.id }, data: { itemCount: imported, skipped: skipped.length + duplicates } });
    await writeAudit(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "dataset.import",
      resourceType: "DatasetImport",
      resourceId: record.id,
      data: { name, folder: input.folder, format: parsed.format, imported, duplicates, skipped: skipped.length },
    });
  });
  const skippedByCode: ImportResult["skippedByCode"] = {};
  for (const skip of skipped) skippedByCode[skip.code] = (skippedByCode[skip.code] ?? 0) + 1;
  return { importId: record.id, name, format: parsed.format, imported, duplicates, skippedCount: skipped.length, skippedByCode, skipped: skipped.slice(0, 200) };
}
