import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { COARSE_LABEL_TYPOLOGIES, COARSE_LABELS, isTypologyKey, type CoarseLabel } from "@basegun/domain";
import { ServiceError } from "../../errors.ts";
import { parseCsv } from "./csv.ts";

/** One image of a labelled folder, with its label as the folder states it. */
export interface LabelledFile {
  /** absolute path, checked to be inside the folder */
  path: string;
  /** path relative to the folder, kept as the item's origin */
  origin: string;
  typology: string | null;
  labelSet: string[];
  noFirearm: boolean;
  sourceLabel: string;
  /** photos of one group (one weapon, augmented copies of one picture) always share a split */
  group: string;
}

/** A file left out of an import: `code` for the admin's language, `reason` in words for logs and audits. */
export type SkipCode = "multiWeaponScene" | "fileNotFound" | "notAnImage" | "tooLarge";
export interface SkippedFile {
  origin: string;
  code: SkipCode;
  reason: string;
}

export type ImportFormat = "coarse-manifest" | "labelled-csv" | "negatives-manifest" | "folder-per-label" | "single-label";

export interface ParsedFolder {
  format: ImportFormat;
  files: LabelledFile[];
  /** lines dropped on purpose (multi-weapon scenes), with why */
  skipped: SkippedFile[];
}

const IMAGE = /\.(jpe?g|png|webp)$/i;
const NO_FIREARM_NAMES = new Set(["none", "no_firearm"]);

/** Why a folder cannot be imported, for the admin's own language (details.problem + its values). */
export type ImportProblem =
  | { problem: "unknownLabel"; where: string; label: string }
  | { problem: "fileOutsideFolder"; where: string; file: string }
  | { problem: "noLabels" }
  | { problem: "missingFileColumn"; where: string; header: string }
  | { problem: "missingLabelColumn"; where: string; header: string }
  | { problem: "emptyFile"; where: string }
  | { problem: "outsideRoot"; folder: string }
  | { problem: "notAFolder"; folder: string };

const invalid = (message: string, problem: ImportProblem) => new ServiceError("BAD_REQUEST", message, "datasetImportInvalid", { reason: message, ...problem });

/**
 * A label as written in a folder: a typology key (exact), a weapons-coarse label (a set of typologies),
 * `none`/`no_firearm` (no firearm in the photo). Anything else is refused with the line it came from.
 */
export function parseLabel(raw: string, where: string): Pick<LabelledFile, "typology" | "labelSet" | "noFirearm" | "sourceLabel"> {
  const label = raw.trim().replace(/^coarse[-:]/, "");
  if (isTypologyKey(label)) return { typology: label, labelSet: [], noFirearm: false, sourceLabel: label };
  if ((COARSE_LABELS as readonly string[]).includes(label)) {
    return { typology: null, labelSet: [...COARSE_LABEL_TYPOLOGIES[label as CoarseLabel]], noFirearm: false, sourceLabel: label };
  }
  if (NO_FIREARM_NAMES.has(label)) return { typology: null, labelSet: [], noFirearm: true, sourceLabel: "no_firearm" };
  throw invalid(`${where}: unknown label "${raw}" (a typology key, one of ${COARSE_LABELS.join(", ")}, or none)`, { problem: "unknownLabel", where, label: raw });
}

function inside(folder: string, relative: string, where: string): string {
  const absolute = path.resolve(folder, relative);
  const rel = path.relative(folder, absolute);
  if (rel.startsWith("..") || path.isAbsolute(rel)) throw invalid(`${where}: ${relative} is outside the folder`, { problem: "fileOutsideFolder", where, file: relative });
  return absolute;
}

/**
 * Reads the labels of a folder in one of the formats the platform knows:
 * - `manifest.csv` with `file,label,group[,multi_weapon_scene]` (the shared weapons-coarse dataset:
 *   multi-weapon scenes are skipped, augmented copies keep their group);
 * - `labels.csv` or `manifest.csv` with `file,typology[,group]` (the ml evaluation format, and what an
 *   export writes);
 * - `manifest.csv` with `file,category` (photos without firearm, e.g. caltech101-negatives);
 * - one sub-folder per label (typology key, coarse-<label>, none), as an export's images are laid out;
 * - any folder of images with one `label` for all of them (e.g. caltech101-revolver as revolver).
 */
export async function readLabelledFolder(folder: string, options: { label?: string } = {}): Promise<ParsedFolder> {
  if (options.label !== undefined) {
    const label = parseLabel(options.label, "label");
    const names = (await readdir(folder)).filter((name) => IMAGE.test(name)).sort();
    return { format: "single-label", files: names.map((name) => ({ path: path.join(folder, name), origin: name, group: name, ...label })), skipped: [] };
  }
  const csvName = ["labels.csv", "manifest.csv"].find((name) => existsSync(path.join(folder, name)));
  if (csvName) return readCsvFolder(folder, csvName);

  const files: LabelledFile[] = [];
  for (const entry of (await readdir(folder, { withFileTypes: true })).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const label = parseLabel(entry.name, `folder ${entry.name}`);
    const sub = path.join(folder, entry.name);
    for (const name of (await readdir(sub)).filter((n) => IMAGE.test(n)).sort()) {
      const origin = `${entry.name}/${name}`;
      files.push({ path: path.join(sub, name), origin, group: origin, ...label });
    }
  }
  if (files.length === 0) throw invalid("no labels.csv, manifest.csv or label sub-folder with images in this folder", { problem: "noLabels" });
  return { format: "folder-per-label", files, skipped: [] };
}

async function readCsvFolder(folder: string, csvName: string): Promise<ParsedFolder> {
  const { header, rows } = parseCsv(await readFile(path.join(folder, csvName), "utf8"));
  const has = (column: string) => header.includes(column);
  if (!has("file")) throw invalid(`${csvName}: the header needs a file column (got ${header.join(",")})`, { problem: "missingFileColumn", where: csvName, header: header.join(",") });
  const format: ImportFormat = has("typology") ? "labelled-csv" : has("label") ? "coarse-manifest" : has("category") ? "negatives-manifest" : (() => {
    throw invalid(`${csvName}: the header needs a typology, label or category column (got ${header.join(",")})`, { problem: "missingLabelColumn", where: csvName, header: header.join(",") });
  })();
  const files: LabelledFile[] = [];
  const skipped: ParsedFolder["skipped"] = [];
  for (const { line, values } of rows) {
    const where = `${csvName}:${line}`;
    const origin = values.file ?? "";
    if (origin === "") throw invalid(`${where}: empty file`, { problem: "emptyFile", where });
    if (values.multi_weapon_scene === "yes") {
      skipped.push({ origin, code: "multiWeaponScene", reason: "multi-weapon scene" });
      continue;
    }
    const label =
      format === "negatives-manifest"
        ? { typology: null, labelSet: [], noFirearm: true, sourceLabel: `no_firearm:${values.category ?? ""}` }
        : parseLabel(format === "labelled-csv" ? (values.typology ?? "") : (values.label ?? ""), where);
    files.push({ path: inside(folder, origin, where), origin, group: values.group || origin, ...label });
  }
  return { format, files, skipped };
}

/** The folder to import, resolved inside the allowed root (never anywhere else on the server). */
export async function resolveImportFolder(root: string, folder: string): Promise<string> {
  const absolute = path.resolve(root, folder);
  const rel = path.relative(path.resolve(root), absolute);
  if (rel.startsWith("..") || path.isAbsolute(rel)) throw invalid(`${folder} is outside the datasets folder`, { problem: "outsideRoot", folder });
  const info = await stat(absolute).catch(() => null);
  if (!info?.isDirectory()) throw invalid(`${folder} is not a folder under the datasets folder`, { problem: "notAFolder", folder });
  return absolute;
}
