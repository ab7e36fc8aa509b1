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
  /**
   * The same scores per case: the readable photos sharing a `group` (one label) identified together,
   * as production aggregates a case's photos. Null when no group holds two photos or more.
   */
  perCase: (EvalReport & { cases: number; photosPerCase: number }) | null;
}

/**
 * Runs every photo of a labelled CSV through the identifier as a one-photo case (exactly the
 * production path: decode, mirror TTA, head, temperature) and scores the outputs.
 */
export async function evaluateCsv(csvPath: string, identifier: Pick<Identifier, "identify" | "manifest">, progress: (done: number, total: number) => void = () => {}): Promise<CsvEvaluation> {
  const photos = await readLabelledCsv(csvPath);
  const evaluated: EvaluatedPhoto[] = [];
  const readable: typeof photos = [];
  const unreadableFiles: { file: string; reason: string }[] = [];
  for (const [index, photo] of photos.entries()) {
    try {
      const inference = await identifier.identify([await readFile(photo.path)]);
      evaluated.push({ file: photo.file, label: photo.label, probabilities: inference.probabilities, noFirearmScore: inference.noFirearmScore, group: photo.group });
      readable.push(photo);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!(error instanceof ImageDecodeError) && code === undefined) throw error;
      unreadableFiles.push({ file: photo.file, reason: error instanceof ImageDecodeError ? error.message : code! });
    }
    progress(index + 1, photos.length);
  }
  const groups = new Map<string, typeof photos>();
  for (const photo of readable) groups.set(photo.group, [...(groups.get(photo.group) ?? []), photo]);
  let perCase: CsvEvaluation["perCase"] = null;
  if ([...groups.values()].some((members) => members.length > 1)) {
    const cases: EvaluatedPhoto[] = [];
    for (const [group, members] of groups) {
      const labels = new Set(members.map((member) => member.label));
      if (labels.size > 1) throw new Error(`${csvPath}: group ${group} mixes labels ${[...labels].join(", ")}`);
      const inference = await identifier.identify(await Promise.all(members.map((member) => readFile(member.path))));
      cases.push({ file: group, label: members[0]!.label, probabilities: inference.probabilities, noFirearmScore: inference.noFirearmScore });
    }
    perCase = { ...buildEvalReport(identifier.manifest.version, cases, identifier.manifest), cases: cases.length, photosPerCase: Number((readable.length / cases.length).toFixed(2)) };
  }
  return { ...buildEvalReport(identifier.manifest.version, evaluated, identifier.manifest), csv: csvPath, unreadable: unreadableFiles.length, unreadableFiles, perCase };
}
