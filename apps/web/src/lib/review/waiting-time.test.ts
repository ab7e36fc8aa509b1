import { describe, expect, it } from "vitest";
import { formatCountdown, formatWaiting, secondsLeft } from "./waiting-time";

describe("formatWaiting", () => {
  it.each<[number, string, string]>([
    [0, "fr", "0 s"],
    [59, "fr", "59 s"],
    [60, "fr", "1 min"],
    [3599, "fr", "59 min"],
    [3600, "fr", "1 h 00"],
    [3 * 3600 + 5 * 60, "fr", "3 h 05"],
    [86_399, "fr", "23 h 59"],
    [86_400, "fr", "1 j 0 h"],
    [2 * 86_400 + 4 * 3600, "en", "2 d 4 h"],
    [-5, "fr", "0 s"],
  ])("%d s in %s → %s", (seconds, locale, expected) => {
    expect(formatWaiting(seconds, locale)).toBe(expected);
  });
});

describe("claim countdown", () => {
  it.each<[number, string]>([
    [600, "10:00"],
    [545, "9:05"],
    [0, "0:00"],
    [-30, "0:00"],
  ])("%d s → %s", (seconds, expected) => {
    expect(formatCountdown(seconds)).toBe(expected);
  });

  it("counts from now, negative once expired", () => {
    const now = Date.parse("2026-01-01T10:00:00Z");
    expect(secondsLeft("2026-01-01T10:05:00Z", now)).toBe(300);
    expect(secondsLeft(new Date("2026-01-01T09:59:00Z"), now)).toBe(-60);
    expect(secondsLeft(null, now)).toBeNull();
  });
});
