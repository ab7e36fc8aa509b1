import { assessPrediction, type Assessment, type IdentificationAnswers } from "@basegun/domain";
import type { TypologyKey } from "../domain.ts";
import type { ModelManifest } from "../manifest.ts";

export type ModelPolicy = Pick<ModelManifest, "thresholds" | "trainedTypologies" | "noFirearm">;

/**
 * The platform's verdict on one model output, computed exactly as the inference worker does
 * (workers/inference/src/process-identify.ts): the domain's assessPrediction with the top typology's
 * own thresholds when the model has them, the family-level ones otherwise, the model's
 * trainedTypologies (any other typology is capped to the low tier) and its no-firearm threshold.
 * Evaluation goes through this function so that measured tiers are the tiers officers see.
 */
export function assessForModel(policy: ModelPolicy, output: { probabilities: Record<TypologyKey, number>; noFirearmScore: number }, answers: IdentificationAnswers = {}): Assessment {
  const top = (Object.entries(output.probabilities) as [TypologyKey, number][]).reduce((best, next) => (next[1] > best[1] ? next : best))[0];
  return assessPrediction({
    probabilities: output.probabilities,
    thresholds: policy.thresholds.typology[top] ?? { medium: policy.thresholds.medium, high: policy.thresholds.high },
    trainedTypologies: policy.trainedTypologies,
    noFirearmScore: output.noFirearmScore,
    noFirearmThreshold: policy.noFirearm.threshold,
    answers,
  });
}
