import { readFile } from "node:fs/promises";
import { readLabelledCsv } from "../data/labelled-csv.ts";
import { ImageDecodeError } from "../image/image-decode-error.ts";
import type { Identifier } from "../runtime/identifier.ts";
import { buildEvalReport, type EvalReport, type EvaluatedPhoto } from "./eval-report.ts";

export interface CsvEvaluation extends EvalReport {
  csv: string;
  /** Listed photos that could not be read or decoded (not counted in n). */
  unreadable: number;
  unreadableFiles: { file: string; reason: string }[];
}

/**
 * Runs every photo of a labelled CSV through the identifier as a one-photo case (exactly the
 * production path: decode, mirror TTA, head, temperature) and scores the outputs.
 */
export async function evaluateCsv(csvPath: string, identifier: Pick<Identifier, "identify" | "manifest">, progress: (done: number, total: number) => void = () => {}): Promise<CsvEvaluation> {
  const photos = await readLabelledCsv(csvPath);
  const evaluated: EvaluatedPhoto[] = [];
  const unreadableFiles: { file: string; reason: string }[] = [];
  for (const [index, photo] of photos.entries()) {
    try {
      const inference = await identifier.identify([await readFile(photo.path)]);
      evaluated.push({ file: photo.file, label: photo.label, probabilities: inference.probabilities, noFirearmScore: inference.noFirearmScore });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!(error instanceof ImageDecodeError) && code === undefined) throw error;
      unreadableFiles.push({ file: photo.file, reason: error instanceof ImageDecodeError ? error.message : code! });
    }
    progress(index + 1, photos.length);
  }
  return { ...buildEvalReport(identifier.manifest.version, evaluated, identifier.manifest), csv: csvPath, unreadable: unreadableFiles.length, unreadableFiles };
}
