/** One CSV field, quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (fields: ReadonlyArray<string | number | boolean | null | undefined>) => `${fields.map(csvField).join(",")}\n`;

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
