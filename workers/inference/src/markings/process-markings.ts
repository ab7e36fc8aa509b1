import { poolOf, type Db } from "@basegun/db";
import { matchMarkings } from "@basegun/domain";
import type { AnnouncedStatus, ReadMarkingsJob } from "@basegun/queue";
import type { PhotoStore } from "@basegun/storage";
import { UnrecoverableError } from "bullmq";
import { claimReading, failReading, storeReading } from "./markings-sql.ts";
import { MarkingsImageError, type OcrEngine } from "./ocr-engine.ts";

export interface MarkingsDeps {
  db: Db;
  store: PhotoStore;
  ocr: OcrEngine;
  /** announces that a case changed (Redis pub/sub): the officer's open page re-reads it */
  announce: (caseId: string, status?: AnnouncedStatus) => Promise<void>;
}

export type MarkingsOutcome = "stored" | "already-done" | "missing";

/**
 * Reads one markings photo: OCR, then the domain's matcher (reference alarm guns first, then the
 * reference catalogue), stored with its audit row. Idempotent: a reading already done is left alone.
 */
export async function processReadMarkings(deps: MarkingsDeps, job: ReadMarkingsJob): Promise<MarkingsOutcome> {
  const pool = poolOf(deps.db);
  const claimed = await claimReading(pool, job.readingId);
  if (claimed.outcome !== "claimed") return claimed.outcome;

  const started = performance.now();
  const photo = await deps.store.get(claimed.derivativeKey);
  let ocr;
  try {
    ocr = await deps.ocr.read(photo);
  } catch (error) {
    // a photo that cannot be decoded will not decode better on the next attempt
    if (error instanceof MarkingsImageError) throw new UnrecoverableError(`markings photo unreadable: ${error.message}`);
    throw error;
  }
  const reading = matchMarkings(ocr.text);
  const stored = await storeReading(pool, claimed.id, claimed.caseId, {
    reading,
    ocrConfidence: ocr.confidence,
    latencyMs: Math.round(performance.now() - started),
  });
  if (stored) await deps.announce(claimed.caseId);
  return stored ? "stored" : "already-done";
}

/** After the last attempt: the reading says it failed (never a silent empty result). */
export async function markReadingFailed(deps: Pick<MarkingsDeps, "db" | "announce">, readingId: string, reason: string): Promise<void> {
  const caseId = await failReading(poolOf(deps.db), readingId, reason);
  if (caseId) await deps.announce(caseId);
}
