import { findAlarmGun, matchAlarmGun, type AlarmGun } from "./alarm-guns.ts";
import type { IdentificationAnswers, LengthSource } from "./answers.ts";
import { lettersOfLengthClass, possibleLengthClasses } from "./length-classes.ts";
import {
  CATEGORY_LETTERS,
  type CapacityLimits,
  type CategoryLetter,
  type CategoryRules,
  type TypologyRule,
} from "./rules.ts";
import type { TypologyKey } from "./typologies.ts";

/** Which length thresholds decided: legal (tape measure), photo (prototype margins), or none used. */
export type ThresholdsUsed = "legal" | "photo" | null;

/** The decision itself, before wording: the letters and why (alarm gun, replica, thresholds used). */
export interface LetterDecision {
  letters: CategoryLetter[];
  notClassified: boolean;
  alarmGun: AlarmGun | null;
  thresholds: ThresholdsUsed;
}

export function sortLetters(letters: Iterable<CategoryLetter>): CategoryLetter[] {
  const present = new Set(letters);
  return CATEGORY_LETTERS.filter((letter) => present.has(letter));
}

/** Reference alarm gun, from a model picked on the list first, else from the markings. */
export function alarmGunFromAnswers(answers: IdentificationAnswers): AlarmGun | null {
  if (answers.alarmGunModel !== undefined) return findAlarmGun(answers.alarmGunModel);
  if (answers.markingsText !== undefined) return matchAlarmGun(answers.markingsText);
  return null;
}

function applyCapacity(
  letters: CategoryLetter[],
  capacity: number | undefined,
  limits: CapacityLimits | null,
  cBlocked: boolean,
): CategoryLetter[] {
  if (limits !== null && capacity !== undefined && capacity > limits.maxForB) return ["A"];
  const overCLimit = limits !== null && capacity !== undefined && capacity > limits.maxForC;
  if (!overCLimit && !cBlocked) return letters;
  return sortLetters(letters.map((letter) => (letter === "C" ? "B" : letter)));
}

function lengthRuleLetters(
  rule: Extract<TypologyRule, { kind: "lengths" }>,
  answers: IdentificationAnswers,
  rules: CategoryRules,
): { letters: CategoryLetter[]; thresholds: ThresholdsUsed } {
  const source: LengthSource = answers.lengthSource ?? "photo";
  const thresholds = rules.lengths[source][rule.lengthRule];
  const classes = possibleLengthClasses(answers.overallLengthCm, answers.barrelLengthCm, thresholds);
  const lengthLetters = sortLetters(
    [...classes].flatMap((lengthClass) => lettersOfLengthClass(lengthClass, answers.barrelBore)),
  );
  const cBlocked = rule.cBlockers.some((blocker) =>
    blocker === "detachable_magazine" ? answers.detachableMagazine === true : answers.stockFixed === false,
  );
  const limits = rule.capacity === null ? null : rules.capacity[rule.capacity];
  const measuredAny = answers.overallLengthCm !== undefined || answers.barrelLengthCm !== undefined;
  return {
    letters: applyCapacity(lengthLetters, answers.magazineCapacity, limits, cBlocked),
    thresholds: measuredAny ? (source === "measured" ? "legal" : "photo") : null,
  };
}

/**
 * Military styles are "A or B": A as soon as one A condition holds; B only once every A condition is
 * known to be false (converted automatic, short folding stock, capacity over the limit).
 */
function militaryLetters(
  rule: Extract<TypologyRule, { kind: "military" }>,
  answers: IdentificationAnswers,
  rules: CategoryRules,
): CategoryLetter[] {
  const maxForB = rules.capacity[rule.capacity].maxForB;
  const capacity = answers.magazineCapacity;
  const prohibited =
    answers.originallyAutomatic === true ||
    answers.foldingStockUnder60 === true ||
    (capacity !== undefined && capacity > maxForB);
  if (prohibited) return rules.militaryProhibitedLetters;
  const cleared =
    answers.originallyAutomatic === false && answers.foldingStockUnder60 === false && capacity !== undefined;
  return cleared ? rule.letters.filter((letter) => !rules.militaryProhibitedLetters.includes(letter)) : rule.letters;
}

export function decideLetters(
  typology: TypologyKey,
  answers: IdentificationAnswers,
  rules: CategoryRules,
): LetterDecision {
  if (answers.ammunition === "bbs") {
    return { letters: [], notClassified: true, alarmGun: null, thresholds: null };
  }
  const rule = rules.typologies[typology];
  const decision = (letters: CategoryLetter[], alarmGun: AlarmGun | null = null): LetterDecision => ({
    letters: sortLetters(letters),
    notClassified: false,
    alarmGun,
    thresholds: null,
  });
  switch (rule.kind) {
    case "fixed":
      return decision(rule.letters);
    case "lengths": {
      const { letters, thresholds } = lengthRuleLetters(rule, answers, rules);
      return { ...decision(letters), thresholds };
    }
    case "military":
      return decision(militaryLetters(rule, answers, rules));
    case "alarm_capable_pistol": {
      const alarmGun = alarmGunFromAnswers(answers);
      return alarmGun ? decision(rule.alarmGunLetters, alarmGun) : decision(rule.letters);
    }
    case "revolver": {
      // Black powder has no cartridge: it cannot be one of the (cartridge-firing) reference alarm guns.
      if (answers.revolverMechanism === "black_powder") return decision(rule.byMechanism.black_powder);
      const alarmGun = alarmGunFromAnswers(answers);
      if (alarmGun) return decision(rule.alarmGunLetters, alarmGun);
      const mechanism = answers.revolverMechanism;
      return decision(mechanism === undefined ? rule.whenMechanismUnanswered : rule.byMechanism[mechanism]);
    }
  }
}
