import { ALARM_GUNS } from "./alarm-guns.ts";
import { REVOLVER_MECHANISMS, type IdentificationAnswers, type RevolverMechanism } from "./answers.ts";
import { decideLetters, type LetterDecision } from "./category-letters.ts";
import type { QuestionKey } from "./category-texts.ts";
import type { CategoryRules, LengthLimit } from "./rules.ts";
import type { LocalizedText } from "./text.ts";
import { TYPOLOGIES, type TypologyKey } from "./typologies.ts";

export interface QuestionOption extends LocalizedText {
  value: string | boolean;
}

export interface CategoryQuestion extends LocalizedText {
  key: QuestionKey;
  options?: QuestionOption[];
}

const YES_NO: QuestionOption[] = [
  { value: true, fr: "Oui", en: "Yes" },
  { value: false, fr: "Non", en: "No" },
];

const REVOLVER_MECHANISM_OPTIONS: Record<RevolverMechanism, LocalizedText> = {
  black_powder: { fr: "Petites cheminées à l'arrière du barillet (poudre noire)", en: "Small percussion nipples at the back of the cylinder (black powder)" },
  swing_out: { fr: "Bouton à côté du barillet (barillet basculant)", en: "Button beside the cylinder (swing-out cylinder)" },
  loading_gate_1873: { fr: "Encoche près du chien sur le côté droit du barillet (type 1873 US)", en: "Notch near the hammer on the right of the cylinder (1873 US type)" },
  loading_gate_hinged: { fr: "Portière qui cache le côté droit du barillet (types 1873 / 1892 français)", en: "Gate covering the right side of the cylinder (French 1873 / 1892 types)" },
  break_open_enfield: { fr: "Levier sur le côté gauche du barillet (brisure Enfield / Webley)", en: "Lever on the left of the cylinder (Enfield / Webley break-open)" },
  break_open_old: { fr: "Verrou en T à l'avant du chien (brisure ancienne)", en: "T-latch in front of the hammer (old break-open)" },
  removable_axis: { fr: "Aucun des systèmes précédents (axe de barillet amovible)", en: "None of the above (removable cylinder axis)" },
  unknown: { fr: "Je ne sais pas", en: "I don't know" },
};

function ammunitionQuestion(typology: TypologyKey): CategoryQuestion {
  const bullets = TYPOLOGIES[typology].ammunitionQuestion === "bullets_or_bbs";
  return {
    key: "ammunition",
    fr: bullets
      ? "Que voyez-vous en haut des projectiles ?"
      : "L'arme tire-t-elle des cartouches ou des billes ?",
    en: bullets ? "What do you see at the top of the projectiles?" : "Does the weapon fire cartridges or BBs?",
    options: bullets
      ? [
          { value: "bullets", fr: "Balles", en: "Bullets" },
          { value: "bbs", fr: "Billes ou trou pour billes", en: "BBs or a hole for BBs" },
        ]
      : [
          { value: "cartridges", fr: "Cartouches", en: "Cartridges" },
          { value: "bbs", fr: "Billes", en: "BBs" },
        ],
  };
}

const FIXED_QUESTIONS: Record<Exclude<QuestionKey, "ammunition">, CategoryQuestion> = {
  lengths: {
    key: "lengths",
    fr: "Mesurez la longueur totale (crosse repliée ou retirée) et la longueur du canon (de l'arrière de la chambre à la bouche), en cm.",
    en: "Measure the overall length (stock folded or removed) and the barrel length (rear of the chamber to the muzzle), in cm.",
  },
  barrelBore: {
    key: "barrelBore",
    fr: "L'intérieur du canon est-il lisse ou rayé ?",
    en: "Is the inside of the barrel smooth or rifled?",
    options: [
      { value: "smooth", fr: "Lisse", en: "Smooth" },
      { value: "rifled", fr: "Rayé", en: "Rifled" },
    ],
  },
  magazineCapacity: {
    key: "magazineCapacity",
    fr: "Quelle est la capacité maximale de l'arme, chambre comprise (nombre de munitions) ?",
    en: "What is the weapon's maximum capacity, chamber included (number of rounds)?",
  },
  detachableMagazine: {
    key: "detachableMagazine",
    fr: "Le chargeur est-il amovible ?",
    en: "Is the magazine detachable?",
    options: YES_NO,
  },
  stockFixed: { key: "stockFixed", fr: "La crosse est-elle fixe ?", en: "Is the stock fixed?", options: YES_NO },
  originallyAutomatic: {
    key: "originallyAutomatic",
    fr: "L'arme était-elle à l'origine automatique (transformée en semi-automatique) ?",
    en: "Was the weapon originally automatic (converted to semi-automatic)?",
    options: YES_NO,
  },
  foldingStockUnder60: {
    key: "foldingStockUnder60",
    fr: "Avec une crosse pliante ou télescopique dans sa position la plus courte, l'arme mesure-t-elle moins de 60 cm ?",
    en: "With a folding or telescopic stock in its shortest position, is the weapon shorter than 60 cm?",
    options: YES_NO,
  },
  revolverMechanism: {
    key: "revolverMechanism",
    fr: "Quel système d'ouverture voyez-vous sur le revolver ?",
    en: "Which opening system do you see on the revolver?",
    options: REVOLVER_MECHANISMS.map((value) => ({ value, ...REVOLVER_MECHANISM_OPTIONS[value] })),
  },
  markings: {
    key: "markings",
    fr: "Quels marquages (marque, modèle) lisez-vous sur l'arme ? Prenez une photo rapprochée ou indiquez qu'il n'y en a pas.",
    en: "Which markings (make, model) can you read on the weapon? Take a close-up photo or say there are none.",
  },
};

function questionText(key: QuestionKey, typology: TypologyKey): CategoryQuestion {
  return key === "ammunition" ? ammunitionQuestion(typology) : FIXED_QUESTIONS[key];
}

/** The questions a typology's rule reads, in the order an officer would answer them. */
export function relevantQuestions(typology: TypologyKey, rules: CategoryRules): QuestionKey[] {
  const keys: QuestionKey[] = TYPOLOGIES[typology].ammunitionQuestion ? ["ammunition"] : [];
  const rule = rules.typologies[typology];
  switch (rule.kind) {
    case "fixed":
      return keys;
    case "lengths":
      keys.push("lengths", "barrelBore");
      if (rule.capacity) keys.push("magazineCapacity");
      if (rule.cBlockers.includes("detachable_magazine")) keys.push("detachableMagazine");
      if (rule.cBlockers.includes("stock_not_fixed")) keys.push("stockFixed");
      return keys;
    case "military":
      return [...keys, "originallyAutomatic", "foldingStockUnder60", "magazineCapacity"];
    case "alarm_capable_pistol":
      return [...keys, "markings"];
    case "revolver":
      return [...keys, "revolverMechanism", "markings"];
  }
}

function isAnswered(key: QuestionKey, answers: IdentificationAnswers): boolean {
  switch (key) {
    case "lengths":
      return answers.overallLengthCm !== undefined && answers.barrelLengthCm !== undefined;
    case "markings":
      return answers.alarmGunModel !== undefined || answers.markingsText !== undefined;
    default:
      return answers[key] !== undefined;
  }
}

/** Values on and around each threshold: enough to reach every state a limit defines. */
function lengthProbeValues(limit: LengthLimit): number[] {
  return [limit.shortUpToCm, limit.longAboveCm].flatMap((cm) => [cm - 1, cm, cm + 1]);
}

function capacityProbeValues(typology: TypologyKey, rules: CategoryRules): number[] {
  const rule = rules.typologies[typology];
  const kind = rule.kind === "lengths" || rule.kind === "military" ? rule.capacity : null;
  if (kind === null) return [];
  const { maxForC, maxForB } = rules.capacity[kind];
  return [1, maxForC, maxForC + 1, maxForB, maxForB + 1];
}

/** Plausible answers to one question, to see whether any of them would change the decision. */
function probes(key: QuestionKey, typology: TypologyKey, answers: IdentificationAnswers, rules: CategoryRules): IdentificationAnswers[] {
  switch (key) {
    case "ammunition":
      return [{ ammunition: "bbs" }, { ammunition: "cartridges" }];
    case "lengths": {
      const rule = rules.typologies[typology];
      if (rule.kind !== "lengths") return [];
      const thresholds = rules.lengths[answers.lengthSource ?? "photo"][rule.lengthRule];
      const overalls = answers.overallLengthCm !== undefined ? [answers.overallLengthCm] : lengthProbeValues(thresholds.overall);
      const barrels = answers.barrelLengthCm !== undefined ? [answers.barrelLengthCm] : lengthProbeValues(thresholds.barrel);
      return overalls.flatMap((overallLengthCm) => barrels.map((barrelLengthCm) => ({ overallLengthCm, barrelLengthCm })));
    }
    case "barrelBore":
      return [{ barrelBore: "smooth" }, { barrelBore: "rifled" }];
    case "magazineCapacity":
      return capacityProbeValues(typology, rules).map((magazineCapacity) => ({ magazineCapacity }));
    case "detachableMagazine":
    case "stockFixed":
    case "originallyAutomatic":
    case "foldingStockUnder60":
      return [{ [key]: true }, { [key]: false }];
    case "revolverMechanism":
      return REVOLVER_MECHANISMS.map((revolverMechanism) => ({ revolverMechanism }));
    case "markings":
      return [...ALARM_GUNS.map((gun): IdentificationAnswers => ({ alarmGunModel: gun.id })), { markingsText: "" }];
  }
}

function sameDecision(a: LetterDecision, b: LetterDecision): boolean {
  return a.notClassified === b.notClassified && a.letters.join() === b.letters.join();
}

/**
 * The unanswered questions whose answer, on its own, can still change the category: found by trying the
 * answers rather than listed by hand, so they stay right when the rules data changes. Questions that only
 * matter in combination appear once the first is answered (the bore once the lengths fall in between).
 */
export function openQuestionKeys(
  typology: TypologyKey,
  answers: IdentificationAnswers,
  rules: CategoryRules,
  current: LetterDecision,
): QuestionKey[] {
  return relevantQuestions(typology, rules).filter(
    (key) =>
      !isAnswered(key, answers) &&
      // A reference alarm gun is a known modern model: asking whether it is black powder is noise.
      !(key === "revolverMechanism" && current.alarmGun !== null) &&
      probes(key, typology, answers, rules).some(
        (probe) => !sameDecision(decideLetters(typology, { ...answers, ...probe }, rules), current),
      ),
  );
}

export function questionsFor(keys: QuestionKey[], typology: TypologyKey): CategoryQuestion[] {
  return keys.map((key) => questionText(key, typology));
}
