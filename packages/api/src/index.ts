export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from "./root.ts";
export { createTRPCContext, SERVICE_UNAVAILABLE_MESSAGE, type TRPCContext } from "./trpc.ts";
export { getServiceDeps, caseUpdatesOf, type ServiceDeps } from "./deps.ts";
export { ServiceError, type ServiceErrorCode } from "./errors.ts";
export { createId } from "./ids.ts";
export { answersSchema, caseContextSchema, caseIdSchema, photoKindSchema } from "./schemas.ts";
export { createIdentification, createIdentificationOnce, type CreatedIdentification, type NewIdentification } from "./services/identification/create.ts";
export { parseIdempotencyKey } from "./services/identification/idempotency.ts";
export { getIdentification, listIdentifications } from "./services/identification/read.ts";
export { saveAnswers } from "./services/identification/answers.ts";
export { setOfficerChoice } from "./services/identification/officer-choice.ts";
export { officerChoiceInputSchema, resolveOfficerChoice, type OfficerChoiceInput, type ResolvedOfficerChoice } from "./services/identification/officer-choice-input.ts";
export { retryIdentification } from "./services/identification/retry.ts";
export { getPhotoForViewer } from "./services/identification/photos.ts";
export { watchIdentification } from "./services/identification/watch.ts";
export { waitForIdentification, MAX_WAIT_SECONDS } from "./services/identification/wait.ts";
export { caseViewInclude, loadCaseRow } from "./services/identification/case-row.ts";
export { acceptPhotos } from "./services/identification/intake.ts";
export { addMarkingsPhoto, markingsProducerOf, startMarkingsReadings, type MarkingsPhoto } from "./services/identification/markings.ts";
export { type MarkingsReadingView, type MarkingsMatchView } from "./services/identification/markings-view.ts";
export { getIdentificationStatus, isFinalStatus, readCaseState, type CaseState, type IdentificationStatus } from "./services/identification/status.ts";
export { addPhotos, type AddedPhotos } from "./services/identification/add-photos.ts";
export type {
  IdentificationView,
  IdentificationSummary,
  IdentificationResult,
  TypologyRef,
  ExpertReviewState,
  ExpertVerdict,
  PhotoRequest,
  OfficerChoice,
  CaseListState,
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
// model lifecycle (admin): datasets, training runs, registry, aliases, monitoring
export { lifecycleOf, lifecycleFromEnv, type LifecycleDeps } from "./services/lifecycle/lifecycle-deps.ts";
export { SPLIT_RULE, splitOfKey, importSplitKey, type Split } from "./services/lifecycle/split-rule.ts";
export {
  computeEvaluationMetrics,
  asEvaluationMetrics,
  assessItem,
  type EvaluationMetrics,
  type EvaluatedItem,
  type TierPolicy,
} from "./services/lifecycle/evaluation-metrics.ts";
export { labelKeyOf } from "./services/lifecycle/label-key.ts";
export { trainingParametersSchema, type TrainingParameters, type UploadRunParameters } from "./services/lifecycle/training-parameters.ts";
export { checkUpload, MODEL_VERSION_PATTERN } from "./services/lifecycle/upload.ts";
export { driftWarnings, DRIFT_RULES, type DriftWarning } from "./services/lifecycle/drift.ts";
export type { DatasetStats } from "./services/lifecycle/dataset-stats.ts";
export type { DatasetItemView } from "./services/lifecycle/dataset-items.ts";
export type { DatasetVersionView } from "./services/lifecycle/dataset-versions.ts";
export type { FrozenVersion, DatasetVersionCounts } from "./services/lifecycle/freeze.ts";
export type { DatasetExport } from "./services/lifecycle/export.ts";
export type { ImportResult } from "./services/lifecycle/import-folder.ts";
export type { TrainingRunSummary, TrainingRunDetail } from "./services/lifecycle/training-runs.ts";
export type { ModelVersionSummary, ModelVersionDetail } from "./services/lifecycle/model-versions.ts";
export type { Comparison, PromotionPreview } from "./services/lifecycle/compare.ts";
export type { AliasMove, AliasEventView } from "./services/lifecycle/aliases.ts";
export type { VersionMonitoring } from "./services/lifecycle/monitoring.ts";
export type { ShadowReport } from "./services/lifecycle/shadow-report.ts";
export { getDatasetStats } from "./services/lifecycle/dataset-stats.ts";
export { listDatasetItems } from "./services/lifecycle/dataset-items.ts";
export { listDatasetVersions, getDatasetVersion } from "./services/lifecycle/dataset-versions.ts";
export { freezeDatasetVersion } from "./services/lifecycle/freeze.ts";
export { exportDatasetVersion } from "./services/lifecycle/export.ts";
export { importLabelledFolder } from "./services/lifecycle/import-folder.ts";
export { startTraining, startEvaluation, cancelRun, listTrainingRuns, getTrainingRun } from "./services/lifecycle/training-runs.ts";
export { uploadModel } from "./services/lifecycle/upload.ts";
export { listModelVersions, getModelVersion, predictionLineage } from "./services/lifecycle/model-versions.ts";
export { compareModels, promotionPreview } from "./services/lifecycle/compare.ts";
export { promoteModel, rollbackProduction, setShadow, clearShadow, aliasHistory, aliasAt } from "./services/lifecycle/aliases.ts";
export { getMonitoring } from "./services/lifecycle/monitoring.ts";
export { getShadowReport } from "./services/lifecycle/shadow-report.ts";
export { UploadLimiter } from "./services/identification/upload-limiter.ts";
export { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from "./services/identification/upload-limits.ts";
export { listApiKeys, createApiKey, renameApiKey, revokeApiKey, type ApiKeyView } from "./services/api-keys/manage.ts";
