export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from "./root.ts";
export { createTRPCContext, type TRPCContext } from "./trpc.ts";
export { getServiceDeps, type ServiceDeps } from "./deps.ts";
export { ServiceError, type ServiceErrorCode } from "./errors.ts";
export { answersSchema, caseContextSchema, caseIdSchema, photoKindSchema } from "./schemas.ts";
export { createIdentification, type NewIdentification } from "./services/identification/create.ts";
export { getIdentification, listIdentifications } from "./services/identification/read.ts";
export { saveAnswers } from "./services/identification/answers.ts";
export { retryIdentification } from "./services/identification/retry.ts";
export { getPhotoForViewer } from "./services/identification/photos.ts";
export { watchIdentification } from "./services/identification/watch.ts";
export { addPhotos, type AddedPhotos } from "./services/identification/add-photos.ts";
export type {
  IdentificationView,
  IdentificationSummary,
  IdentificationResult,
  TypologyRef,
  ExpertReviewState,
  ExpertVerdict,
  PhotoRequest,
} from "./services/identification/view.ts";
// expert review loop
export { openReviewForPrediction, type PredictionRef, type RoutingOutcome } from "./services/review/open.ts";
export { requestExpert } from "./services/review/request.ts";
export { expertRequestInputSchema, type ExpertRequestInput } from "./services/review/expert-request.ts";
export { listQueue, type QueueView, type QueueItem, type ListQueueOptions } from "./services/review/queue.ts";
export { queueFiltersSchema, type QueueFilters } from "./services/review/queue-filters.ts";
export { claimNextReview, claimReview, releaseReview, type ClaimResult } from "./services/review/claim.ts";
export { getReviewDetail, type ReviewDetail } from "./services/review/detail.ts";
export type { ReviewDecisionView } from "./services/review/decision-view.ts";
export { submitReviewDecision, type DecisionResult } from "./services/review/decide.ts";
export { reviewDecisionSchema, type ReviewDecisionInput } from "./services/review/decision-input.ts";
export { getRoutingPolicy, updateRoutingPolicy, loadActivePolicy, DEFAULT_ROUTING_POLICY, type RoutingPolicyView } from "./services/review/policy.ts";
export { getReviewMeasures, type ReviewMeasures } from "./services/review/measures.ts";
export { splitKeyFor } from "./services/review/dataset.ts";
