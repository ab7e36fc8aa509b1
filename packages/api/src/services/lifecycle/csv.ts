// The line splitter is the one the model tools use for labelled-photo CSVs (the `./csv` entry of
// @basegun/ml loads no model runtime, so the web app stays free of onnxruntime).
import { splitCsvLine } from "@basegun/ml/csv";

/** One CSV field, quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (fields: ReadonlyArray<string | number | boolean | null | undefined>) => `${fields.map(csvField).join(",")}\n`;

/** A CSV with a header into records (blank lines skipped). */
export function parseCsv(text: string): { header: string[]; rows: Array<{ line: number; values: Record<string, string> }> } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? "");
  const rows = lines.slice(1).flatMap((line, index) => {
    if (line.trim() === "") return [];
    const fields = splitCsvLine(line);
    return [{ line: index + 2, values: Object.fromEntries(header.map((column, i) => [column, fields[i] ?? ""])) }];
  });
  return { header, rows };
}
