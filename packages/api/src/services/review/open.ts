import { type Prisma, writeAudit } from "@basegun/db";
import {
  categorize,
  decideReview,
  isTypologyKey,
  reviewPriority,
  type IdentificationAnswers,
  type ReviewReason,
  type Tier,
} from "@basegun/domain";
import { createId } from "../../ids.ts";
import { expertRequestOf } from "./expert-request.ts";
import { loadActivePolicy } from "./policy.ts";

type Tx = Prisma.TransactionClient;

interface NewReview {
  caseId: string;
  predictionId: string | null;
  reason: ReviewReason;
  urgent: boolean;
  unit: string | null;
  tier: Tier | null;
  topTypology: string | null;
  confidence: number | null;
  policyVersion: number | null;
  blindGroup?: string | null;
  slot?: number;
}

/**
 * Inserts an open review unless the case already has an active one in that slot. ON CONFLICT rather
 * than a unique-violation error: an error would abort the caller's whole transaction (the worker's).
 * Returns the new review's id, or null when one was already active.
 */
export async function insertActiveReview(tx: Tx, review: NewReview): Promise<string | null> {
  const id = createId();
  const slot = review.slot ?? 1;
  const priority = reviewPriority({ urgent: review.urgent, confidence: review.confidence });
  const inserted = await tx.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "Review" ("id", "caseId", "predictionId", "reason", "status", "priority", "urgent", "unit", "tier",
      "topTypology", "confidence", "policyVersion", "blindGroup", "slot", "activeKey", "correctedLetters",
      "correctedConditions", "version", "createdAt", "updatedAt")
    VALUES (${id}, ${review.caseId}, ${review.predictionId}, CAST(${review.reason} AS "ReviewReason"), 'open', ${priority},
      ${review.urgent}, ${review.unit}, CAST(${review.tier} AS "ConfidenceTier"), ${review.topTypology}, ${review.confidence},
      ${review.policyVersion}, ${review.blindGroup ?? null}, ${slot}, ${`${review.caseId}:${slot}`}, '{}', '{}', 0, now(), now())
    ON CONFLICT ("activeKey") DO NOTHING
    RETURNING "id"`;
  const created = inserted[0]?.id ?? null;
  if (created) {
    await writeAudit(tx, {
      actorRole: "system",
      action: "review.open",
      resourceType: "Review",
      resourceId: created,
      data: { caseId: review.caseId, reason: review.reason, predictionId: review.predictionId, policyVersion: review.policyVersion, slot },
    });
  }
  return created;
}

/** Does the category, with the officer's answers, still hang on a question they said they cannot answer? */
export function categoryNeedsExpertAnswer(typology: string | null, answers: IdentificationAnswers, answersIncomplete: boolean): boolean {
  if (!typology || !isTypologyKey(typology)) return false;
  const unknownMechanism = answers.revolverMechanism === "unknown";
  if (!answersIncomplete && !unknownMechanism) return false;
  try {
    return categorize(typology, answers).questions.length > 0;
  } catch {
    return false;
  }
}

/** Which prediction to route: by id, by model version, or the row itself when the caller has just written it. */
export type PredictionRef =
  | { caseId: string; predictionId: string }
  | { caseId: string; modelVersionId: string }
  | { caseId: string; prediction: RoutedPrediction };

type RoutedPrediction = Pick<Prisma.PredictionGetPayload<object>, "id" | "caseId" | "shadow" | "tier" | "status" | "typology" | "topTypology" | "confidence">;

export interface RoutingOutcome {
  reason: ReviewReason | null;
  /** reviews opened by this call (two for a blind double review) */
  reviewIds: string[];
}

async function findPrediction(tx: Tx, ref: PredictionRef): Promise<RoutedPrediction | null> {
  if ("prediction" in ref) return ref.prediction.caseId === ref.caseId ? ref.prediction : null;
  return tx.prediction.findFirst({
    where: "predictionId" in ref ? { id: ref.predictionId, caseId: ref.caseId } : { caseId: ref.caseId, modelVersionId: ref.modelVersionId },
  });
}

/**
 * Routing after a prediction is stored. Call it inside the transaction that stores the prediction, so the
 * review exists exactly when the result does. Idempotent: a retried job finds the review it opened.
 * `random` is injectable for tests; production draws Math.random().
 *
 * The inference worker calls it in processIdentify's transaction, after the case is marked done, with
 * the prediction row it has just written (one query fewer on every identification):
 *   await openReviewForPrediction(tx, { caseId: found.id, prediction: stored });
 */
export async function openReviewForPrediction(
  tx: Tx,
  ref: PredictionRef,
  options: { random?: () => number; allowSampling?: boolean } = {},
): Promise<RoutingOutcome> {
  const random = options.random ?? Math.random;
  const prediction = await findPrediction(tx, ref);
  // a shadow model's prediction never routes: the officer did not see it
  if (!prediction || prediction.shadow) return { reason: null, reviewIds: [] };
  // the case as it is now, inside the transaction (the officer may have answered meanwhile), and its
  // reviews in one read: a case has a handful at most
  const theCase = await tx.case.findUnique({
    where: { id: prediction.caseId },
    include: { reviews: { select: { id: true, activeKey: true, slot: true, predictionId: true, status: true, decidedAt: true, urgent: true } } },
  });
  if (!theCase) return { reason: null, reviewIds: [] };

  const active = theCase.reviews.find((review) => review.activeKey !== null && review.slot === 1);
  if (active) {
    // the officer asked before the result came: attach the prediction so the expert sees it
    if (active.predictionId === null) {
      await tx.review.update({
        where: { id: active.id },
        data: {
          predictionId: prediction.id,
          tier: prediction.tier,
          topTypology: prediction.topTypology,
          confidence: prediction.confidence,
          priority: reviewPriority({ urgent: active.urgent, confidence: prediction.confidence }),
        },
      });
    }
    return { reason: null, reviewIds: [] };
  }
  if (theCase.reviews.some((review) => review.predictionId === prediction.id)) return { reason: null, reviewIds: [] };

  const policy = await loadActivePolicy(tx);
  const answers = (theCase.answers ?? {}) as IdentificationAnswers;
  const request = expertRequestOf(theCase.expertRequest);
  const lastDecidedAt = Math.max(0, ...theCase.reviews.flatMap((review) => (review.status === "decided" && review.decidedAt ? [review.decidedAt.getTime()] : [])));
  // a request already answered by an expert does not route again
  const officerRequested = request !== null && !(lastDecidedAt > 0 && lastDecidedAt >= new Date(request.requestedAt).getTime());
  const reason = decideReview({
    tier: prediction.tier,
    status: prediction.status,
    categoryQuestionsOpen: categoryNeedsExpertAnswer(prediction.typology, answers, theCase.answersIncomplete),
    officerRequested,
    sampleRate: options.allowSampling === false ? 0 : policy.qualitySampleRate,
    random: random(),
    rules: { reviewTiers: policy.reviewTiers, sampleTiers: policy.sampleTiers },
  });
  if (!reason) return { reason: null, reviewIds: [] };

  const base: NewReview = {
    caseId: theCase.id,
    predictionId: prediction.id,
    reason,
    urgent: theCase.urgency === "urgent",
    unit: theCase.unit,
    tier: prediction.tier,
    topTypology: prediction.topTypology,
    confidence: prediction.confidence,
    policyVersion: reason === "officer_request" ? null : policy.version,
  };
  const double = reason === "quality_sample" && random() < policy.doubleReviewRate;
  const blindGroup = double ? createId() : null;
  const reviewIds: string[] = [];
  for (const slot of double ? [1, 2] : [1]) {
    const id = await insertActiveReview(tx, { ...base, blindGroup, slot });
    if (id) reviewIds.push(id);
  }
  return { reason, reviewIds };
}
