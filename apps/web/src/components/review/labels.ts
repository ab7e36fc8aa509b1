/** Message keys (namespace "review") for the API's enums, in one place for every expert screen. */
export const REASON_KEYS = {
  low_confidence: "reasonLowConfidence",
  category_needs_answer: "reasonCategoryNeedsAnswer",
  officer_request: "reasonOfficerRequest",
  quality_sample: "reasonQualitySample",
  officer_identified: "reasonOfficerIdentified",
} as const;

export const TIER_KEYS = { low: "tierLow", medium: "tierMedium", high: "tierHigh" } as const;

export const TIER_STYLES = {
  high: "bg-success-light text-success",
  medium: "bg-warning-light text-warning",
  low: "bg-neutral-200 text-neutral-800",
} as const;

export const DECISION_KEYS = { confirm: "decisionConfirm", correct: "decisionCorrect", unusable: "decisionUnusable" } as const;

export const AGE_KEYS = { lt1h: "ageLt1h", "1h-24h": "age1to24h", gt24h: "ageGt24h" } as const;

export const VIEW_KEYS = { waiting: "viewWaiting", claimed: "viewClaimed", mine: "viewMine", active: "viewActive" } as const;

/** Floored like the officer's result: 0.979 reads 97 %, never 98 %. */
export const percentOf = (probability: number) => Math.floor(probability * 100 + 1e-9);

const REVIEW_ERROR_KEYS = [
  "reviewAlreadyDecided",
  "reviewNotHeld",
  "reviewVersionConflict",
  "reviewClaimedByOther",
  "reviewBlindPair",
  "reviewNothingToConfirm",
  "reviewNotACandidate",
  "reviewOverrideNeedsExplanation",
  "reviewOverrideNeedsLetters",
  "reviewNotClassifiedNeedsReplica",
  "reviewInvalidAnswers",
  "notFound",
] as const;
type ReviewErrorKey = (typeof REVIEW_ERROR_KEYS)[number] | "generic";

/** The message (namespace "review") for an API error: its own text when the key is known, else generic. */
export function reviewErrorKey(error: unknown): `errors.${ReviewErrorKey}` {
  const key = (error as { data?: { messageKey?: string | null } } | null)?.data?.messageKey;
  return `errors.${(REVIEW_ERROR_KEYS as readonly string[]).includes(key ?? "") ? (key as ReviewErrorKey) : "generic"}`;
}
