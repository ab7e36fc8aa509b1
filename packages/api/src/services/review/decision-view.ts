import { categorize, isTypologyKey, TYPOLOGIES, type IdentificationAnswers } from "@basegun/domain";
import type { TypologyRef } from "../identification/view.ts";

export const typologyRef = (key: string | null): TypologyRef | null =>
  key && isTypologyKey(key) ? { key, label: TYPOLOGIES[key].label, family: TYPOLOGIES[key].family } : null;

export interface ReviewDecisionView {
  reviewId: string;
  decision: "confirm" | "correct" | "unusable";
  typology: TypologyRef | null;
  categoryLetters: string[];
  conditions: string[];
  make: string | null;
  model: string | null;
  calibre: string | null;
  notes: string | null;
  messageToOfficer: string | null;
  /** the expert departed from the rules: what the rules gave, and why */
  override: { rulesLetters: string[]; explanation: string } | null;
  decidedAt: Date;
  decidedBy: { id: string; name: string } | null;
}

type DecidedRow = {
  id: string;
  decision: "confirm" | "correct" | "unusable" | null;
  correctedTypology: string | null;
  correctedLetters: string[];
  correctedConditions: string[];
  make: string | null;
  model: string | null;
  calibre: string | null;
  notes: string | null;
  messageToOfficer: string | null;
  expertAnswers?: unknown;
  rulesLetters?: string[];
  categoryOverride?: boolean;
  overrideExplanation?: string | null;
  decidedAt: Date | null;
  decidedBy?: { id: string; name: string } | null;
  prediction?: { topTypology: string } | null;
};

/**
 * What a "confirm" confirms: the officer's typology when the review was opened for the officer's own
 * identification (snapshotted on the review when decided), the model's top-1 otherwise.
 */
export function confirmedTypologyOf(review: {
  reason: string;
  correctedTypology?: string | null;
  officerTypology?: string | null;
  prediction?: { topTypology: string } | null;
}): string | null {
  // a confirmation saved since candidates can be named records its typology
  if (review.correctedTypology) return review.correctedTypology;
  if (review.reason === "officer_identified" && review.officerTypology) return review.officerTypology;
  return review.prediction?.topTypology ?? null;
}

/**
 * A decided review as people read it: the typology and letters recorded with the decision. Confirmations
 * saved before the category came from the rules (no stored answers) take the model's typology and the
 * current rules' letters, as they always did.
 */
export function toDecisionView(row: DecidedRow, confirmedTypology: string | null, answers: IdentificationAnswers): ReviewDecisionView | null {
  if (!row.decision || !row.decidedAt) return null;
  const legacyConfirm = row.decision === "confirm" && (row.expertAnswers === null || row.expertAnswers === undefined);
  const typology = row.decision === "unusable" ? null : (row.correctedTypology ?? (row.decision === "confirm" ? confirmedTypology : null));
  return {
    reviewId: row.id,
    decision: row.decision,
    typology: typologyRef(typology),
    categoryLetters: legacyConfirm ? lettersFor(typology, answers) : row.correctedLetters,
    conditions: row.correctedConditions,
    make: row.make,
    model: row.model,
    calibre: row.calibre,
    notes: row.notes,
    messageToOfficer: row.messageToOfficer,
    override: row.categoryOverride ? { rulesLetters: row.rulesLetters ?? [], explanation: row.overrideExplanation ?? "" } : null,
    decidedAt: row.decidedAt,
    decidedBy: row.decidedBy ?? null,
  };
}

function lettersFor(typology: string | null, answers: IdentificationAnswers): string[] {
  if (!typology || !isTypologyKey(typology)) return [];
  try {
    return categorize(typology, answers).letters;
  } catch {
    return []; // fail closed
  }
}

