/**
 * The routing policy form works in the units admins think in (percent, minutes); the API takes rates
 * in [0, 1] and seconds. Low-tier results always go to an expert: the form cannot drop "low".
 */
export type Tier = "low" | "medium" | "high";
export const POLICY_TIERS: readonly Tier[] = ["low", "medium", "high"];

export interface PolicyValues {
  version: number;
  reviewTiers: Tier[];
  sampleTiers: Tier[];
  qualitySampleRate: number;
  doubleReviewRate: number;
  claimTtlSeconds: number;
}

export interface PolicyDraft {
  reviewTiers: Tier[];
  sampleTiers: Tier[];
  samplePercent: string;
  doublePercent: string;
  claimMinutes: string;
  note: string;
}

export type PolicyProblem = "samplePercent" | "doublePercent" | "claimMinutes";

const roundTo = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function draftFromPolicy(policy: PolicyValues): PolicyDraft {
  return {
    reviewTiers: [...policy.reviewTiers],
    sampleTiers: [...policy.sampleTiers],
    samplePercent: String(roundTo(policy.qualitySampleRate * 100, 2)),
    doublePercent: String(roundTo(policy.doubleReviewRate * 100, 2)),
    claimMinutes: String(roundTo(policy.claimTtlSeconds / 60, 2)),
    note: "",
  };
}

// accepts "2,5" as French admins type it
const numberOf = (text: string) => (text.trim() === "" ? Number.NaN : Number(text.trim().replace(",", ".")));
const ordered = (tiers: Tier[]) => POLICY_TIERS.filter((tier) => tiers.includes(tier));

export function policyInput(
  draft: PolicyDraft,
  expectedVersion: number,
):
  | {
      input: {
        expectedVersion: number;
        reviewTiers: Tier[];
        sampleTiers: Tier[];
        qualitySampleRate: number;
        doubleReviewRate: number;
        claimTtlSeconds: number;
        note?: string;
      };
    }
  | { problem: PolicyProblem } {
  const sample = numberOf(draft.samplePercent);
  const double = numberOf(draft.doublePercent);
  const minutes = numberOf(draft.claimMinutes);
  if (!(sample >= 0 && sample <= 100)) return { problem: "samplePercent" };
  if (!(double >= 0 && double <= 100)) return { problem: "doublePercent" };
  if (!(minutes >= 1 && minutes <= 120)) return { problem: "claimMinutes" };
  const note = draft.note.trim();
  return {
    input: {
      expectedVersion,
      reviewTiers: ordered([...new Set<Tier>(["low", ...draft.reviewTiers])]),
      sampleTiers: ordered(draft.sampleTiers),
      qualitySampleRate: roundTo(sample / 100, 6),
      doubleReviewRate: roundTo(double / 100, 6),
      claimTtlSeconds: Math.round(minutes * 60),
      ...(note ? { note } : {}),
    },
  };
}
