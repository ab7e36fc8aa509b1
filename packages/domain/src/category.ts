import { assertValidAnswers, type IdentificationAnswers } from "./answers.ts";
import { decideLetters, type ThresholdsUsed } from "./category-letters.ts";
import { openQuestionKeys, questionsFor, type CategoryQuestion } from "./category-questions.ts";
import {
  ALARM_GUN_CONVERSION_WARNING,
  CATEGORY_CONDITIONS,
  CATEGORY_WORDING,
  NOT_CLASSIFIED_WORDING,
  alarmGunTitle,
  replicaTitle,
} from "./category-texts.ts";
import { CATEGORY_RULES, type CategoryLetter, type CategoryRules } from "./rules.ts";
import type { LocalizedText } from "./text.ts";
import { TYPOLOGIES, type TypologyKey } from "./typologies.ts";

export interface CategoryWording extends LocalizedText {
  /** null for "not classified" (replica firing BBs: not a firearm). */
  letter: CategoryLetter | null;
}

export interface CategoryCondition extends LocalizedText {
  key: string;
}

export interface CategoryResult {
  /** Sorted; several letters when the photo and answers cannot decide; [] when not classified. */
  letters: CategoryLetter[];
  notClassified: boolean;
  title: LocalizedText;
  wording: CategoryWording[];
  /** Conditions that would move the letter, shown under the category. */
  conditions: CategoryCondition[];
  /** Questions whose answer can still change the category. */
  questions: CategoryQuestion[];
  thresholds: ThresholdsUsed;
  /** Reference alarm gun recognised (id), when the category comes from the alarm-gun list. */
  alarmGunId: string | null;
  rulesVersion: string;
}

/** Legal category of a weapon of this typology, refined by whatever the officer answered. */
export function categorize(
  typology: TypologyKey,
  answers: IdentificationAnswers = {},
  rules: CategoryRules = CATEGORY_RULES,
): CategoryResult {
  assertValidAnswers(answers);
  const decision = decideLetters(typology, answers, rules);
  const label = TYPOLOGIES[typology].label;
  const openKeys = openQuestionKeys(typology, answers, rules, decision);

  const conditions: CategoryCondition[] = decision.notClassified
    ? []
    : decision.alarmGun
      ? [ALARM_GUN_CONVERSION_WARNING]
      : CATEGORY_CONDITIONS[typology].filter(
          (condition) =>
            condition.questions.length === 0 || condition.questions.some((key) => openKeys.includes(key)),
        );

  return {
    letters: decision.letters,
    notClassified: decision.notClassified,
    title: decision.notClassified ? replicaTitle(label) : decision.alarmGun ? alarmGunTitle(label) : { ...label },
    wording: decision.notClassified
      ? [{ letter: null, ...NOT_CLASSIFIED_WORDING }]
      : decision.letters.map((letter) => ({ letter, ...CATEGORY_WORDING[letter] })),
    conditions: conditions.map(({ key, fr, en }) => ({ key, fr, en })),
    questions: questionsFor(openKeys, typology),
    thresholds: decision.thresholds,
    alarmGunId: decision.alarmGun?.id ?? null,
    rulesVersion: rules.version,
  };
}
