import { describe, expect, it } from "vitest";
import { answersToDraft, conflictOf, correctionDraft, draftCategory, draftFromEarlier, EMPTY_DRAFT, toDecisionInput, type DecisionDraft } from "./decision-draft";

const draft = (overrides: Partial<DecisionDraft>): DecisionDraft => ({ ...EMPTY_DRAFT, ...overrides });

describe("toDecisionInput", () => {
  it.each<[string, DecisionDraft, ReturnType<typeof toDecisionInput>]>([
    ["confirm needs a candidate", draft({ kind: "confirm" }), { problem: "candidateMissing" }],
    [
      "confirm a candidate, with notes",
      draft({ kind: "confirm", typology: "revolver", notes: " vu " }),
      { input: { decision: "confirm", version: 3, typology: "revolver", answers: {}, notes: "vu" } },
    ],
    ["unusable needs a message", draft({ kind: "unusable", messageToOfficer: " " }), { problem: "messageMissing" }],
    [
      "unusable with a message",
      draft({ kind: "unusable", messageToOfficer: " Photographiez le côté gauche " }),
      { input: { decision: "unusable", version: 3, messageToOfficer: "Photographiez le côté gauche" } },
    ],
    ["correct needs a typology", draft({ kind: "correct" }), { problem: "typologyMissing" }],
    [
      "correct: answers parsed (French comma), empty fields left out",
      draft({ kind: "correct", typology: "epaule_a_pompe", answers: { overallLengthCm: "110,5", barrelLengthCm: "70", lengthSource: "measured", stockFixed: "true", magazineCapacity: "" }, make: " " }),
      { input: { decision: "correct", version: 3, typology: "epaule_a_pompe", answers: { overallLengthCm: 110.5, barrelLengthCm: 70, lengthSource: "measured", stockFixed: true } } },
    ],
    ["a length that is not a number stops the decision", draft({ kind: "correct", typology: "epaule_a_pompe", answers: { overallLengthCm: "abc" } }), { problem: "answersInvalid" }],
    ["an override needs an explanation", draft({ kind: "correct", typology: "epaule_a_verrou", override: true, overrideLetters: ["A"], overrideExplanation: " " }), { problem: "overrideExplanationMissing" }],
    ["an override needs a letter", draft({ kind: "correct", typology: "epaule_a_verrou", override: true, overrideLetters: [], overrideExplanation: "x" }), { problem: "overrideLettersMissing" }],
    [
      "an explained override, letters in order",
      draft({ kind: "correct", typology: "epaule_a_verrou", override: true, overrideLetters: ["B", "A"], overrideExplanation: " arme de guerre ", make: "Mauser", calibre: "8x57" }),
      { input: { decision: "correct", version: 3, typology: "epaule_a_verrou", answers: {}, override: { letters: ["A", "B"], explanation: "arme de guerre" }, make: "Mauser", calibre: "8x57" } },
    ],
  ])("%s", (_name, value, expected) => {
    expect(toDecisionInput(value, 3)).toEqual(expected);
  });
});

describe("draftCategory", () => {
  it.each<[string, DecisionDraft, string[] | string | null]>([
    ["no typology: nothing yet", draft({}), null],
    ["antique pistol: D from the rules", draft({ typology: "pistolet_mecanisme_ancien" }), ["D"]],
    ["revolver with no answer: B or D, never 'non classée'", draft({ typology: "revolver" }), ["B", "D"]],
    ["revolver firing BBs: non classée", draft({ typology: "revolver", answers: { ammunition: "bbs" } }), []],
    ["pump measured long with 4 rounds and a fixed stock: C", draft({ typology: "epaule_a_pompe", answers: { overallLengthCm: "110", barrelLengthCm: "70", lengthSource: "measured", magazineCapacity: "4", stockFixed: "true" } }), ["C"]],
    ["invalid capacity", draft({ typology: "epaule_a_pompe", answers: { magazineCapacity: "2,5" } }), "answersInvalid"],
  ])("%s", (_name, value, expected) => {
    const result = draftCategory(value);
    if (expected === null) expect(result).toBeNull();
    else if (typeof expected === "string") expect(result).toEqual({ problem: expected });
    else expect(result && "category" in result ? result.category.letters : result).toEqual(expected);
  });
});

describe("answersToDraft", () => {
  it("shows the officer's answers as typed values", () => {
    expect(answersToDraft({ overallLengthCm: 98.5, stockFixed: false, markingsText: "", ammunition: "cartridges" })).toEqual({
      overallLengthCm: "98,5",
      stockFixed: "false",
      noMarkings: "true",
      ammunition: "cartridges",
    });
  });
});

describe("correctionDraft", () => {
  it("starts from the model's typology", () => {
    expect(correctionDraft(EMPTY_DRAFT, "revolver")).toMatchObject({ kind: "correct", typology: "revolver" });
  });

  it("keeps what the expert already chose", () => {
    expect(correctionDraft(draft({ typology: "epaule_a_pompe" }), "revolver")).toMatchObject({ typology: "epaule_a_pompe" });
  });

  it("without a model answer starts empty", () => {
    expect(correctionDraft(EMPTY_DRAFT, null)).toMatchObject({ typology: "" });
  });
});

describe("conflictOf", () => {
  it.each<[unknown, ReturnType<typeof conflictOf>]>([
    [{ data: { code: "CONFLICT", messageKey: "reviewAlreadyDecided" } }, "alreadyDecided"],
    [{ data: { code: "CONFLICT", messageKey: "reviewNotHeld" } }, "notHeld"],
    [{ data: { code: "CONFLICT", messageKey: "reviewVersionConflict" } }, "changed"],
    [{ data: { code: "CONFLICT", messageKey: "reviewClaimedByOther" } }, "claimedByOther"],
    [{ data: { code: "CONFLICT", messageKey: "reviewBlindPair" } }, "blindPair"],
    [{ data: { code: "CONFLICT", messageKey: "somethingNew" } }, "changed"],
    [{ data: { code: "BAD_REQUEST", messageKey: "reviewNothingToConfirm" } }, null],
    [new Error("network"), null],
    [null, null],
  ])("%j → %s", (error, expected) => {
    expect(conflictOf(error)).toBe(expected);
  });
});

describe("draftFromEarlier", () => {
  const earlier = {
    decision: "correct" as const,
    typology: { key: "epaule_a_pompe" },
    categoryLetters: ["C"],
    make: "Remington",
    model: null,
    calibre: "12",
    messageToOfficer: null,
    override: null,
    answers: { overallLengthCm: 110, barrelLengthCm: 70, lengthSource: "measured" as const, magazineCapacity: 4, stockFixed: true },
  };

  it("a correction applies as the same correction, with its answers and make", () => {
    const applied = draftFromEarlier(draft({ answers: { ammunition: "cartridges" } }), earlier, ["revolver"]);
    expect(toDecisionInput(applied, 2)).toEqual({
      input: { decision: "correct", version: 2, typology: "epaule_a_pompe", answers: earlier.answers, make: "Remington", calibre: "12" },
    });
  });

  it("a confirmation stays one when the typology is among this case's candidates", () => {
    const applied = draftFromEarlier(draft({}), { ...earlier, decision: "confirm", answers: null }, ["epaule_a_pompe", "revolver"]);
    expect(applied).toMatchObject({ kind: "confirm", typology: "epaule_a_pompe" });
  });

  it("a confirmation of a typology this case's model did not propose becomes a correction", () => {
    expect(draftFromEarlier(draft({}), { ...earlier, decision: "confirm" }, ["revolver"])).toMatchObject({ kind: "correct", typology: "epaule_a_pompe" });
  });

  it("an override is applied with its letters and its reason", () => {
    const applied = draftFromEarlier(draft({}), { ...earlier, categoryLetters: ["A"], override: { explanation: "canon scié" } }, []);
    expect(toDecisionInput(applied, 1)).toMatchObject({ input: { override: { letters: ["A"], explanation: "canon scié" } } });
  });

  it("unusable asks the officer the same thing", () => {
    expect(draftFromEarlier(draft({}), { ...earlier, decision: "unusable", typology: null, messageToOfficer: "Autre angle" }, [])).toMatchObject({ kind: "unusable", messageToOfficer: "Autre angle" });
  });
});
