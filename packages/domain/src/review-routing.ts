import type { Tier } from "./notice.ts";

/** Why a case goes to an expert. One reason per review; the strongest one wins (see REASON_ORDER). */
export const REVIEW_REASONS = ["officer_request", "officer_identified", "low_confidence", "category_needs_answer", "quality_sample"] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export type PredictionOutcome = "identified" | "not_determined" | "no_firearm";

/** The admin-editable part of routing (stored versioned in RoutingPolicy). */
export interface RoutingRules {
  /** Tiers that always go to an expert. */
  reviewTiers: readonly Tier[];
  /** Tiers from which a random quality sample is drawn. */
  sampleTiers: readonly Tier[];
}

export const DEFAULT_ROUTING_RULES: RoutingRules = { reviewTiers: ["low"], sampleTiers: ["high"] };

/** 5 % of high-tier cases are checked by an expert unless an admin sets another rate. */
export const DEFAULT_QUALITY_SAMPLE_RATE = 0.05;

export interface ReviewRoutingInput {
  /** null when there is no prediction yet (the officer asked before the result, or it failed). */
  tier: Tier | null;
  status: PredictionOutcome | null;
  /** The category still depends on a question the officer said they cannot answer. */
  categoryQuestionsOpen: boolean;
  officerRequested: boolean;
  /**
   * The officer said which weapon it is (cards or visual key) since the last expert decision: an expert
   * confirms or corrects it, whatever the tier (the officer's choice is never final on its own).
   */
  officerIdentified?: boolean;
  /** Share of sampled tiers sent for quality control, in [0, 1]. */
  sampleRate: number;
  /** A uniform draw in [0, 1): the caller owns randomness so that the decision stays testable. */
  random: number;
  rules?: RoutingRules;
}

/**
 * Whether a case needs an expert, and why. Order matters: an officer's explicit request beats
 * everything; then the officer's own identification (even of a photo without a prediction yet, or one
 * the model called "no firearm": the officer has the weapon in hand); a low tier is a stronger reason than an open category question; sampling only applies to
 * cases nothing else sends. "No firearm detected" is not routed on its tier: the officer is asked to
 * take the photo again (they may still ask an expert).
 */
export function decideReview(input: ReviewRoutingInput): ReviewReason | null {
  const rules = input.rules ?? DEFAULT_ROUTING_RULES;
  if (!(Number.isFinite(input.sampleRate) && input.sampleRate >= 0 && input.sampleRate <= 1)) {
    throw new RangeError(`sampleRate must be in [0, 1], got ${input.sampleRate}`);
  }
  if (!(Number.isFinite(input.random) && input.random >= 0 && input.random < 1)) {
    throw new RangeError(`random must be in [0, 1), got ${input.random}`);
  }
  if (input.officerRequested) return "officer_request";
  if (input.officerIdentified) return "officer_identified";
  if (input.tier === null || input.status === null || input.status === "no_firearm") return null;
  if (rules.reviewTiers.includes(input.tier)) return "low_confidence";
  if (input.categoryQuestionsOpen) return "category_needs_answer";
  if (rules.sampleTiers.includes(input.tier) && input.random < input.sampleRate) return "quality_sample";
  return null;
}

/**
 * Queue priority, higher first: urgent cases above all, then the more uncertain (0–100 from the
 * confidence, unknown counts as most uncertain). Age breaks ties in the queue's ordering.
 */
export function reviewPriority(input: { urgent: boolean; confidence: number | null }): number {
  const confidence = input.confidence === null || !Number.isFinite(input.confidence) ? 0 : Math.min(1, Math.max(0, input.confidence));
  return (input.urgent ? 1000 : 0) + Math.round((1 - confidence) * 100);
}
