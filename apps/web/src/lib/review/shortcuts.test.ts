import { describe, expect, it } from "vitest";
import { actionForKey, candidateIndexForKey, SHORTCUTS, type KeyPress } from "./shortcuts";

describe("actionForKey", () => {
  it.each<[string, KeyPress, ReturnType<typeof actionForKey>]>([
    ["1 picks the first candidate", { key: "1", targetTag: "BODY" }, "candidate"],
    ["3 picks the third candidate", { key: "3" }, "candidate"],
    ["typing 2 in a length field picks nothing", { key: "2", targetTag: "INPUT" }, null],
    ["a applies the decision taken on the same photo", { key: "a" }, "applyEarlier"],
    ["c confirms", { key: "c", targetTag: "BODY" }, "confirm"],
    ["C (caps) confirms", { key: "C", targetTag: "BODY" }, "confirm"],
    ["r corrects", { key: "r" }, "correct"],
    ["u asks for another photo", { key: "u" }, "unusable"],
    ["n takes the next case", { key: "n" }, "next"],
    ["Escape releases", { key: "Escape" }, "release"],
    ["+ zooms in", { key: "+" }, "zoomIn"],
    ["= (unshifted +) zooms in", { key: "=" }, "zoomIn"],
    ["- zooms out", { key: "-" }, "zoomOut"],
    ["0 resets the zoom", { key: "0" }, "zoomReset"],
    ["] next photo", { key: "]" }, "nextPhoto"],
    ["[ previous photo", { key: "[" }, "previousPhoto"],
    ["other letters do nothing", { key: "x" }, null],
    ["typing a in the typology search applies nothing", { key: "a", targetTag: "INPUT" }, null],
    ["Ctrl+C is the browser's copy", { key: "c", ctrlKey: true }, null],
    ["⌘R is the browser's reload", { key: "r", metaKey: true }, null],
    ["Alt+N is left alone", { key: "n", altKey: true }, null],
    ["a held key does not repeat the action", { key: "c", repeat: true }, null],
    ["typing c in a note does not confirm", { key: "c", targetTag: "TEXTAREA" }, null],
    ["typing in an input does not act", { key: "n", targetTag: "input" }, null],
    ["a select keeps its letters", { key: "r", targetTag: "SELECT" }, null],
    ["a contenteditable keeps its letters", { key: "u", targetTag: "DIV", targetEditable: true }, null],
    ["Escape in a field leaves the field, not the case", { key: "Escape", targetTag: "INPUT" }, "leaveField"],
  ])("%s", (_name, press, expected) => {
    expect(actionForKey(press)).toBe(expected);
  });

  it("every shortcut shown on screen does what it says", () => {
    for (const { keys, action } of SHORTCUTS) {
      for (const key of keys) expect(actionForKey({ key: key === "Esc" ? "Escape" : key })).toBe(action);
    }
  });

  it.each<[string, number | null]>([["1", 0], ["3", 2], ["9", 8], ["0", null], ["a", null], ["12", null]])("candidate key %s → %s", (key, index) => {
    expect(candidateIndexForKey(key)).toBe(index);
  });
});
