import { describe, expect, it } from "vitest";
import { preferredWaitSeconds } from "./prefer.ts";

describe("preferredWaitSeconds (RFC 7240 wait)", () => {
  it.each([
    [null, null],
    ["", null],
    ["wait=10", 10],
    ["WAIT = 5", 5],
    ['wait="7"', 7],
    ["respond-async, wait=12", 12],
    ["wait=3; foo=bar", 3],
    ["return=minimal", null],
    ["wait=soon", null],
    ["wait=-1", null],
    ["wait=0", 0],
    ["wait=30", 30],
    ["wait=31", 30],
    ["wait=999999", 30],
    ["wait=1234567", null],
    ["nowait=5", null],
  ])("%j → %j", (header, expected) => {
    expect(preferredWaitSeconds(header)).toBe(expected);
  });
});
