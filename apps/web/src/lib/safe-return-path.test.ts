import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-return-path";

describe("safeReturnPath", () => {
  it.each([
    ["/", "/"],
    ["/identifications/abc", "/identifications/abc"],
    ["/en/securing?x=1", "/en/securing?x=1"],
  ])("keeps the same-site path %j", (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });

  it.each([["//evil.example"], ["https://evil.example/"], ["/\\evil.example"], ["/\t/evil.example"], ["evil"], [""], [null], [42]])(
    "refuses %j",
    (value) => {
      expect(safeReturnPath(value, "/fallback")).toBe("/fallback");
    },
  );
});
