import type { Actor } from "@basegun/auth";
import { writeAudit } from "@basegun/db";
import type { IdentificationAnswers } from "@basegun/domain";
import type { ServiceDeps } from "../../deps.ts";
import { notFound } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { openReviewForPrediction } from "../review/open.ts";
import { getIdentification } from "./read.ts";
import type { IdentificationView } from "./view.ts";

export interface SaveAnswersOptions {
  /**
   * The officer cannot answer the questions still open ("je ne sais pas"): when the category still
   * depends on them, the case goes to an expert (reason category_needs_answer).
   */
  cannotAnswer?: boolean;
}

/**
 * Stores the owner's answers to the category questions. The stored prediction stays as the model gave
 * it (reproducibility); the category shown is recomputed from the typology and these answers.
 */
export async function saveAnswers(
  deps: ServiceDeps,
  actor: Actor,
  caseId: string,
  answers: IdentificationAnswers,
  options: SaveAnswersOptions = {},
): Promise<IdentificationView> {
  requireScope(actor, "identification:answer:own");
  const updated = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.case.updateMany({
      where: { id: caseId, ownerId: actor.userId },
      data: { answers: answers as object, ...(options.cannotAnswer !== undefined ? { answersIncomplete: options.cannotAnswer } : {}) },
    });
    if (count === 0) return false;
    await writeAudit(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "identification.answers",
      resourceType: "Case",
      resourceId: caseId,
      data: { answers: answers as object, cannotAnswer: options.cannotAnswer ?? null },
    });
    const prediction = await tx.prediction.findFirst({ where: { caseId, shadow: false }, orderBy: { createdAt: "desc" }, select: { id: true } });
    // answers never draw a quality sample: saving twice must not be a second lottery ticket
    if (prediction) await openReviewForPrediction(tx, { caseId, predictionId: prediction.id }, { allowSampling: false });
    return true;
  });
  if (!updated) throw notFound("identification");
  return getIdentification(deps, actor, caseId);
}
