import { dateFromJson, prismaRunner, writeAudit, type Prisma, type SqlRunner } from "@basegun/db";
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
import { DEFAULT_ROUTING_POLICY, type RoutingPolicyView } from "./policy.ts";

/**
 * Where routing runs: inside the ORM's transaction (officer and expert actions) or inside the worker's
 * plain-SQL transaction (every identification; see @basegun/db's sql.ts for why). Its statements are
 * plain SQL so that both share one implementation.
 */
type Tx = Prisma.TransactionClient | SqlRunner;
const runnerOf = (tx: Tx): SqlRunner => ("query" in tx ? tx : prismaRunner(tx));

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
  const sql = runnerOf(tx);
  const inserted = await sql.query<{ id: string }>(
    `INSERT INTO "Review" ("id", "caseId", "predictionId", "reason", "status", "priority", "urgent", "unit", "tier",
      "topTypology", "confidence", "policyVersion", "blindGroup", "slot", "activeKey", "correctedLetters",
      "correctedConditions", "version", "createdAt", "updatedAt")
    VALUES ($1, $2, $3, CAST($4 AS "ReviewReason"), 'open', $5, $6, $7, CAST($8 AS "ConfidenceTier"), $9, $10, $11, $12, $13, $14,
      '{}', '{}', 0, now(), now())
    ON CONFLICT ("activeKey") DO NOTHING
    RETURNING "id"`,
    [id, review.caseId, review.predictionId, review.reason, priority, review.urgent, review.unit, review.tier, review.topTypology,
      review.confidence, review.policyVersion, review.blindGroup ?? null, slot, `${review.caseId}:${slot}`],
  );
  const created = inserted[0]?.id ?? null;
  if (created) {
    await writeAudit(sql, {
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
  | { caseId: string; modelVersionId: string; photoRevision?: number }
  | { caseId: string; prediction: RoutedPrediction };

type RoutedPrediction = Pick<Prisma.PredictionGetPayload<object>, "id" | "caseId" | "shadow" | "tier" | "status" | "typology" | "topTypology" | "confidence">;

export interface RoutingOutcome {
  reason: ReviewReason | null;
  /** reviews opened by this call (two for a blind double review) */
  reviewIds: string[];
}

async function findPrediction(sql: SqlRunner, ref: PredictionRef): Promise<RoutedPrediction | null> {
  if ("prediction" in ref) return ref.prediction.caseId === ref.caseId ? ref.prediction : null;
  // by id; or by model version, on one photo revision when given (the latest otherwise)
  const [where, values] =
    "predictionId" in ref
      ? [`"id" = $2`, [ref.predictionId]]
      : ref.photoRevision === undefined
        ? [`"modelVersionId" = $2`, [ref.modelVersionId]]
        : [`"modelVersionId" = $2 AND "photoRevision" = $3`, [ref.modelVersionId, ref.photoRevision]];
  const rows = await sql.query<RoutedPrediction>(
    `SELECT "id", "caseId", "shadow", "tier"::text AS "tier", "status"::text AS "status", "typology", "topTypology", "confidence"
     FROM "Prediction" WHERE "caseId" = $1 AND ${where} ORDER BY "createdAt" DESC LIMIT 1`,
    [ref.caseId, ...values],
  );
  return rows[0] ?? null;
}

interface RoutingCase {
  id: string;
  unit: string | null;
  urgency: "normal" | "urgent";
  answers: unknown;
  expertRequest: unknown;
  answersIncomplete: boolean;
  officerChoiceAt: Date | null;
  reviews: Array<{ id: string; activeKey: string | null; slot: number; predictionId: string | null; status: string; decidedAt: Date | null; urgent: boolean }>;
  policy: RoutingPolicyView;
}

/**
 * The case as it is now, inside the transaction (the officer may have answered meanwhile), its reviews
 * (a handful at most) and the routing policy in force, in one statement.
 */
async function readRoutingCase(sql: SqlRunner, caseId: string): Promise<RoutingCase | null> {
  const rows = await sql.query<Omit<RoutingCase, "reviews" | "policy" | "officerChoiceAt"> & { officerChoiceAt: string | null; reviews: Array<RoutingCase["reviews"][number] & { decidedAt: string | null }>; policy: (Omit<RoutingPolicyView, "createdAt"> & { createdAt: string }) | null }>(
    `SELECT c."id", c."unit", c."urgency"::text AS "urgency", c."answers", c."expertRequest", c."answersIncomplete",
       to_json(c."officerChoiceAt") AS "officerChoiceAt",
       coalesce((SELECT json_agg(json_build_object('id', r."id", 'activeKey', r."activeKey", 'slot', r."slot", 'predictionId', r."predictionId",
           'status', r."status", 'decidedAt', r."decidedAt", 'urgent', r."urgent")) FROM "Review" r WHERE r."caseId" = c."id"), '[]'::json) AS "reviews",
       (SELECT row_to_json(p) FROM (SELECT "version", "reviewTiers", "sampleTiers", "qualitySampleRate", "doubleReviewRate", "claimTtlSeconds",
           "note", "createdById", "createdAt" FROM "RoutingPolicy" ORDER BY "version" DESC LIMIT 1) p) AS "policy"
     FROM "Case" c WHERE c."id" = $1`,
    [caseId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    ...row,
    officerChoiceAt: dateFromJson(row.officerChoiceAt),
    reviews: row.reviews.map((review) => ({ ...review, decidedAt: dateFromJson(review.decidedAt) })),
    policy: row.policy ? { ...row.policy, createdAt: dateFromJson(row.policy.createdAt) } : DEFAULT_ROUTING_POLICY,
  };
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
  const sql = runnerOf(tx);
  const prediction = await findPrediction(sql, ref);
  // a shadow model's prediction never routes: the officer did not see it
  if (!prediction || prediction.shadow) return { reason: null, reviewIds: [] };
  const theCase = await readRoutingCase(sql, prediction.caseId);
  if (!theCase) return { reason: null, reviewIds: [] };

  const active = theCase.reviews.find((review) => review.activeKey !== null && review.slot === 1);
  if (active) {
    // the officer asked before the result came: attach the prediction so the expert sees it
    if (active.predictionId === null) {
      await sql.query(
        `UPDATE "Review" SET "predictionId" = $2, "tier" = CAST($3 AS "ConfidenceTier"), "topTypology" = $4, "confidence" = $5,
           "priority" = $6, "updatedAt" = now() WHERE "id" = $1`,
        [active.id, prediction.id, prediction.tier, prediction.topTypology, prediction.confidence, reviewPriority({ urgent: active.urgent, confidence: prediction.confidence })],
      );
    }
    return { reason: null, reviewIds: [] };
  }
  if (theCase.reviews.some((review) => review.predictionId === prediction.id)) return { reason: null, reviewIds: [] };

  const policy = theCase.policy;
  const answers = (theCase.answers ?? {}) as IdentificationAnswers;
  const request = expertRequestOf(theCase.expertRequest);
  const lastDecidedAt = Math.max(0, ...theCase.reviews.flatMap((review) => (review.status === "decided" && review.decidedAt ? [review.decidedAt.getTime()] : [])));
  // a request already answered by an expert does not route again
  const officerRequested = request !== null && !(lastDecidedAt > 0 && lastDecidedAt >= new Date(request.requestedAt).getTime());
  // likewise the officer's own identification, once an expert has decided after it
  const officerIdentified = theCase.officerChoiceAt !== null && !(lastDecidedAt > 0 && lastDecidedAt >= theCase.officerChoiceAt.getTime());
  const reason = decideReview({
    tier: prediction.tier,
    status: prediction.status,
    categoryQuestionsOpen: categoryNeedsExpertAnswer(prediction.typology, answers, theCase.answersIncomplete),
    officerRequested,
    officerIdentified,
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
    policyVersion: reason === "officer_request" || reason === "officer_identified" ? null : policy.version,
  };
  const double = reason === "quality_sample" && random() < policy.doubleReviewRate;
  const blindGroup = double ? createId() : null;
  const reviewIds: string[] = [];
  for (const slot of double ? [1, 2] : [1]) {
    const id = await insertActiveReview(sql, { ...base, blindGroup, slot });
    if (id) reviewIds.push(id);
  }
  return { reason, reviewIds };
}
