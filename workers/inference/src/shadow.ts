import type { Db } from "@basegun/db";
import type { IdentificationAnswers } from "@basegun/domain";
import type { ModelProvider } from "./model-provider.ts";
import { predictWith } from "./predict.ts";

/**
 * Runs the `shadow` alias's model on a case production has just answered, and stores its prediction
 * with shadow = true: never shown to the officer, never routed to an expert (openReviewForPrediction
 * ignores shadow rows), only compared (the api's shadow report). A failure here is logged and never
 * fails the officer's job. Returns whether a shadow prediction was stored.
 */
export async function runShadow(
  deps: { db: Db; shadow: ModelProvider; onError?: (error: unknown) => void },
  job: { caseId: string; photoRevision: number; answers: IdentificationAnswers; images: Buffer[]; productionVersionId: string },
): Promise<boolean> {
  try {
    const stored = await deps.shadow.withModelIfPresent(async (model) => {
      // the same version as production would collide with the served row, and measure nothing
      if (model.modelVersionId === job.productionVersionId) return false;
      const prediction = await predictWith(model, job.images, job.answers);
      await deps.db.prediction.upsert({
        where: { caseId_modelVersionId_photoRevision: { caseId: job.caseId, modelVersionId: model.modelVersionId, photoRevision: job.photoRevision } },
        create: { caseId: job.caseId, modelVersionId: model.modelVersionId, photoRevision: job.photoRevision, shadow: true, ...prediction },
        update: {},
      });
      return true;
    });
    return stored ?? false;
  } catch (error) {
    deps.onError?.(error);
    return false;
  }
}
