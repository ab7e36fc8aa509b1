import type { TypologyKey } from "@basegun/domain";

/**
 * The decision form's state and how it becomes the API's `review.decide` input. Empty optional fields
 * are left out (the API refuses blank strings), conditions are typed one per line.
 */
export type CategoryLetter = "A" | "B" | "C" | "D";
export const LETTERS: readonly CategoryLetter[] = ["A", "B", "C", "D"];

export type DecisionKind = "confirm" | "correct" | "unusable";

export interface DecisionDraft {
  kind: DecisionKind;
  typology: TypologyKey | "";
  letters: CategoryLetter[];
  conditions: string;
  make: string;
  model: string;
  calibre: string;
  notes: string;
  messageToOfficer: string;
}

export const EMPTY_DRAFT: DecisionDraft = {
  kind: "confirm",
  typology: "",
  letters: [],
  conditions: "",
  make: "",
  model: "",
  calibre: "",
  notes: "",
  messageToOfficer: "",
};

export type DecisionInput =
  | { decision: "confirm"; version: number; notes?: string }
  | {
      decision: "correct";
      version: number;
      typology: TypologyKey;
      categoryLetters: CategoryLetter[];
      conditions?: string[];
      make?: string;
      model?: string;
      calibre?: string;
      notes?: string;
    }
  | { decision: "unusable"; version: number; messageToOfficer: string; notes?: string };

export type DraftProblem = "typologyMissing" | "messageMissing";

const optional = <K extends string>(key: K, value: string): Partial<Record<K, string>> => {
  const trimmed = value.trim();
  return trimmed ? ({ [key]: trimmed } as Record<K, string>) : {};
};

/** The API input for this draft, or what is missing before it can be sent. */
export function toDecisionInput(draft: DecisionDraft, version: number): { input: DecisionInput } | { problem: DraftProblem } {
  const notes = optional("notes", draft.notes);
  if (draft.kind === "confirm") return { input: { decision: "confirm", version, ...notes } };
  if (draft.kind === "unusable") {
    const message = draft.messageToOfficer.trim();
    if (!message) return { problem: "messageMissing" };
    return { input: { decision: "unusable", version, messageToOfficer: message, ...notes } };
  }
  if (!draft.typology) return { problem: "typologyMissing" };
  const conditions = draft.conditions
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return {
    input: {
      decision: "correct",
      version,
      typology: draft.typology,
      categoryLetters: LETTERS.filter((letter) => draft.letters.includes(letter)),
      ...(conditions.length > 0 ? { conditions } : {}),
      ...optional("make", draft.make),
      ...optional("model", draft.model),
      ...optional("calibre", draft.calibre),
      ...notes,
    },
  };
}

/** A correction starts from the model's answer: the expert changes what is wrong, not everything. */
export function correctionDraft(current: DecisionDraft, modelTypology: TypologyKey | null, modelLetters: string[] | null): DecisionDraft {
  return {
    ...current,
    kind: "correct",
    typology: current.typology || modelTypology || "",
    letters: current.letters.length > 0 ? current.letters : LETTERS.filter((letter) => (modelLetters ?? []).includes(letter)),
  };
}

/** The conflicts a decision or claim can meet, by the API's message key. */
export type ReviewConflict = "alreadyDecided" | "notHeld" | "changed" | "claimedByOther" | "blindPair";

const CONFLICTS: Record<string, ReviewConflict> = {
  reviewAlreadyDecided: "alreadyDecided",
  reviewNotHeld: "notHeld",
  reviewVersionConflict: "changed",
  reviewClaimedByOther: "claimedByOther",
  reviewBlindPair: "blindPair",
};

export function conflictOf(error: unknown): ReviewConflict | null {
  const data = (error as { data?: { code?: string; messageKey?: string | null } } | null)?.data;
  if (data?.code !== "CONFLICT" || !data.messageKey) return null;
  return CONFLICTS[data.messageKey] ?? "changed";
}
