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
  decidedAt: Date | null;
  decidedBy?: { id: string; name: string } | null;
  prediction?: { topTypology: string } | null;
};

/**
 * What a "confirm" confirms: the officer's typology when the review was opened for the officer's own
 * identification (snapshotted on the review when decided), the model's top-1 otherwise.
 */
export function confirmedTypologyOf(review: { reason: string; officerTypology?: string | null; prediction?: { topTypology: string } | null }): string | null {
  if (review.reason === "officer_identified" && review.officerTypology) return review.officerTypology;
  return review.prediction?.topTypology ?? null;
}

/**
 * A decided review as people read it. A confirmation takes the model's typology, and its letters from
 * the current rules and answers (as the officer's result does); a correction keeps the expert's letters.
 */
export function toDecisionView(row: DecidedRow, confirmedTypology: string | null, answers: IdentificationAnswers): ReviewDecisionView | null {
  if (!row.decision || !row.decidedAt) return null;
  const typology = row.decision === "correct" ? row.correctedTypology : row.decision === "confirm" ? confirmedTypology : null;
  return {
    reviewId: row.id,
    decision: row.decision,
    typology: typologyRef(typology),
    categoryLetters: row.decision === "confirm" ? lettersFor(typology, answers) : row.correctedLetters,
    conditions: row.correctedConditions,
    make: row.make,
    model: row.model,
    calibre: row.calibre,
    notes: row.notes,
    messageToOfficer: row.messageToOfficer,
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

