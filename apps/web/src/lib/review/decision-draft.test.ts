import { describe, expect, it } from "vitest";
import { conflictOf, correctionDraft, EMPTY_DRAFT, toDecisionInput, type DecisionDraft } from "./decision-draft";

const draft = (overrides: Partial<DecisionDraft>): DecisionDraft => ({ ...EMPTY_DRAFT, ...overrides });

describe("toDecisionInput", () => {
  it.each<[string, DecisionDraft, ReturnType<typeof toDecisionInput>]>([
    ["confirm without notes", draft({ kind: "confirm", notes: "  " }), { input: { decision: "confirm", version: 3 } }],
    ["confirm with notes", draft({ kind: "confirm", notes: " vu " }), { input: { decision: "confirm", version: 3, notes: "vu" } }],
    ["unusable needs a message", draft({ kind: "unusable", messageToOfficer: " " }), { problem: "messageMissing" }],
    [
      "unusable with a message",
      draft({ kind: "unusable", messageToOfficer: " Photographiez le côté gauche " }),
      { input: { decision: "unusable", version: 3, messageToOfficer: "Photographiez le côté gauche" } },
    ],
    ["correct needs a typology", draft({ kind: "correct", letters: ["B"] }), { problem: "typologyMissing" }],
    [
      "correct with letters in order and empty fields left out",
      draft({ kind: "correct", typology: "revolver", letters: ["D", "B"], make: " ", model: "", calibre: "" }),
      { input: { decision: "correct", version: 3, typology: "revolver", categoryLetters: ["B", "D"] } },
    ],
    [
      "correct with no letter (not classified), conditions one per line, make/model/calibre",
      draft({ kind: "correct", typology: "pistolet_semi_auto_moderne", conditions: "canon < 30 cm\n\n  capacité > 21 \n", make: "Glock", model: "17", calibre: "9x19", notes: "n" }),
      {
        input: {
          decision: "correct",
          version: 3,
          typology: "pistolet_semi_auto_moderne",
          categoryLetters: [],
          conditions: ["canon < 30 cm", "capacité > 21"],
          make: "Glock",
          model: "17",
          calibre: "9x19",
          notes: "n",
        },
      },
    ],
  ])("%s", (_name, value, expected) => {
    expect(toDecisionInput(value, 3)).toEqual(expected);
  });
});

describe("correctionDraft", () => {
  it("starts from the model's typology and letters", () => {
    expect(correctionDraft(EMPTY_DRAFT, "revolver", ["B", "D"])).toMatchObject({ kind: "correct", typology: "revolver", letters: ["B", "D"] });
  });

  it("keeps what the expert already chose", () => {
    expect(correctionDraft(draft({ typology: "epaule_a_pompe", letters: ["C"] }), "revolver", ["B"])).toMatchObject({ typology: "epaule_a_pompe", letters: ["C"] });
  });

  it("without a model answer starts empty", () => {
    expect(correctionDraft(EMPTY_DRAFT, null, null)).toMatchObject({ typology: "", letters: [] });
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
