import { describe, expect, it } from "vitest";
import { homePathFor } from "./home-path";

describe("homePathFor", () => {
  it.each([
    ["officer", "/"],
    ["expert", "/review"],
    ["admin", "/admin/models"],
  ] as const)("%s lands on %s", (role, path) => {
    expect(homePathFor(role)).toBe(path);
  });
});
