import { readFile } from "node:fs/promises";
import path from "node:path";
import { isTypologyKey, type TypologyKey } from "../domain.ts";

/** `none`: the photo shows no firearm. */
export const NO_FIREARM_LABEL = "none";
export type PhotoLabel = TypologyKey | typeof NO_FIREARM_LABEL;

export interface LabelledPhoto {
  /** Absolute path (the CSV's `file` resolved against the CSV's folder). */
  path: string;
  /** As written in the CSV, for messages. */
  file: string;
  label: PhotoLabel;
  /** Photos of one group (one seized weapon, one case) stay in one split; defaults to the file. */
  group: string;
}

/** One CSV line into fields; double quotes may wrap a field ("" is a literal quote). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      fields.push(field);
      field = "";
    } else field += char;
  }
  fields.push(field);
  return fields.map((value) => value.trim());
}

/**
 * Parses a labelled-photo CSV: header with `file` and `typology` (any order, other columns allowed,
 * optional `group`); `typology` is one of the twelve typology keys or `none`. Throws on the first
 * bad line with its number, so a typo never silently drops photos from an evaluation.
 */
export function parseLabelledCsv(text: string, csvPath: string): LabelledPhoto[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? "");
  const fileColumn = header.indexOf("file");
  const typologyColumn = header.indexOf("typology");
  const groupColumn = header.indexOf("group");
  if (fileColumn < 0 || typologyColumn < 0) throw new Error(`${csvPath}: the header needs the columns file and typology (got ${header.join(",")})`);
  const folder = path.dirname(csvPath);
  const photos: LabelledPhoto[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === "") return;
    const lineNumber = index + 2;
    const fields = splitCsvLine(line);
    const file = fields[fileColumn] ?? "";
    const label = fields[typologyColumn] ?? "";
    if (file === "") throw new Error(`${csvPath}:${lineNumber}: empty file`);
    if (label !== NO_FIREARM_LABEL && !isTypologyKey(label)) throw new Error(`${csvPath}:${lineNumber}: unknown typology "${label}" (expected one of the twelve keys or "none")`);
    const group = groupColumn >= 0 && fields[groupColumn] ? fields[groupColumn]! : file;
    photos.push({ path: path.resolve(folder, file), file, label, group });
  });
  return photos;
}

export async function readLabelledCsv(csvPath: string): Promise<LabelledPhoto[]> {
  const absolute = path.resolve(csvPath);
  return parseLabelledCsv(await readFile(absolute, "utf8"), absolute);
}
