import { z } from "zod";
import { caseIdSchema } from "../schemas.ts";
import { claimNextReview, claimReview, releaseReview } from "../services/review/claim.ts";
import { submitReviewDecision } from "../services/review/decide.ts";
import { reviewDecisionSchema } from "../services/review/decision-input.ts";
import { getReviewDetail } from "../services/review/detail.ts";
import { getReviewMeasures } from "../services/review/measures.ts";
import { getRoutingPolicy, updateRoutingPolicy } from "../services/review/policy.ts";
import { listQueue } from "../services/review/queue.ts";
import { queueFiltersSchema } from "../services/review/queue-filters.ts";
import { createTRPCRouter, scopedProcedure } from "../trpc.ts";

const reviewIdSchema = caseIdSchema;
const byIdInput = z.object({ id: reviewIdSchema });
const tierSchema = z.enum(["low", "medium", "high"]);

const claimOutput = z.object({ reviewId: z.string(), caseId: z.string(), claimedUntil: z.date(), version: z.number().int() });

export const listQueueInput = queueFiltersSchema.extend({
  view: z.enum(["waiting", "claimed", "mine", "active"]).optional(),
  cursor: reviewIdSchema.optional(),
  limit: z.number().int().min(1).max(200).optional(),
});

export const routingPolicyInput = z
  .object({
    expectedVersion: z.number().int().min(0),
    reviewTiers: z.array(tierSchema).max(3),
    sampleTiers: z.array(tierSchema).max(3),
    qualitySampleRate: z.number().min(0).max(1),
    doubleReviewRate: z.number().min(0).max(1),
    /** one minute to two hours */
    claimTtlSeconds: z.number().int().min(60).max(7200),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((p) => p.reviewTiers.includes("low"), { message: "low-tier results must always go to an expert", path: ["reviewTiers"] });

export const measuresInput = z.object({ days: z.number().int().min(1).max(365).optional(), bucket: z.enum(["hour", "day"]).optional() }).default({});

/** The expert review loop: queue, claims, decisions, routing policy, measures. */
export const reviewRouter = createTRPCRouter({
  queue: scopedProcedure("review:read")
    .input(listQueueInput.default({}))
    .query(({ ctx, input }) => listQueue(ctx.deps, ctx.actor, input)),

  byId: scopedProcedure("review:read")
    .input(byIdInput)
    .query(({ ctx, input }) => getReviewDetail(ctx.deps, ctx.actor, input.id)),

  claimNext: scopedProcedure("review:claim")
    .input(queueFiltersSchema.extend({ afterReviewId: reviewIdSchema.optional() }).default({}))
    .output(claimOutput.nullable())
    .mutation(({ ctx, input }) => claimNextReview(ctx.deps, ctx.actor, input)),

  claim: scopedProcedure("review:claim")
    .input(byIdInput)
    .output(claimOutput)
    .mutation(({ ctx, input }) => claimReview(ctx.deps, ctx.actor, input.id)),

  release: scopedProcedure("review:claim")
    .input(byIdInput)
    .output(z.object({ reviewId: z.string(), version: z.number().int() }))
    .mutation(({ ctx, input }) => releaseReview(ctx.deps, ctx.actor, input.id)),

  decide: scopedProcedure("review:decide")
    .input(z.object({ id: reviewIdSchema, decision: reviewDecisionSchema }))
    .mutation(({ ctx, input }) => submitReviewDecision(ctx.deps, ctx.actor, input.id, input.decision)),

  measures: scopedProcedure("review:measures")
    .input(measuresInput)
    .query(({ ctx, input }) => getReviewMeasures(ctx.deps, ctx.actor, input)),

  policy: scopedProcedure("routing:manage").query(({ ctx }) => getRoutingPolicy(ctx.deps, ctx.actor)),

  updatePolicy: scopedProcedure("routing:manage")
    .input(routingPolicyInput)
    .mutation(({ ctx, input }) => updateRoutingPolicy(ctx.deps, ctx.actor, input)),
});
