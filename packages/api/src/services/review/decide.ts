import type { Actor } from "@basegun/auth";
import { writeAudit } from "@basegun/db";
import { categorize, isTypologyKey, type IdentificationAnswers } from "@basegun/domain";
import type { ServiceDeps } from "../../deps.ts";
import { notFound, ServiceError } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { createDatasetItems } from "./dataset.ts";
import type { ReviewDecisionInput } from "./decision-input.ts";

export interface DecisionResult {
  reviewId: string;
  caseId: string;
  decision: ReviewDecisionInput["decision"];
  version: number;
  datasetItems: number;
  decidedAt: Date;
}

const sortedLetters = (letters: readonly string[]) => [...new Set(letters)].sort();

function confirmedLetters(typology: string, answers: IdentificationAnswers): string[] {
  if (!isTypologyKey(typology)) return [];
  try {
    return categorize(typology, answers).letters;
  } catch {
    return []; // fail closed: a rules error never invents a category
  }
}

/**
 * Saves an expert's decision once: the update names the version the expert saw and the expert's own
 * claim, so of two racing decisions exactly one matches; the other gets CONFLICT. The labelled dataset
 * items (one per photo) and the audit row commit in the same transaction, or nothing does.
 */
export async function submitReviewDecision(deps: ServiceDeps, actor: Actor, reviewId: string, input: ReviewDecisionInput): Promise<DecisionResult> {
  requireScope(actor, "review:decide");
  return deps.db.$transaction(async (tx) => {
    const review = await tx.review.findUnique({
      where: { id: reviewId },
      include: { case: { include: { photos: { orderBy: { position: "asc" } } } }, prediction: true },
    });
    if (!review) throw notFound("review");
    if (review.status === "decided") throw new ServiceError("CONFLICT", "another decision was already saved for this review", "reviewAlreadyDecided");
    if (review.claimedById !== actor.userId) throw new ServiceError("CONFLICT", "claim this review before deciding", "reviewNotHeld");

    const answers = (review.case.answers ?? {}) as IdentificationAnswers;
    let typology: string | null = null;
    let letters: string[] = [];
    // the officer's typology as it stands when the expert decides (a choice made after the decision is not judged by it)
    const officerTypology = review.case.officerChoiceAt && isTypologyKey(review.case.officerTypology ?? "") ? review.case.officerTypology : null;
    if (input.decision === "confirm") {
      // a review opened for the officer's own identification confirms the officer's typology
      const confirmed = review.reason === "officer_identified" && officerTypology ? officerTypology : (review.prediction?.topTypology ?? null);
      if (!confirmed || !isTypologyKey(confirmed)) {
        throw new ServiceError("BAD_REQUEST", "there is no model answer to confirm: correct it instead", "reviewNothingToConfirm");
      }
      typology = confirmed;
      letters = confirmedLetters(typology, answers);
    } else if (input.decision === "correct") {
      typology = input.typology;
      letters = sortedLetters(input.categoryLetters);
    }

    const decidedAt = new Date();
    const officerAgrees = officerTypology && typology !== null ? officerTypology === typology : null;
    const { count } = await tx.review.updateMany({
      where: { id: reviewId, version: input.version, status: "claimed", claimedById: actor.userId },
      data: {
        status: "decided",
        activeKey: null,
        decision: input.decision,
        correctedTypology: input.decision === "correct" ? input.typology : null,
        correctedLetters: input.decision === "correct" ? letters : [],
        correctedConditions: input.decision === "correct" ? (input.conditions ?? []) : [],
        make: input.decision === "correct" ? (input.make ?? null) : null,
        model: input.decision === "correct" ? (input.model ?? null) : null,
        calibre: input.decision === "correct" ? (input.calibre ?? null) : null,
        notes: input.notes ?? null,
        messageToOfficer: input.decision === "unusable" ? input.messageToOfficer : null,
        officerTypology,
        officerAgrees,
        decidedById: actor.userId,
        decidedAt,
        claimedUntil: null,
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      throw new ServiceError("CONFLICT", "this review changed since you opened it (another decision or claim): reload it", "reviewVersionConflict", {
        currentVersion: review.version,
      });
    }

    const datasetItems = await createDatasetItems(
      tx,
      {
        reviewId,
        caseId: review.caseId,
        labellerId: actor.userId,
        reviewReason: review.reason,
        prediction: review.prediction
          ? { id: review.prediction.id, modelVersionId: review.prediction.modelVersionId, topTypology: review.prediction.topTypology }
          : null,
        typology,
        categoryLetters: letters,
        // the officer's identification becomes a label only here, once an expert agrees with it
        source: officerAgrees === true ? "officer_confirmed" : "expert_review",
      },
      review.case.photos.map((photo) => photo.id),
    );
    await writeAudit(tx, {
      actorId: actor.userId,
      actorRole: actor.role,
      action: "review.decide",
      resourceType: "Review",
      resourceId: reviewId,
      data: {
        caseId: review.caseId,
        decision: input.decision,
        reason: review.reason,
        predictionId: review.predictionId,
        model: review.prediction ? { typology: review.prediction.topTypology, tier: review.prediction.tier } : null,
        label: { typology, categoryLetters: letters },
        officer: officerTypology ? { typology: officerTypology, agrees: officerAgrees } : null,
        version: input.version + 1,
        datasetItems,
      },
    });
    return { reviewId, caseId: review.caseId, decision: input.decision, version: input.version + 1, datasetItems, decidedAt };
  });
}
