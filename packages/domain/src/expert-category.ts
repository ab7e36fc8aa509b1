import type { IdentificationAnswers } from "./answers.ts";
import { categorize, type CategoryResult } from "./category.ts";
import { relevantQuestions, questionsFor, type CategoryQuestion } from "./category-questions.ts";
import { CATEGORY_RULES, CATEGORY_LETTERS, type CategoryLetter, type CategoryRules } from "./rules.ts";
import type { TypologyKey } from "./typologies.ts";

/** An expert who disagrees with the rules says which letters and why; both are stored and shown. */
export interface CategoryOverride {
  letters: CategoryLetter[];
  explanation: string;
}

export interface ExpertCategoryInput {
  typology: TypologyKey;
  /** The officer's answers completed or corrected by the expert (the same questions). */
  answers: IdentificationAnswers;
  override?: CategoryOverride | null;
}

export interface ExpertCategory {
  /** The category recorded: the rules' letters, or the override's. [] only for "not classified". */
  letters: CategoryLetter[];
  notClassified: boolean;
  /** What the rules alone give for these answers (kept beside an override). */
  rules: CategoryResult;
  overridden: boolean;
  explanation: string | null;
}

export type ExpertCategoryProblem = "overrideNeedsExplanation" | "overrideNeedsLetters" | "notClassifiedNeedsReplicaAnswer";

/** A decision the rules refuse to record; `problem` names what is missing. */
export class ExpertCategoryError extends Error {
  constructor(readonly problem: ExpertCategoryProblem) {
    super(
      problem === "overrideNeedsExplanation"
        ? "an override of the rules needs an explanation"
        : problem === "overrideNeedsLetters"
          ? "an override names at least one category letter; 'not classified' comes only from the BB/replica answer"
          : "'not classified' needs the explicit answer that the weapon fires BBs (replica)",
    );
    this.name = "ExpertCategoryError";
  }
}

const sameLetters = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((letter, i) => letter === b[i]);

/**
 * The legal category of an expert's decision: computed by the rules from the typology and the answers,
 * never ticked by hand. "Not classified" only comes from the explicit BB answer; an override must name
 * letters and say why, and an override equal to the rules is no override.
 */
export function decideExpertCategory(input: ExpertCategoryInput, rules: CategoryRules = CATEGORY_RULES): ExpertCategory {
  const result = categorize(input.typology, input.answers, rules);
  const override = input.override ?? null;
  let letters: CategoryLetter[] = result.letters;
  let overridden = false;
  let explanation: string | null = null;
  if (override) {
    const overrideLetters = CATEGORY_LETTERS.filter((letter) => override.letters.includes(letter));
    if (overrideLetters.length === 0) throw new ExpertCategoryError("overrideNeedsLetters");
    if (result.notClassified || !sameLetters(overrideLetters, result.letters)) {
      explanation = override.explanation.trim();
      if (explanation.length === 0) throw new ExpertCategoryError("overrideNeedsExplanation");
      letters = overrideLetters;
      overridden = true;
    }
  }
  const notClassified = letters.length === 0;
  // the rules only give [] for BBs; this holds it even if a rules change ever broke that
  if (notClassified && input.answers.ammunition !== "bbs") throw new ExpertCategoryError("notClassifiedNeedsReplicaAnswer");
  return { letters, notClassified, rules: result, overridden, explanation };
}

/** Every question the typology's rule reads (answered or not), so the expert can change any answer. */
export function expertQuestions(typology: TypologyKey, rules: CategoryRules = CATEGORY_RULES): CategoryQuestion[] {
  return questionsFor(relevantQuestions(typology, rules), typology);
}
