import type { Actor } from "@basegun/auth";
import { writeAudit } from "@basegun/db";
import type { IdentificationAnswers } from "@basegun/domain";
import type { ServiceDeps } from "../../deps.ts";
import { notFound } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { getIdentification } from "./read.ts";
import type { IdentificationView } from "./view.ts";

/**
 * Stores the owner's answers to the category questions. The stored prediction stays as the model gave
 * it (reproducibility); the category shown is recomputed from the typology and these answers.
 */
export async function saveAnswers(deps: ServiceDeps, actor: Actor, caseId: string, answers: IdentificationAnswers): Promise<IdentificationView> {
  requireScope(actor, "identification:answer:own");
  const updated = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.case.updateMany({ where: { id: caseId, ownerId: actor.userId }, data: { answers: answers as object } });
    if (count === 0) return false;
    await writeAudit(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "identification.answers",
      resourceType: "Case",
      resourceId: caseId,
      data: answers as object,
    });
    return true;
  });
  if (!updated) throw notFound("identification");
  return getIdentification(deps, actor, caseId);
}
