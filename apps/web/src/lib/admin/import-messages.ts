/**
 * The import's refusals and skipped files in the admin's language: the API sends a problem code and its
 * values (details), never a sentence to show; these are the message keys (namespace admin.dataset).
 */
export const IMPORT_PROBLEMS = [
  "unknownLabel",
  "fileOutsideFolder",
  "noLabels",
  "missingFileColumn",
  "missingLabelColumn",
  "emptyFile",
  "outsideRoot",
  "notAFolder",
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEMS)[number];

export interface ImportRefusal {
  problem: ImportProblemCode;
  values: Record<string, string>;
}

/** The import refusal an API error carries, or null (another error: shown as the generic failure). */
export function importRefusalOf(error: unknown): ImportRefusal | null {
  const data = (error as { data?: { messageKey?: string | null; details?: Record<string, unknown> | null } } | null)?.data;
  if (data?.messageKey !== "datasetImportInvalid" || !data.details) return null;
  const problem = data.details.problem;
  if (typeof problem !== "string" || !(IMPORT_PROBLEMS as readonly string[]).includes(problem)) return null;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(data.details)) if (key !== "problem" && key !== "reason") values[key] = String(value);
  return { problem: problem as ImportProblemCode, values };
}
