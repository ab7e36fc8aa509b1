import {
  decideExpertCategory,
  ExpertCategoryError,
  type CategoryLetter,
  type ExpertCategory,
  type IdentificationAnswers,
  type TypologyKey,
} from "@basegun/domain";
import { draftToAnswers, type Draft } from "@/lib/answers-draft";

/**
 * The decision form's state and how it becomes the API's `review.decide` input. The category is never
 * ticked by hand: it is computed by the domain's rules from the typology and the answers (the officer's,
 * completed by the expert), as the server computes it again; an override names letters and says why.
 * Empty optional fields are left out (the API refuses blank strings).
 */
export type { CategoryLetter };
export const LETTERS: readonly CategoryLetter[] = ["A", "B", "C", "D"];

export type DecisionKind = "confirm" | "correct" | "unusable";

export interface DecisionDraft {
  kind: DecisionKind;
  /** the candidate confirmed, or the typology of the correction */
  typology: TypologyKey | "";
  /** the answers as typed (strings, French decimal comma allowed), see answers-draft */
  answers: Draft;
  override: boolean;
  overrideLetters: CategoryLetter[];
  overrideExplanation: string;
  make: string;
  model: string;
  calibre: string;
  notes: string;
  messageToOfficer: string;
}

export const EMPTY_DRAFT: DecisionDraft = {
  kind: "confirm",
  typology: "",
  answers: {},
  override: false,
  overrideLetters: [],
  overrideExplanation: "",
  make: "",
  model: "",
  calibre: "",
  notes: "",
  messageToOfficer: "",
};

type Override = { letters: CategoryLetter[]; explanation: string };

export type DecisionInput =
  | { decision: "confirm"; version: number; typology: TypologyKey; answers: IdentificationAnswers; override?: Override; notes?: string }
  | {
      decision: "correct";
      version: number;
      typology: TypologyKey;
      answers: IdentificationAnswers;
      override?: Override;
      make?: string;
      model?: string;
      calibre?: string;
      notes?: string;
    }
  | { decision: "unusable"; version: number; messageToOfficer: string; notes?: string };

export type DraftProblem =
  | "typologyMissing"
  | "candidateMissing"
  | "messageMissing"
  | "answersInvalid"
  | "overrideLettersMissing"
  | "overrideExplanationMissing";

const optional = <K extends string>(key: K, value: string): Partial<Record<K, string>> => {
  const trimmed = value.trim();
  return trimmed ? ({ [key]: trimmed } as Record<K, string>) : {};
};

/** The officer's answers as the form shows them (strings), so the expert starts from what was said. */
export function answersToDraft(answers: IdentificationAnswers): Draft {
  const draft: Draft = {};
  for (const [field, value] of Object.entries(answers)) {
    if (value === undefined || value === null) continue;
    if (field === "markingsText" && value === "") draft.noMarkings = "true";
    else draft[field] = typeof value === "number" ? String(value).replace(".", ",") : String(value);
  }
  return draft;
}

/** The category the rules give for this draft (as the server will compute it), or what stops it. */
export function draftCategory(draft: DecisionDraft): { category: ExpertCategory } | { problem: DraftProblem } | null {
  if (!draft.typology) return null;
  const parsed = draftToAnswers(draft.answers);
  if (parsed.invalid.length > 0) return { problem: "answersInvalid" };
  try {
    return {
      category: decideExpertCategory({
        typology: draft.typology,
        answers: parsed.answers,
        override: draft.override ? { letters: draft.overrideLetters, explanation: draft.overrideExplanation } : null,
      }),
    };
  } catch (e) {
    if (e instanceof ExpertCategoryError) {
      return { problem: e.problem === "overrideNeedsExplanation" ? "overrideExplanationMissing" : "overrideLettersMissing" };
    }
    if (e instanceof RangeError) return { problem: "answersInvalid" };
    throw e;
  }
}

/** The API input for this draft, or what is missing before it can be sent. */
export function toDecisionInput(draft: DecisionDraft, version: number): { input: DecisionInput } | { problem: DraftProblem } {
  const notes = optional("notes", draft.notes);
  if (draft.kind === "unusable") {
    const message = draft.messageToOfficer.trim();
    if (!message) return { problem: "messageMissing" };
    return { input: { decision: "unusable", version, messageToOfficer: message, ...notes } };
  }
  if (!draft.typology) return { problem: draft.kind === "confirm" ? "candidateMissing" : "typologyMissing" };
  const decided = draftCategory(draft);
  if (decided && "problem" in decided) return decided;
  const answers = draftToAnswers(draft.answers).answers;
  const override = draft.override ? { override: { letters: LETTERS.filter((letter) => draft.overrideLetters.includes(letter)), explanation: draft.overrideExplanation.trim() } } : {};
  if (draft.kind === "confirm") return { input: { decision: "confirm", version, typology: draft.typology, answers, ...override, ...notes } };
  return {
    input: {
      decision: "correct",
      version,
      typology: draft.typology,
      answers,
      ...override,
      ...optional("make", draft.make),
      ...optional("model", draft.model),
      ...optional("calibre", draft.calibre),
      ...notes,
    },
  };
}

/** A correction starts from what is on screen (the candidate chosen, else the model's answer). */
export function correctionDraft(current: DecisionDraft, modelTypology: TypologyKey | null): DecisionDraft {
  return { ...current, kind: "correct", typology: current.typology || modelTypology || "" };
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

/** What the draft needs of an earlier decision on the same photo (review.byId's samePhotoDecision). */
export interface EarlierDecision {
  decision: DecisionKind;
  typology: { key: string } | null;
  categoryLetters: string[];
  make: string | null;
  model: string | null;
  calibre: string | null;
  messageToOfficer: string | null;
  override: { explanation: string } | null;
  answers: IdentificationAnswers | null;
}

/**
 * The same decision for this case (same photo file): the typology, the answers it was decided on (this
 * case's where it had none), an override with its reason, make/model/calibre. A confirmation stays one
 * only if the typology is among this case's candidates; otherwise it is a correction to that typology.
 */
export function draftFromEarlier(current: DecisionDraft, earlier: EarlierDecision, candidateKeys: readonly string[]): DecisionDraft {
  if (earlier.decision === "unusable") return { ...current, kind: "unusable", messageToOfficer: earlier.messageToOfficer ?? "" };
  const typology = (earlier.typology?.key ?? "") as TypologyKey | "";
  return {
    ...current,
    kind: earlier.decision === "confirm" && candidateKeys.includes(typology) ? "confirm" : "correct",
    typology,
    answers: earlier.answers ? answersToDraft(earlier.answers) : current.answers,
    override: earlier.override !== null,
    overrideLetters: earlier.override ? LETTERS.filter((letter) => earlier.categoryLetters.includes(letter)) : [],
    overrideExplanation: earlier.override?.explanation ?? "",
    make: earlier.make ?? "",
    model: earlier.model ?? "",
    calibre: earlier.calibre ?? "",
  };
}
