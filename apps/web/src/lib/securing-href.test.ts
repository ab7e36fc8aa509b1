import { describe, expect, it } from "vitest";
import { caseFromQuery, securingHref } from "./securing-href";

describe("securingHref", () => {
  it.each([
    [{ typology: "revolver" } as const, undefined, "/securing/revolver"],
    [{ typology: "epaule_a_pompe" } as const, "case_1", "/securing/epaule_a_pompe?case=case_1"],
    [{ family: "handgun" } as const, null, "/securing/families/handgun"],
    [{ family: "long_gun" } as const, "c-2", "/securing/families/long_gun?case=c-2"],
  ])("%j for case %s → %s", (target, caseId, href) => {
    expect(securingHref(target, caseId)).toBe(href);
  });
});

describe("caseFromQuery", () => {
  it.each([
    ["cmabc123", "cmabc123"],
    ["case_1-2", "case_1-2"],
    [null, null],
    ["", null],
    ["//evil.example", null],
    ["../admin", null],
    ["a".repeat(65), null],
  ])("%s → %s", (value, expected) => {
    expect(caseFromQuery(value)).toBe(expected);
  });
});
