import { assessPrediction, RULES_VERSION, type IdentificationAnswers } from "@basegun/domain";
import { ImageDecodeError } from "@basegun/ml";
import { UnrecoverableError } from "bullmq";
import type { LoadedModel } from "./model-provider.ts";

/** One model's prediction for a case's photos, as stored (production or shadow alike). */
export async function predictWith(model: LoadedModel, images: Buffer[], answers: IdentificationAnswers) {
  const started = performance.now();
  let inference;
  try {
    inference = await model.identifier.identify(images);
  } catch (e) {
    // a photo the model cannot decode will not decode better on the next attempt
    if (e instanceof ImageDecodeError) throw new UnrecoverableError(`photo unreadable: ${e.message}`);
    throw e;
  }
  const manifest = model.identifier.manifest;
  const assessment = assessPrediction({
    probabilities: inference.probabilities,
    // thresholds belong to the model: per typology where it has them (an untrained typology stays low
    // whatever the thresholds say); the family-level ones otherwise
    thresholds: manifest.thresholds.typology[inference.topTypology] ?? { medium: manifest.thresholds.medium, high: manifest.thresholds.high },
    trainedTypologies: manifest.trainedTypologies,
    noFirearmScore: inference.noFirearmScore,
    noFirearmThreshold: manifest.noFirearm.threshold,
    answers,
  });
  const latencyMs = Math.round(performance.now() - started);
  return {
    rulesVersion: RULES_VERSION,
    status: assessment.status,
    rawProbabilities: inference.rawProbabilities,
    probabilities: inference.probabilities,
    familyProbabilities: inference.familyProbabilities,
    topTypology: assessment.topCandidates[0]?.key ?? "",
    typology: assessment.typology,
    family: assessment.family,
    confidence: assessment.confidence,
    tier: assessment.tier,
    noFirearmScore: inference.noFirearmScore,
    category: assessment.category ? (assessment.category as object) : undefined,
    executionProvider: model.identifier.executionProvider,
    latencyMs,
    timings: inference.timings as object,
  };
}
