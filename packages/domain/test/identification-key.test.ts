import { describe, expect, it } from "vitest";
import {
  DEFAULT_CANDIDATE_CARDS,
  FAMILY_CONFIDENCE_THRESHOLD,
  IDENTIFICATION_KEY,
  InvalidKeyAnswersError,
  KEY_DRAWING_IDS,
  KEY_ENTRY_QUESTIONS,
  KEY_MAX_QUESTIONS,
  KEY_QUESTION_IDS,
  KEY_ROOT,
  KEY_UNKNOWN,
  TYPOLOGIES,
  TYPOLOGY_CUES,
  TYPOLOGY_KEYS,
  isFamilyConfident,
  orderCandidates,
  startKeyFor,
  walkKey,
  type KeyAnswer,
  type KeyQuestionId,
  type KeyStep,
  type TypologyKey,
} from "../src/index.ts";

interface KeyPath {
  answers: KeyAnswer[];
  end: KeyStep;
}

/** Every answer sequence from `start` to an end, choosing every option and "je ne sais pas" at each step. */
function allPaths(start: KeyQuestionId): KeyPath[] {
  const paths: KeyPath[] = [];
  const visit = (answers: KeyAnswer[]): void => {
    if (answers.length > 10) throw new Error(`the key loops: ${JSON.stringify(answers)}`);
    const step = walkKey(answers, start);
    if (step.kind !== "question") {
      paths.push({ answers, end: step });
      return;
    }
    for (const option of [...step.question.options.map((candidate) => candidate.id), KEY_UNKNOWN]) {
      visit([...answers, { question: step.question.id, option }]);
    }
  };
  visit([]);
  return paths;
}

const pathsFromRoot = allPaths(KEY_ROOT);
const describePath = (path: KeyPath): string =>
  `${path.answers.map((answer) => `${answer.question}=${answer.option}`).join(" > ")} → ${JSON.stringify(path.end)}`;

describe("typology cues", () => {
  it.each(TYPOLOGY_KEYS)("%s has a short cue in French and English", (typology) => {
    const cue = TYPOLOGY_CUES[typology];
    expect(cue.fr.length).toBeGreaterThan(5);
    expect(cue.en.length).toBeGreaterThan(5);
    expect(cue.fr.length).toBeLessThanOrEqual(80);
  });

  it.each([
    ["revolver", "barillet qui tourne"],
    ["pistolet_semi_auto_moderne", "glissière au-dessus du canon, le chargeur dans la poignée"],
    ["epaule_a_un_coup_par_canon", "canons basculent pour charger"],
    ["epaule_a_levier_sous_garde", "levier en boucle sous la poignée"],
    ["epaule_a_verrou", "poignée de culasse à lever"],
    ["epaule_a_pompe", "garde-main qui coulisse"],
  ] as const)("%s is told by «%s»", (typology, words) => {
    expect(TYPOLOGY_CUES[typology].fr.toLowerCase()).toContain(words);
  });

  it("gives twelve distinct cues", () => {
    expect(new Set(TYPOLOGY_KEYS.map((key) => TYPOLOGY_CUES[key].fr)).size).toBe(12);
  });
});

describe("identification key data", () => {
  it.each(KEY_QUESTION_IDS)("%s is keyed by its own id, worded in both languages, with distinct options", (id) => {
    const question = IDENTIFICATION_KEY[id];
    expect(question.id).toBe(id);
    expect(question.prompt.fr).toMatch(/\?$/);
    expect(question.prompt.en).toMatch(/\?$/);
    const optionIds = question.options.map((option) => option.id);
    expect(new Set(optionIds).size).toBe(optionIds.length);
    expect(optionIds).not.toContain(KEY_UNKNOWN);
    expect(question.options.length).toBeGreaterThanOrEqual(2);
    for (const option of question.options) {
      expect(option.label.fr.length).toBeGreaterThan(0);
      expect(option.label.en.length).toBeGreaterThan(0);
      expect(KEY_DRAWING_IDS).toContain(option.drawing);
    }
  });

  it("uses every drawing id of the catalogue, each once", () => {
    const drawings = KEY_QUESTION_IDS.flatMap((id) => IDENTIFICATION_KEY[id].options.map((option) => option.drawing));
    expect([...drawings].sort()).toEqual([...KEY_DRAWING_IDS].sort());
  });

  it("reaches every question from the root", () => {
    const asked = new Set(pathsFromRoot.flatMap((path) => path.answers.map((answer) => answer.question)));
    expect([...asked].sort()).toEqual([...KEY_QUESTION_IDS].sort());
  });
});

describe("every path through the key", () => {
  it("has been enumerated (sanity: options + unknown at each step)", () => {
    // family: 2 options + unknown; handgun: 5 + unknown; long gun: 5 typologies + self-loading(3 + unknown) + unknown.
    expect(pathsFromRoot).toHaveLength(1 + 6 + (5 + 4 + 1));
  });

  it.each(pathsFromRoot.map((path) => [describePath(path), path] as const))("%s ends within 4 questions", (_, path) => {
    expect(path.answers.length).toBeGreaterThanOrEqual(1);
    expect(path.answers.length).toBeLessThanOrEqual(KEY_MAX_QUESTIONS);
    expect(["typology", "family", "undetermined"]).toContain(path.end.kind);
  });

  it("reaches each of the twelve typologies", () => {
    const reached = new Set(pathsFromRoot.flatMap((path) => (path.end.kind === "typology" ? [path.end.typology] : [])));
    expect([...reached].sort()).toEqual([...TYPOLOGY_KEYS].sort());
  });

  it("never ends on a typology after a «je ne sais pas»", () => {
    for (const path of pathsFromRoot) {
      if (path.answers.at(-1)?.option === KEY_UNKNOWN) expect(path.end.kind).not.toBe("typology");
    }
  });

  it("reaching a typology through the family question agrees with that typology's family", () => {
    for (const path of pathsFromRoot) {
      if (path.end.kind !== "typology") continue;
      const family = path.answers[0]?.option;
      // A stockless submachine gun is the one handgun-looking weapon whose class is long-gun family.
      if (path.end.typology === "semi_auto_style_militaire_autre" && family === "handgun") continue;
      expect(TYPOLOGIES[path.end.typology].family).toBe(family);
    }
  });

  it.each([
    [[{ question: "family", option: KEY_UNKNOWN }], { kind: "undetermined" }],
    [[{ question: "family", option: "handgun" }, { question: "handgun_mechanism", option: KEY_UNKNOWN }], { kind: "family", family: "handgun" }],
    [[{ question: "family", option: "long_gun" }, { question: "long_gun_mechanism", option: KEY_UNKNOWN }], { kind: "family", family: "long_gun" }],
    [
      [
        { question: "family", option: "long_gun" },
        { question: "long_gun_mechanism", option: "self_loading" },
        { question: "self_loading_style", option: KEY_UNKNOWN },
      ],
      { kind: "family", family: "long_gun" },
    ],
    [[{ question: "family", option: "handgun" }, { question: "handgun_mechanism", option: "slide" }], { kind: "typology", typology: "pistolet_semi_auto_moderne" }],
    [[{ question: "family", option: "handgun" }, { question: "handgun_mechanism", option: "cylinder" }], { kind: "typology", typology: "revolver" }],
    [[{ question: "family", option: "long_gun" }, { question: "long_gun_mechanism", option: "pump" }], { kind: "typology", typology: "epaule_a_pompe" }],
    [[{ question: "family", option: "long_gun" }, { question: "long_gun_mechanism", option: "break_action" }], { kind: "typology", typology: "epaule_a_un_coup_par_canon" }],
  ] satisfies [KeyAnswer[], KeyStep][])("%j → %j", (answers, end) => {
    expect(walkKey(answers)).toEqual(end);
  });

  it("asks the next question while the path is open", () => {
    expect(walkKey([])).toEqual({ kind: "question", question: IDENTIFICATION_KEY.family });
    expect(walkKey([{ question: "family", option: "long_gun" }])).toEqual({
      kind: "question",
      question: IDENTIFICATION_KEY.long_gun_mechanism,
    });
  });
});

describe("startKeyFor", () => {
  it.each([
    [undefined, "family"],
    [null, "family"],
    ["handgun", "handgun_mechanism"],
    ["long_gun", "long_gun_mechanism"],
  ] as const)("family %s starts at %s", (family, questionId) => {
    expect(startKeyFor(family).id).toBe(questionId);
  });

  it.each(["handgun", "long_gun"] as const)("skipping the family question for %s keeps every path within 4 questions and the family honest", (family) => {
    const start = startKeyFor(family).id;
    const paths = allPaths(start);
    expect(paths.length).toBeGreaterThan(1);
    for (const path of paths) {
      expect(path.answers[0]?.question).toBe(start);
      expect(path.answers.length).toBeLessThanOrEqual(KEY_MAX_QUESTIONS - 1);
      expect(path.end.kind).not.toBe("undetermined");
      if (path.end.kind === "family") expect(path.end.family).toBe(family);
    }
  });

  it("lets walkKey validate a recorded sequence that skipped the family question, without being told the start", () => {
    expect(KEY_ENTRY_QUESTIONS).toEqual(["family", "handgun_mechanism", "long_gun_mechanism"]);
    expect(walkKey([{ question: "handgun_mechanism", option: "slide" }])).toEqual({
      kind: "typology",
      typology: "pistolet_semi_auto_moderne",
    });
    expect(walkKey([{ question: "long_gun_mechanism", option: KEY_UNKNOWN }])).toEqual({ kind: "family", family: "long_gun" });
  });
});

describe("invalid answer sequences", () => {
  const refused: [string, unknown[], string | undefined, string, number][] = [
    ["an unknown option", [{ question: "family", option: "rifle" }], undefined, "unknown_option", 0],
    ["an option of another question", [{ question: "family", option: "slide" }], undefined, "unknown_option", 0],
    ["an unknown question", [{ question: "colour", option: "black" }], undefined, "unknown_question", 0],
    ["a question out of order", [{ question: "family", option: "handgun" }, { question: "long_gun_mechanism", option: "pump" }], undefined, "wrong_question", 1],
    ["starting in the middle", [{ question: "self_loading_style", option: "hunting" }], undefined, "wrong_question", 0],
    ["a question asked twice", [{ question: "family", option: "handgun" }, { question: "family", option: "handgun" }], undefined, "wrong_question", 1],
    ["an answer after a typology", [{ question: "handgun_mechanism", option: "slide" }, { question: "family", option: "handgun" }], undefined, "answer_after_end", 1],
    ["an answer after «unknown family»", [{ question: "family", option: KEY_UNKNOWN }, { question: "handgun_mechanism", option: "slide" }], undefined, "answer_after_end", 1],
    ["a first answer not at the given start", [{ question: "family", option: "handgun" }], "handgun_mechanism", "wrong_question", 0],
    ["a missing option", [{ question: "family" }], undefined, "malformed_answer", 0],
    ["a non-object answer", ["family=handgun"], undefined, "malformed_answer", 0],
    ["a null answer", [null], undefined, "malformed_answer", 0],
    ["a numeric option", [{ question: "family", option: 1 }], undefined, "malformed_answer", 0],
    ["an unknown start", [], "caliber", "unknown_question", 0],
  ];

  it.each(refused)("refuses %s", (_, answers, start, reason, index) => {
    let thrown: unknown;
    try {
      walkKey(answers as KeyAnswer[], start as KeyQuestionId | undefined);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidKeyAnswersError);
    expect(thrown).toMatchObject({ name: "InvalidKeyAnswersError", reason, index });
  });

  it("refuses a non-array", () => {
    expect(() => walkKey("family" as unknown as KeyAnswer[])).toThrow(InvalidKeyAnswersError);
  });
});

describe("orderCandidates", () => {
  // A low-tier pistol photo as the issue describes it: revolver on top, but the family is surely handgun.
  const pistolPhoto: Partial<Record<TypologyKey, number>> = {
    revolver: 0.73,
    pistolet_semi_auto_moderne: 0.2,
    autre_pistolet: 0.02,
    pistolet_mecanisme_ancien: 0.01,
    epaule_a_pompe: 0.03,
    epaule_a_verrou: 0.01,
  };

  it("puts the confident family's typologies first, by probability", () => {
    expect(orderCandidates({ probabilities: pistolPhoto, family: "handgun", familyConfidence: 0.96 })).toEqual([
      "revolver",
      "pistolet_semi_auto_moderne",
      "autre_pistolet",
      "pistolet_mecanisme_ancien",
    ]);
  });

  it("keeps the plain probability order when the family is not confident", () => {
    expect(orderCandidates({ probabilities: pistolPhoto, family: "handgun", familyConfidence: 0.89 })).toEqual([
      "revolver",
      "pistolet_semi_auto_moderne",
      "epaule_a_pompe",
      "autre_pistolet",
    ]);
  });

  it("treats the threshold as inclusive", () => {
    const probabilities = { epaule_a_pompe: 0.5, revolver: 0.4, epaule_a_verrou: 0.1 };
    const atThreshold = orderCandidates({
      probabilities,
      family: "handgun",
      familyConfidence: FAMILY_CONFIDENCE_THRESHOLD,
      limit: 2,
    });
    expect(atThreshold).toEqual(["revolver", "pistolet_semi_auto_moderne"]);
    const below = orderCandidates({ probabilities, family: "handgun", familyConfidence: FAMILY_CONFIDENCE_THRESHOLD - 0.001, limit: 2 });
    expect(below).toEqual(["epaule_a_pompe", "revolver"]);
    expect(isFamilyConfident(0.9)).toBe(true);
    expect(isFamilyConfident(0.8999)).toBe(false);
    expect(isFamilyConfident(0.5, 0.5)).toBe(true);
  });

  it("fills with the other family when the confident family has fewer typologies than cards", () => {
    expect(
      orderCandidates({ probabilities: pistolPhoto, family: "handgun", familyConfidence: 0.96, limit: 6 }),
    ).toEqual(["revolver", "pistolet_semi_auto_moderne", "autre_pistolet", "pistolet_mecanisme_ancien", "epaule_a_pompe", "epaule_a_verrou"]);
  });

  it("shows only long guns when confident about a long gun and asking for four", () => {
    const cards = orderCandidates({
      probabilities: { revolver: 0.05, epaule_a_pompe: 0.45, epaule_semi_auto_style_chasse: 0.4, epaule_a_verrou: 0.1 },
      family: "long_gun",
      familyConfidence: 0.95,
    });
    expect(cards).toHaveLength(DEFAULT_CANDIDATE_CARDS);
    expect(cards.slice(0, 3)).toEqual(["epaule_a_pompe", "epaule_semi_auto_style_chasse", "epaule_a_verrou"]);
    expect(cards.every((key) => TYPOLOGIES[key].family === "long_gun")).toBe(true);
  });

  it("breaks ties in catalogue order and counts missing probabilities as zero", () => {
    expect(orderCandidates({ probabilities: {}, limit: 3 })).toEqual(["revolver", "pistolet_semi_auto_moderne", "autre_pistolet"]);
    expect(orderCandidates({ probabilities: { epaule_mecanisme_ancien: 0.5, revolver: 0.5 }, limit: 2 })).toEqual([
      "revolver",
      "epaule_mecanisme_ancien",
    ]);
  });

  it("ignores the family when no confidence is given", () => {
    expect(orderCandidates({ probabilities: pistolPhoto, family: "long_gun", limit: 1 })).toEqual(["revolver"]);
  });

  it("returns at most the twelve typologies", () => {
    expect(orderCandidates({ probabilities: pistolPhoto, limit: 50 })).toHaveLength(12);
  });

  it.each([
    ["a zero limit", { probabilities: {}, limit: 0 }],
    ["a fractional limit", { probabilities: {}, limit: 2.5 }],
    ["an unknown typology", { probabilities: { musket: 1 } }],
    ["a probability above 1", { probabilities: { revolver: 1.2 } }],
    ["a NaN probability", { probabilities: { revolver: Number.NaN } }],
    ["a family confidence above 1", { probabilities: {}, family: "handgun", familyConfidence: 1.5 }],
    ["a threshold below 0", { probabilities: {}, family: "handgun", familyConfidence: 0.5, familyThreshold: -1 }],
    ["an unknown family", { probabilities: {}, family: "rifle", familyConfidence: 1 }],
  ])("refuses %s", (_, input) => {
    expect(() => orderCandidates(input as Parameters<typeof orderCandidates>[0])).toThrow(RangeError);
  });
});
