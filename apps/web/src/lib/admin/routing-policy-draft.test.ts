import { describe, expect, it } from "vitest";
import { draftFromPolicy, policyInput, type PolicyDraft } from "./routing-policy-draft";

const policy = { version: 3, reviewTiers: ["low" as const], sampleTiers: ["medium" as const, "high" as const], qualitySampleRate: 0.05, doubleReviewRate: 0.1, claimTtlSeconds: 600 };
const draft = (overrides: Partial<PolicyDraft>): PolicyDraft => ({ ...draftFromPolicy(policy), ...overrides });

describe("routing policy form", () => {
  it("shows rates as percent and the claim time in minutes", () => {
    expect(draftFromPolicy(policy)).toEqual({ reviewTiers: ["low"], sampleTiers: ["medium", "high"], samplePercent: "5", doublePercent: "10", claimMinutes: "10", note: "" });
  });

  it("round-trips an unchanged policy to the same values", () => {
    expect(policyInput(draftFromPolicy(policy), 3)).toEqual({
      input: { expectedVersion: 3, reviewTiers: ["low"], sampleTiers: ["medium", "high"], qualitySampleRate: 0.05, doubleReviewRate: 0.1, claimTtlSeconds: 600 },
    });
  });

  it.each<[string, Partial<PolicyDraft>, string]>([
    ["negative sample rate", { samplePercent: "-1" }, "samplePercent"],
    ["sample rate above 100", { samplePercent: "100.5" }, "samplePercent"],
    ["empty sample rate", { samplePercent: " " }, "samplePercent"],
    ["text double rate", { doublePercent: "beaucoup" }, "doublePercent"],
    ["claim under a minute", { claimMinutes: "0.5" }, "claimMinutes"],
    ["claim over two hours", { claimMinutes: "121" }, "claimMinutes"],
  ])("refuses %s", (_name, overrides, problem) => {
    expect(policyInput(draft(overrides), 3)).toEqual({ problem });
  });

  it.each<[Partial<PolicyDraft>, Record<string, unknown>]>([
    [{ samplePercent: "2,5" }, { qualitySampleRate: 0.025 }],
    [{ samplePercent: "0", doublePercent: "100" }, { qualitySampleRate: 0, doubleReviewRate: 1 }],
    [{ claimMinutes: "120" }, { claimTtlSeconds: 7200 }],
    [{ claimMinutes: "1" }, { claimTtlSeconds: 60 }],
    [{ reviewTiers: ["medium"] }, { reviewTiers: ["low", "medium"] }],
    [{ sampleTiers: ["high", "low"] }, { sampleTiers: ["low", "high"] }],
    [{ note: "  pilote  " }, { note: "pilote" }],
  ])("%j → %j", (overrides, expected) => {
    const result = policyInput(draft(overrides), 3);
    expect("input" in result && result.input).toMatchObject(expected);
  });
});
