import { describe, expect, it } from "vitest";
import { decideReview, reviewPriority, type ReviewRoutingInput } from "../src/index.ts";

const base: ReviewRoutingInput = {
  tier: "high",
  status: "identified",
  categoryQuestionsOpen: false,
  officerRequested: false,
  sampleRate: 0.05,
  random: 0.5,
};

describe("decideReview", () => {
  it.each<[string, Partial<ReviewRoutingInput>, ReturnType<typeof decideReview>]>([
    ["high tier, nothing else: no review", {}, null],
    ["medium tier, nothing else: no review", { tier: "medium" }, null],
    ["low tier (not determined) goes to an expert", { tier: "low", status: "not_determined" }, "low_confidence"],
    ["no firearm detected is not routed on its low tier", { tier: "low", status: "no_firearm" }, null],
    ["no firearm, but the officer asks", { tier: "low", status: "no_firearm", officerRequested: true }, "officer_request"],
    ["no prediction yet, officer asks", { tier: null, status: null, officerRequested: true }, "officer_request"],
    ["no prediction yet, nobody asks", { tier: null, status: null }, null],
    ["officer request beats a low tier", { tier: "low", status: "not_determined", officerRequested: true }, "officer_request"],
    ["officer's identification of a low tier goes to an expert with its own reason", { tier: "low", status: "not_determined", officerIdentified: true }, "officer_identified"],
    ["officer's identification beats an open category question", { tier: "medium", categoryQuestionsOpen: true, officerIdentified: true }, "officer_identified"],
    ["officer's identification of a high tier (\"non\" to the model) still goes to an expert", { officerIdentified: true, random: 0.99 }, "officer_identified"],
    ["officer's identification before any prediction", { tier: null, status: null, officerIdentified: true }, "officer_identified"],
    ["officer's identification of a photo called no firearm", { tier: "low", status: "no_firearm", officerIdentified: true }, "officer_identified"],
    ["an explicit request beats the officer's identification", { tier: "low", status: "not_determined", officerIdentified: true, officerRequested: true }, "officer_request"],
    ["open category question on a medium tier", { tier: "medium", categoryQuestionsOpen: true }, "category_needs_answer"],
    ["open category question on a high tier beats sampling", { categoryQuestionsOpen: true, random: 0 }, "category_needs_answer"],
    ["low tier beats an open category question", { tier: "low", status: "not_determined", categoryQuestionsOpen: true }, "low_confidence"],
    ["high tier drawn below the rate is sampled", { random: 0.0499 }, "quality_sample"],
    ["high tier drawn exactly at the rate is not", { random: 0.05 }, null],
    ["medium tier is never sampled by default", { tier: "medium", random: 0 }, null],
    ["rate 0 samples nothing", { sampleRate: 0, random: 0 }, null],
    ["rate 1 samples everything", { sampleRate: 1, random: 0.9999 }, "quality_sample"],
    ["policy may also review medium tiers", { tier: "medium", rules: { reviewTiers: ["low", "medium"], sampleTiers: ["high"] } }, "low_confidence"],
    ["policy may sample medium tiers", { tier: "medium", random: 0.01, rules: { reviewTiers: ["low"], sampleTiers: ["medium", "high"] } }, "quality_sample"],
  ])("%s", (_name, override, expected) => {
    expect(decideReview({ ...base, ...override })).toBe(expected);
  });

  it.each([
    [{ sampleRate: -0.1 }],
    [{ sampleRate: 1.1 }],
    [{ sampleRate: Number.NaN }],
    [{ random: 1 }],
    [{ random: -0.01 }],
  ])("rejects out-of-range numbers %o", (override) => {
    expect(() => decideReview({ ...base, ...override })).toThrow(RangeError);
  });
});

describe("reviewPriority", () => {
  it.each([
    [{ urgent: true, confidence: 0.99 }, 1001],
    [{ urgent: false, confidence: 0.99 }, 1],
    [{ urgent: false, confidence: 0.2 }, 80],
    [{ urgent: false, confidence: null }, 100],
    [{ urgent: true, confidence: null }, 1100],
  ])("%o → %i", (input, expected) => {
    expect(reviewPriority(input)).toBe(expected);
  });

  it("puts any urgent case above any normal one", () => {
    expect(reviewPriority({ urgent: true, confidence: 1 })).toBeGreaterThan(reviewPriority({ urgent: false, confidence: 0 }));
  });
});
