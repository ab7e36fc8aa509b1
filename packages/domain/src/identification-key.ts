import type { LocalizedText } from "./text.ts";
import { FAMILIES, TYPOLOGIES, TYPOLOGY_KEYS, isTypologyKey, type Family, type TypologyKey } from "./typologies.ts";

/*
 * The visual identification key: what an officer with a weapon on the table answers, picture by picture,
 * when the model is unsure. It is data (questions and options below), walked by one pure function, so the
 * web flow, the API validation and the tests all read the same key.
 *
 * Honesty rule: "je ne sais pas" is allowed on every question and never guesses; it ends on the family
 * the officer already told us (or on "undetermined" when even the family is unknown), and the family's
 * general securing rules apply. A typology is only ever reached through the feature that decides it
 * (LABELLING.md: label by mechanism first, style second).
 */

/** The visible feature that decides each typology, as shown under its card ("un barillet qui tourne"). */
export const TYPOLOGY_CUES: Record<TypologyKey, LocalizedText> = {
  revolver: { fr: "Un barillet qui tourne", en: "A revolving cylinder" },
  pistolet_semi_auto_moderne: {
    fr: "Une glissière au-dessus du canon, le chargeur dans la poignée",
    en: "A slide over the barrel, the magazine in the grip",
  },
  autre_pistolet: {
    fr: "Ni barillet ni glissière : un ou deux canons qui basculent, ou un seul coup",
    en: "Neither cylinder nor slide: one or two barrels that tip open, or a single shot",
  },
  pistolet_mecanisme_ancien: {
    fr: "Un chien à silex ou à capsule, chargement par la bouche",
    en: "A flint or percussion hammer, loaded from the muzzle",
  },
  epaule_a_verrou: { fr: "Une poignée de culasse à lever", en: "A bolt handle to lift" },
  epaule_a_levier_sous_garde: { fr: "Un levier en boucle sous la poignée", en: "A loop lever under the grip" },
  epaule_a_pompe: { fr: "Un garde-main qui coulisse", en: "A fore-end that slides" },
  epaule_a_un_coup_par_canon: { fr: "Les canons basculent pour charger", en: "The barrels tip down to load" },
  epaule_semi_auto_style_chasse: {
    fr: "Une crosse de chasse et rien à manœuvrer : l'arme se recharge seule",
    en: "A hunting stock and nothing to work by hand: the gun reloads itself",
  },
  epaule_semi_auto_style_militaire_milieu_20e: {
    fr: "Un fusil militaire en bois qui se recharge seul (type Garand, SKS)",
    en: "A wooden military rifle that reloads itself (Garand, SKS type)",
  },
  semi_auto_style_militaire_autre: {
    fr: "Une poignée pistolet et un chargeur droit ou courbe (type AR-15, AK, Uzi)",
    en: "A pistol grip and a box or curved magazine (AR-15, AK, Uzi type)",
  },
  epaule_mecanisme_ancien: {
    fr: "Un chien à silex ou à capsule, une baguette sous le canon",
    en: "A flint or percussion hammer, a ramrod under the barrel",
  },
};

/** "Je ne sais pas": a valid answer to every question of the key. */
export const KEY_UNKNOWN = "unknown";
export const KEY_UNKNOWN_LABEL: LocalizedText = { fr: "Je ne sais pas", en: "I don't know" };

/** No path through the key asks more than this many questions (tested exhaustively). */
export const KEY_MAX_QUESTIONS = 4;

/** The pictures of the key's options; the web app has one drawing per id (a Record over this union). */
export const KEY_DRAWING_IDS = [
  "family_handgun",
  "family_long_gun",
  "revolver_cylinder",
  "pistol_slide",
  "other_pistol",
  "antique_pistol_lock",
  "submachine_gun",
  "break_action_hinge",
  "bolt_handle",
  "lever_loop",
  "pump_forend",
  "antique_long_lock",
  "self_loading",
  "hunting_stock",
  "military_wood",
  "military_modern",
] as const;
export type KeyDrawingId = (typeof KEY_DRAWING_IDS)[number];

export const KEY_QUESTION_IDS = ["family", "handgun_mechanism", "long_gun_mechanism", "self_loading_style"] as const;
export type KeyQuestionId = (typeof KEY_QUESTION_IDS)[number];

/** Where an answer leads: another question, one typology, only a family, or nothing more than "a weapon". */
export type KeyNext = KeyQuestionId | { typology: TypologyKey } | { family: Family } | { undetermined: true };

export interface KeyOption {
  id: string;
  label: LocalizedText;
  drawing: KeyDrawingId;
  next: KeyNext;
}

export interface KeyQuestion {
  id: KeyQuestionId;
  prompt: LocalizedText;
  /** Optional help under the prompt (what to look at). */
  hint: LocalizedText | null;
  options: KeyOption[];
  /** Where "je ne sais pas" (KEY_UNKNOWN) leads; never to a typology. */
  unknown: Exclude<KeyNext, { typology: TypologyKey }>;
}

const cueOption = (id: string, typology: TypologyKey, drawing: KeyDrawingId): KeyOption => ({
  id,
  label: TYPOLOGY_CUES[typology],
  drawing,
  next: { typology },
});

export const KEY_ROOT: KeyQuestionId = "family";

export const IDENTIFICATION_KEY: Record<KeyQuestionId, KeyQuestion> = {
  family: {
    id: "family",
    prompt: { fr: "Comment se tient l'arme ?", en: "How is the weapon held?" },
    hint: {
      fr: "Une crosse se cale contre l'épaule ; une arme de poing se tient à une main.",
      en: "A stock rests against the shoulder; a handgun is held in one hand.",
    },
    options: [
      {
        id: "handgun",
        label: { fr: "À une main, sans crosse (arme de poing)", en: "In one hand, no stock (handgun)" },
        drawing: "family_handgun",
        next: "handgun_mechanism",
      },
      {
        id: "long_gun",
        label: { fr: "Avec une crosse, à l'épaule (arme d'épaule)", en: "With a stock, at the shoulder (long gun)" },
        drawing: "family_long_gun",
        next: "long_gun_mechanism",
      },
    ],
    unknown: { undetermined: true },
  },
  handgun_mechanism: {
    id: "handgun_mechanism",
    prompt: { fr: "Que voyez-vous sur l'arme ?", en: "What do you see on the weapon?" },
    hint: {
      fr: "Regardez derrière le canon, au-dessus de la poignée.",
      en: "Look behind the barrel, above the grip.",
    },
    options: [
      cueOption("cylinder", "revolver", "revolver_cylinder"),
      cueOption("slide", "pistolet_semi_auto_moderne", "pistol_slide"),
      cueOption("antique_lock", "pistolet_mecanisme_ancien", "antique_pistol_lock"),
      {
        id: "submachine_gun",
        // A submachine gun without its stock is often taken for a handgun; its class is military style.
        label: {
          fr: "Un pistolet-mitrailleur : chargeur long, levier d'armement (type Uzi, Skorpion)",
          en: "A submachine gun: long magazine, cocking handle (Uzi, Skorpion type)",
        },
        drawing: "submachine_gun",
        next: { typology: "semi_auto_style_militaire_autre" },
      },
      cueOption("other", "autre_pistolet", "other_pistol"),
    ],
    unknown: { family: "handgun" },
  },
  long_gun_mechanism: {
    id: "long_gun_mechanism",
    prompt: { fr: "Comment l'arme se recharge-t-elle ?", en: "How is the weapon reloaded?" },
    hint: {
      fr: "Cherchez la pièce que l'on manœuvre à la main entre deux tirs.",
      en: "Look for the part worked by hand between two shots.",
    },
    options: [
      cueOption("break_action", "epaule_a_un_coup_par_canon", "break_action_hinge"),
      cueOption("bolt", "epaule_a_verrou", "bolt_handle"),
      cueOption("lever", "epaule_a_levier_sous_garde", "lever_loop"),
      cueOption("pump", "epaule_a_pompe", "pump_forend"),
      cueOption("antique_lock", "epaule_mecanisme_ancien", "antique_long_lock"),
      {
        id: "self_loading",
        label: {
          fr: "Rien de tout cela : l'arme se recharge seule",
          en: "None of these: the weapon reloads itself",
        },
        drawing: "self_loading",
        next: "self_loading_style",
      },
    ],
    unknown: { family: "long_gun" },
  },
  self_loading_style: {
    id: "self_loading_style",
    prompt: { fr: "À quoi ressemble l'arme ?", en: "What does the weapon look like?" },
    hint: null,
    options: [
      cueOption("hunting", "epaule_semi_auto_style_chasse", "hunting_stock"),
      cueOption("military_wood", "epaule_semi_auto_style_militaire_milieu_20e", "military_wood"),
      cueOption("military_modern", "semi_auto_style_militaire_autre", "military_modern"),
    ],
    unknown: { family: "long_gun" },
  },
};

/** One answer of the officer: the question and the option chosen (or KEY_UNKNOWN). */
export type KeyAnswer = { question: string; option: string };

export type KeyStep =
  | { kind: "question"; question: KeyQuestion }
  | { kind: "typology"; typology: TypologyKey }
  | { kind: "family"; family: Family }
  | { kind: "undetermined" };

export type InvalidKeyAnswersReason =
  | "malformed_answer"
  | "unknown_question"
  | "wrong_question"
  | "unknown_option"
  | "answer_after_end";

/** An answer sequence that does not follow the key (API: answer 4xx with this message). */
export class InvalidKeyAnswersError extends Error {
  override readonly name = "InvalidKeyAnswersError";
  constructor(
    readonly reason: InvalidKeyAnswersReason,
    /** Zero-based position of the offending answer. */
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

const QUESTION_ID_SET: ReadonlySet<string> = new Set(KEY_QUESTION_IDS);
function isKeyQuestionId(value: unknown): value is KeyQuestionId {
  return typeof value === "string" && QUESTION_ID_SET.has(value);
}

/** Where the key starts for each family: the question after the family question. */
const FAMILY_START: Record<Family, KeyQuestionId> = {
  handgun: "handgun_mechanism",
  long_gun: "long_gun_mechanism",
};

/**
 * The first question to ask: the family question, or, when the model is confident about the family
 * (see isFamilyConfident), that family's own first question.
 */
export function startKeyFor(family?: Family | null): KeyQuestion {
  return IDENTIFICATION_KEY[family ? FAMILY_START[family] : KEY_ROOT];
}

/** Questions a recorded answer sequence may begin with: the root, or a family's start. */
export const KEY_ENTRY_QUESTIONS: readonly KeyQuestionId[] = [KEY_ROOT, ...FAMILIES.map((family) => FAMILY_START[family])];

function stepOf(next: KeyNext): KeyStep {
  if (typeof next === "string") return { kind: "question", question: IDENTIFICATION_KEY[next] };
  if ("typology" in next) return { kind: "typology", typology: next.typology };
  if ("family" in next) return { kind: "family", family: next.family };
  return { kind: "undetermined" };
}

/**
 * Walks the officer's answers through the key and returns where they lead: the next question to ask, or
 * the end (a typology, a family, undetermined). Pure; throws InvalidKeyAnswersError for any sequence the
 * key could not have produced (malformed answer, unknown question or option, a question asked out of
 * order, an answer after the key has ended).
 *
 * `start`: the question the UI started from (startKeyFor(...).id). Without it, an empty sequence starts at
 * the family question and a non-empty one may start at any entry question (KEY_ENTRY_QUESTIONS), so an
 * API can validate stored answers whether or not the family question was skipped.
 */
export function walkKey(answers: readonly KeyAnswer[], start?: KeyQuestionId): KeyStep {
  if (start !== undefined && !isKeyQuestionId(start)) {
    throw new InvalidKeyAnswersError("unknown_question", 0, `unknown start question "${String(start)}"`);
  }
  if (!Array.isArray(answers)) throw new InvalidKeyAnswersError("malformed_answer", 0, "answers must be an array");
  const first = answers[0] as unknown;
  const firstQuestion =
    typeof first === "object" && first !== null ? (first as { question?: unknown }).question : undefined;
  let step: KeyStep = {
    kind: "question",
    question:
      IDENTIFICATION_KEY[
        start ?? (isKeyQuestionId(firstQuestion) && KEY_ENTRY_QUESTIONS.includes(firstQuestion) ? firstQuestion : KEY_ROOT)
      ],
  };

  answers.forEach((answer: unknown, index) => {
    if (
      typeof answer !== "object" ||
      answer === null ||
      typeof (answer as KeyAnswer).question !== "string" ||
      typeof (answer as KeyAnswer).option !== "string"
    ) {
      throw new InvalidKeyAnswersError("malformed_answer", index, `answer ${index} must be { question, option } strings`);
    }
    const { question, option } = answer as KeyAnswer;
    if (step.kind !== "question") {
      throw new InvalidKeyAnswersError("answer_after_end", index, `answer ${index} comes after the key has ended`);
    }
    if (!isKeyQuestionId(question)) {
      throw new InvalidKeyAnswersError("unknown_question", index, `unknown question "${question}"`);
    }
    const current: KeyQuestion = step.question;
    if (question !== current.id) {
      throw new InvalidKeyAnswersError(
        "wrong_question",
        index,
        `answer ${index} is for question "${question}" but the key asks "${current.id}"`,
      );
    }
    if (option === KEY_UNKNOWN) {
      step = stepOf(current.unknown);
      return;
    }
    const chosen = current.options.find((candidate) => candidate.id === option);
    if (!chosen) {
      throw new InvalidKeyAnswersError("unknown_option", index, `unknown option "${option}" for question "${question}"`);
    }
    step = stepOf(chosen.next);
  });
  return step;
}

/** Below this summed probability the family is not trusted to order the cards or to skip the family question. */
export const FAMILY_CONFIDENCE_THRESHOLD = 0.9;

/** How many candidate cards the result page shows by default. */
export const DEFAULT_CANDIDATE_CARDS = 4;

function assertUnitInterval(value: number, what: string): void {
  if (!(Number.isFinite(value) && value >= 0 && value <= 1)) {
    throw new RangeError(`${what} must be a number in [0, 1], got ${value}`);
  }
}

export function isFamilyConfident(familyConfidence: number, threshold = FAMILY_CONFIDENCE_THRESHOLD): boolean {
  assertUnitInterval(familyConfidence, "familyConfidence");
  assertUnitInterval(threshold, "familyThreshold");
  return familyConfidence >= threshold;
}

export interface CandidateOrderInput {
  /** The model's typology probabilities (missing keys count as 0). */
  probabilities: Partial<Record<TypologyKey, number>>;
  /** The family the model leans to and its summed probability (Assessment.family / familyConfidence). */
  family?: Family | null;
  familyConfidence?: number;
  /** Default FAMILY_CONFIDENCE_THRESHOLD (inclusive). */
  familyThreshold?: number;
  /** Number of cards; default DEFAULT_CANDIDATE_CARDS. */
  limit?: number;
}

/**
 * The typologies to show as cards, in order. When the model is confident about the family, that family's
 * typologies come first (by probability), then the others fill any remaining places; otherwise it is the
 * plain probability order. Ties break on catalogue order so the same input always gives the same cards.
 * The cards never carry percentages: the officer recognises the feature, the model only orders them.
 */
export function orderCandidates(input: CandidateOrderInput): TypologyKey[] {
  const limit = input.limit ?? DEFAULT_CANDIDATE_CARDS;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  for (const [key, probability] of Object.entries(input.probabilities)) {
    if (!isTypologyKey(key)) throw new RangeError(`unknown typology "${key}" in probabilities`);
    if (probability !== undefined) assertUnitInterval(probability, `probability of ${key}`);
  }
  if (input.family != null && !FAMILIES.includes(input.family)) {
    throw new RangeError(`unknown family "${String(input.family)}"`);
  }
  const confidentFamily =
    input.family != null &&
    input.familyConfidence !== undefined &&
    isFamilyConfident(input.familyConfidence, input.familyThreshold)
      ? input.family
      : null;
  const probability = (key: TypologyKey): number => input.probabilities[key] ?? 0;
  const rank = (key: TypologyKey): number => (confidentFamily && TYPOLOGIES[key].family === confidentFamily ? 0 : 1);
  return [...TYPOLOGY_KEYS]
    .sort(
      (a, b) =>
        rank(a) - rank(b) || probability(b) - probability(a) || TYPOLOGY_KEYS.indexOf(a) - TYPOLOGY_KEYS.indexOf(b),
    )
    .slice(0, limit);
}
