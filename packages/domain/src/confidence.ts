import type { IdentificationAnswers } from "./answers.ts";
import { categorize, type CategoryResult } from "./category.ts";
import {
  INTELLIGENCE_VALUE_NOTICE,
  NO_FIREARM_TIER_MESSAGE,
  tierMessage,
  type Tier,
  type TierMessage,
} from "./notice.ts";
import type { LocalizedText } from "./text.ts";
import { FAMILIES, TYPOLOGIES, TYPOLOGY_KEYS, isTypologyKey, type Family, type TypologyKey } from "./typologies.ts";

export type { Tier } from "./notice.ts";

/** Both bounds inclusive from below: confidence ≥ medium is medium, ≥ high is high. */
export interface TierThresholds {
  medium: number;
  high: number;
}

/** The prototype's YOLOv8 thresholds. Thresholds belong to a model version: each model is calibrated differently. */
export const PROTOTYPE_TIER_THRESHOLDS: TierThresholds = { medium: 0.76, high: 0.98 };

/** Softmax outputs in float32 sum to 1 within rounding; anything further off is not a distribution. */
export const PROBABILITY_SUM_TOLERANCE = 0.005;

const TIER_RANK: Record<Tier, number> = { low: 0, medium: 1, high: 2 };

function assertProbability(value: number, what: string): void {
  if (!(Number.isFinite(value) && value >= 0 && value <= 1)) {
    throw new RangeError(`${what} must be a number in [0, 1], got ${value}`);
  }
}

function assertThresholds(thresholds: TierThresholds): void {
  assertProbability(thresholds.medium, "thresholds.medium");
  assertProbability(thresholds.high, "thresholds.high");
  if (thresholds.medium > thresholds.high) {
    throw new RangeError(`thresholds.medium (${thresholds.medium}) exceeds thresholds.high (${thresholds.high})`);
  }
}

export function tierFor(confidence: number, thresholds: TierThresholds): Tier {
  assertProbability(confidence, "confidence");
  assertThresholds(thresholds);
  if (confidence >= thresholds.high) return "high";
  if (confidence >= thresholds.medium) return "medium";
  return "low";
}

export function isTierAtLeast(tier: Tier, minimum: Tier): boolean {
  return TIER_RANK[tier] >= TIER_RANK[minimum];
}

export interface Candidate {
  key: TypologyKey;
  probability: number;
}

export interface AssessmentNotice extends TierMessage {
  intelligenceValue: LocalizedText;
}

export interface Assessment {
  status: "identified" | "not_determined" | "no_firearm";
  /** null whenever the tier is low (or no firearm was detected). */
  typology: TypologyKey | null;
  topCandidates: Candidate[];
  confidence: number;
  tier: Tier;
  /** Family with the largest summed probability; null when no firearm was detected. */
  family: Family | null;
  familyConfidence: number;
  /** Never a category without a typology above low. */
  category: CategoryResult | null;
  notice: AssessmentNotice;
}

export interface PredictionInput {
  probabilities: Partial<Record<TypologyKey, number>>;
  thresholds: TierThresholds;
  /** Typologies the model was trained on: any other cannot be trusted above "low". */
  trainedTypologies: readonly TypologyKey[];
  noFirearmScore?: number;
  noFirearmThreshold?: number;
  answers?: IdentificationAnswers;
}

function validCandidates(probabilities: Partial<Record<TypologyKey, number>>): Candidate[] {
  const candidates: Candidate[] = [];
  for (const [key, probability] of Object.entries(probabilities)) {
    if (!isTypologyKey(key)) throw new RangeError(`unknown typology "${key}" in probabilities`);
    if (probability === undefined) continue;
    assertProbability(probability, `probability of ${key}`);
    candidates.push({ key, probability });
  }
  const sum = candidates.reduce((total, candidate) => total + candidate.probability, 0);
  if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
    throw new RangeError(`probabilities must sum to 1 (±${PROBABILITY_SUM_TOLERANCE}), got ${sum}`);
  }
  // Ties break on catalogue order so the same input always gives the same answer.
  return candidates.sort(
    (a, b) => b.probability - a.probability || TYPOLOGY_KEYS.indexOf(a.key) - TYPOLOGY_KEYS.indexOf(b.key),
  );
}

function bestFamily(candidates: Candidate[]): { family: Family; familyConfidence: number } {
  const totals = FAMILIES.map((family) => ({
    family,
    familyConfidence: candidates
      .filter((candidate) => TYPOLOGIES[candidate.key].family === family)
      .reduce((total, candidate) => total + candidate.probability, 0),
  }));
  return totals.reduce((best, next) => (next.familyConfidence > best.familyConfidence ? next : best));
}

/** The policy between the model's raw output and what the officer sees. */
export function assessPrediction(input: PredictionInput): Assessment {
  const candidates = validCandidates(input.probabilities);
  assertThresholds(input.thresholds);
  const top = candidates[0];
  if (top === undefined) throw new RangeError("probabilities are empty");
  const topCandidates = candidates.slice(0, 3);
  const confidence = top.probability;

  if (input.noFirearmScore !== undefined) {
    assertProbability(input.noFirearmScore, "noFirearmScore");
    if (input.noFirearmThreshold === undefined) throw new RangeError("noFirearmScore given without noFirearmThreshold");
    assertProbability(input.noFirearmThreshold, "noFirearmThreshold");
    if (input.noFirearmScore > input.noFirearmThreshold) {
      return {
        status: "no_firearm",
        typology: null,
        topCandidates,
        confidence,
        tier: "low",
        family: null,
        familyConfidence: 0,
        category: null,
        notice: { ...NO_FIREARM_TIER_MESSAGE, intelligenceValue: INTELLIGENCE_VALUE_NOTICE },
      };
    }
  }

  const trained = input.trainedTypologies.includes(top.key);
  const tier = trained ? tierFor(confidence, input.thresholds) : "low";
  const identified = tier !== "low";
  return {
    status: identified ? "identified" : "not_determined",
    typology: identified ? top.key : null,
    topCandidates,
    confidence,
    tier,
    ...bestFamily(candidates),
    category: identified ? categorize(top.key, input.answers ?? {}) : null,
    notice: { ...tierMessage(tier, confidence), intelligenceValue: INTELLIGENCE_VALUE_NOTICE },
  };
}
