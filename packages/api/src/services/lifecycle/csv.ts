import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

type Field = string | number | boolean | null | undefined;

/** One CSV record (RFC 4180 quoting by csv-stringify: commas, quotes and line breaks quoted). */
export const csvLine = (fields: ReadonlyArray<Field>): string =>
  stringify([fields.map((value) => (value === null || value === undefined ? "" : String(value)))], { eof: true, record_delimiter: "\n" });

/**
 * A CSV with a header into records, by csv-parse: quoted fields may hold commas, quotes, line breaks;
 * a BOM and blank lines are skipped; `line` is the line the record ends on (for messages).
 */
export function parseCsv(text: string): { header: string[]; rows: Array<{ line: number; values: Record<string, string> }> } {
  const records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const [first, ...rest] = records;
  const header = (first?.record ?? []).map((column) => column.trim());
  const rows = rest.map(({ record, info }) => ({
    line: info.lines,
    values: Object.fromEntries(header.map((column, i) => [column, record[i] ?? ""])),
  }));
  return { header, rows };
}
