import type { Actor } from "@basegun/auth";
import { writeAudit } from "@basegun/db";
import {
  decideExpertCategory,
  ExpertCategoryError,
  isTypologyKey,
  rankCandidates,
  type ExpertCategory,
  type IdentificationAnswers,
  type TypologyKey,
} from "@basegun/domain";
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

const EXPERT_CATEGORY_KEYS = {
  overrideNeedsExplanation: "reviewOverrideNeedsExplanation",
  overrideNeedsLetters: "reviewOverrideNeedsLetters",
  notClassifiedNeedsReplicaAnswer: "reviewNotClassifiedNeedsReplica",
} as const;

/** The category of the decision, from the rules; a refusal says what is missing in the UI's words. */
function expertCategory(typology: TypologyKey, answers: IdentificationAnswers, override: { letters: ("A" | "B" | "C" | "D")[]; explanation: string } | undefined): ExpertCategory {
  try {
    return decideExpertCategory({ typology, answers, override: override ?? null });
  } catch (e) {
    if (e instanceof ExpertCategoryError) throw new ServiceError("BAD_REQUEST", e.message, EXPERT_CATEGORY_KEYS[e.problem]);
    if (e instanceof RangeError) throw new ServiceError("BAD_REQUEST", e.message, "reviewInvalidAnswers");
    throw e;
  }
}

/**
 * The typology a confirmation names: one of the model's candidates (ties included) or the officer's own
 * typology when the review was opened for it; by default the officer's typology, else the model's top one.
 */
function confirmedTypology(
  prediction: { topTypology: string; probabilities: unknown } | null,
  chosen: TypologyKey | undefined,
  officerProposal: TypologyKey | null,
): TypologyKey {
  const candidates = prediction ? rankCandidates((prediction.probabilities ?? {}) as Record<string, number>) : [];
  if (chosen !== undefined && chosen === officerProposal) return chosen;
  if (chosen === undefined) {
    if (officerProposal) return officerProposal;
    if (!prediction || !isTypologyKey(prediction.topTypology)) {
      throw new ServiceError("BAD_REQUEST", "there is no model answer to confirm: correct it instead", "reviewNothingToConfirm");
    }
    return prediction.topTypology;
  }
  if (!candidates.some((candidate) => candidate.key === chosen)) {
    throw new ServiceError("BAD_REQUEST", `${chosen} is not one of the model's candidates: correct it instead`, "reviewNotACandidate");
  }
  return chosen;
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

    // the expert answers the officer's questions again: their answers complete or correct the officer's
    const caseAnswers = (review.case.answers ?? {}) as IdentificationAnswers;
    // the officer's typology as it stands when the expert decides (a choice made after the decision is not judged by it)
    const officerTypology: TypologyKey | null =
      review.case.officerChoiceAt && review.case.officerTypology && isTypologyKey(review.case.officerTypology) ? review.case.officerTypology : null;
    let typology: TypologyKey | null = null;
    let category: ExpertCategory | null = null;
    let answers: IdentificationAnswers | null = null;
    if (input.decision !== "unusable") {
      // a review opened for the officer's own identification confirms the officer's typology by default
      const officerProposal = review.reason === "officer_identified" ? officerTypology : null;
      typology = input.decision === "confirm" ? confirmedTypology(review.prediction, input.typology, officerProposal) : input.typology;
      answers = { ...caseAnswers, ...input.answers };
      category = expertCategory(typology, answers, input.override);
    }
    const letters: string[] = category?.letters ?? [];
    const ruleConditions = category && !category.overridden ? category.rules.conditions.map((condition) => condition.fr) : [];
    const conditions = [...ruleConditions, ...(input.decision === "correct" ? (input.conditions ?? []) : [])];

    const decidedAt = new Date();
    const officerAgrees = officerTypology && typology !== null ? officerTypology === typology : null;
    const { count } = await tx.review.updateMany({
      where: { id: reviewId, version: input.version, status: "claimed", claimedById: actor.userId },
      data: {
        status: "decided",
        activeKey: null,
        decision: input.decision,
        // the typology decided: the correction's, or the candidate confirmed
        correctedTypology: typology,
        correctedLetters: letters,
        correctedConditions: conditions,
        expertAnswers: answers === null ? undefined : (answers as object),
        rulesLetters: category?.rules.letters ?? [],
        rulesVersion: category?.rules.rulesVersion ?? null,
        categoryOverride: category?.overridden ?? false,
        overrideExplanation: category?.explanation ?? null,
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
        category: category
          ? { rules: category.rules.letters, rulesVersion: category.rules.rulesVersion, override: category.overridden ? { letters, explanation: category.explanation } : null }
          : null,
        version: input.version + 1,
        datasetItems,
      },
    });
    return { reviewId, caseId: review.caseId, decision: input.decision, version: input.version + 1, datasetItems, decidedAt };
  });
}
