import type { Family, TypologyKey } from "../domain.ts";
import type { ModelManifest } from "../manifest.ts";
import type { CaseInference } from "./identifier.ts";

export type ConfidenceTier = "low" | "medium" | "high";

export function tierFor(confidence: number, thresholds: { medium: number; high: number }): ConfidenceTier {
  if (confidence >= thresholds.high) return "high";
  if (confidence >= thresholds.medium) return "medium";
  return "low";
}

export interface CaseTiers {
  /** The photo(s) look like no firearm: nothing should be claimed. */
  noFirearm: boolean;
  family: { family: Family; confidence: number; tier: ConfidenceTier };
  /** Always "low" for a typology the model has no direct labels for (manifest.trainedTypologies). */
  typology: { typology: TypologyKey; confidence: number; tier: ConfidenceTier };
}

/** Applies a model version's own thresholds (they belong to the model, not to the platform). */
export function caseTiers(inference: CaseInference, manifest: ModelManifest): CaseTiers {
  const noFirearm = inference.noFirearmScore > manifest.noFirearm.threshold;
  const familyTier = noFirearm ? "low" : tierFor(inference.familyConfidence, manifest.thresholds);
  const typologyThresholds = manifest.thresholds.typology[inference.topTypology];
  const typologyTrained = manifest.trainedTypologies.includes(inference.topTypology) && typologyThresholds !== undefined;
  const typologyTier = noFirearm || !typologyTrained ? "low" : tierFor(inference.confidence, typologyThresholds);
  return {
    noFirearm,
    family: { family: inference.topFamily, confidence: inference.familyConfidence, tier: familyTier },
    typology: { typology: inference.topTypology, confidence: inference.confidence, tier: typologyTier },
  };
}
