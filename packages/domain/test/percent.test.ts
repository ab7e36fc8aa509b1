import { describe, expect, it } from "vitest";
import { formatPercent, formatProbability, percentTenths } from "../src/percent.ts";

describe("formatPercent: one rounding for every screen", () => {
  it.each([
    [0.908438, "fr", "90,8\u00a0%"],
    [0.798923, "fr", "79,9\u00a0%"],
    [0.798923, "en", "79.9\u00a0%"],
    [1, "fr", "100\u00a0%"],
    [0, "fr", "0\u00a0%"],
    [0.12345, "fr", "12,3\u00a0%"],
    [0.00049, "fr", "0\u00a0%"],
    [0.9995, "fr", "100\u00a0%"],
    [null, "fr", "—"],
    [undefined, "fr", "—"],
    [Number.NaN, "fr", "—"],
  ])("%s (%s) reads %s", (rate, locale, text) => {
    expect(formatPercent(rate as number | null | undefined, locale)).toBe(text);
  });

  it("compares on what is shown", () => {
    expect(percentTenths(0.908438)).toBe(908);
    expect(percentTenths(0.90849)).toBe(908);
    expect(percentTenths(0.90851)).toBe(909);
  });
});

describe("formatProbability: a model's probability never reads as certainty", () => {
  it.each([
    [0.9996, "fr", "> 99,9\u00a0%"],
    [1, "en", "> 99.9\u00a0%"],
    [0.9994, "fr", "99,9\u00a0%"],
    [0.908438, "fr", "90,8\u00a0%"],
    [0.0006, "fr", "0,1\u00a0%"],
    [0.00049, "fr", "< 0,1\u00a0%"],
    [0, "en", "< 0.1\u00a0%"],
    [null, "fr", "—"],
    [Number.NaN, "fr", "—"],
  ])("%s (%s) reads %s", (probability, locale, text) => {
    expect(formatProbability(probability as number | null, locale)).toBe(text);
  });
});
