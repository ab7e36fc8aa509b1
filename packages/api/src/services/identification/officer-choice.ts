import type { Actor } from "@basegun/auth";
import { writeAudit } from "@basegun/db";
import type { ServiceDeps } from "../../deps.ts";
import { notFound } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { routeOfficerChoice } from "../review/officer-choice-route.ts";
import { resolveOfficerChoice, type OfficerChoiceInput } from "./officer-choice-input.ts";
import { getIdentification } from "./read.ts";
import type { IdentificationView } from "./view.ts";

/**
 * Stores the officer's own identification of the weapon (a candidate card, the visual key, or both) on
 * their case. It gives the officer a category and a securing guide at once (see the case view), and the
 * case goes to an expert with the reason officer_identified; it becomes a dataset label only when an
 * expert's decision agrees with it (see submitReviewDecision). The model's prediction stays untouched.
 * The choice, its review and both audit rows commit in one transaction.
 */
export async function setOfficerChoice(deps: ServiceDeps, actor: Actor, caseId: string, input: OfficerChoiceInput): Promise<IdentificationView> {
  requireScope(actor, "identification:answer:own");
  const choice = resolveOfficerChoice(input);
  const stored = await deps.db.$transaction(async (tx) => {
    const chosenAt = new Date();
    const { count } = await tx.case.updateMany({
      where: { id: caseId, ownerId: actor.userId },
      data: {
        officerTypology: choice.typology,
        officerFamily: choice.family,
        officerKeyAnswers: choice.keyAnswers,
        officerChoiceSource: "officer",
        officerChoiceAt: chosenAt,
        officerChoiceById: actor.userId,
      },
    });
    if (count === 0) return false;
    const routed = await routeOfficerChoice(tx, caseId);
    await writeAudit(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "identification.officer_choice",
      resourceType: "Case",
      resourceId: caseId,
      data: { typology: choice.typology, family: choice.family, keyAnswers: choice.keyAnswers, source: "officer", reviewId: routed.reviewId },
    });
    return true;
  });
  if (!stored) throw notFound("identification");
  return getIdentification(deps, actor, caseId);
}
