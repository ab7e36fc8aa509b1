import {
  categorize,
  findAlarmGun,
  isTypologyKey,
  TYPOLOGIES,
  type CategoryResult,
  type IdentificationAnswers,
  type TypologyKey,
} from "@basegun/domain";
import type { CaseRow } from "./case-row.ts";
import { photoUrl, type TypologyRef } from "./view.ts";

/** What a markings photo's OCR gave, for the officer and the expert. */
export interface MarkingsReadingView {
  id: string;
  photoId: string;
  photoUrl: string;
  status: "pending" | "done" | "failed";
  /** the text read (capitals, one space); "" when nothing was readable; null while pending or failed */
  text: string | null;
  match: MarkingsMatchView | null;
  failureReason: string | null;
  latencyMs: number | null;
  createdAt: Date;
  completedAt: Date | null;
}

export interface MarkingsMatchView {
  kind: "alarm" | "catalogue" | "none";
  /** alarm gun id or catalogue "make|model"; null for none */
  matchedId: string | null;
  label: string | null;
  /** the typology the markings propose ("d'après les marquages"); null for none */
  typology: TypologyRef | null;
  calibres: string | null;
  score: number | null;
  /**
   * The category for that typology with the officer's answers: an alarm gun of the reference list gives
   * C with its explanation (the alarm gun counts as the officer's answer to the markings question).
   */
  category: CategoryResult | null;
}

type ReadingRow = CaseRow["markingsReadings"][number];

function categoryFor(typology: TypologyKey, answers: IdentificationAnswers, alarmGunId: string | null): CategoryResult | null {
  try {
    return categorize(typology, alarmGunId && findAlarmGun(alarmGunId) ? { ...answers, alarmGunModel: alarmGunId } : answers);
  } catch {
    // answers are validated on the way in; a rules error must never yield a category (fail closed)
    return null;
  }
}

export function toMarkingsReadingView(row: ReadingRow, answers: IdentificationAnswers): MarkingsReadingView {
  let match: MarkingsMatchView | null = null;
  if (row.status === "done" && row.matchKind) {
    const typologyKey = row.typology && isTypologyKey(row.typology) ? row.typology : null;
    const alarmGunId = row.matchKind === "alarm" ? row.matchedId : null;
    match = {
      kind: row.matchKind,
      matchedId: row.matchedId,
      label: row.matchedLabel,
      typology: typologyKey ? { key: typologyKey, label: TYPOLOGIES[typologyKey].label, family: TYPOLOGIES[typologyKey].family } : null,
      calibres: row.calibres,
      score: row.score,
      category: typologyKey && row.matchKind !== "none" ? categoryFor(typologyKey, answers, alarmGunId) : null,
    };
  }
  return {
    id: row.id,
    photoId: row.photoId,
    photoUrl: photoUrl(row.photoId),
    status: row.status,
    text: row.status === "done" ? (row.text ?? "") : null,
    match,
    failureReason: row.failureReason,
    latencyMs: row.latencyMs,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
  };
}
