// Public API of @basegun/ml: image preprocessing, the converted backbone, model manifests and the
// case identifier. Training lives in src/training (used by scripts and the training worker).
export {
  BACKBONE_FILE_NAME,
  BACKBONE_ID,
  BACKBONE_INPUT_SIZE,
  BLOCK16_DIM,
  FEATURES_DIM,
  type BackboneLayer,
} from "./backbone/backbone-spec.ts";
export { convertNsfwjsMidToOnnx } from "./backbone/convert-nsfwjs.ts";
export { loadNsfwjsMidModelFiles } from "./backbone/nsfwjs-model-files.ts";
export { EXPECTED_BACKBONE_SHA256, prepareBackbone, fileSha256, sha256Hex, type PreparedBackbone } from "./backbone/prepare-backbone.ts";
export { ImageDecodeError, type ImageDecodeFailure } from "./image/image-decode-error.ts";
export { DEFAULT_PREPROCESS_OPTIONS, mirrorHorizontally, preprocessImage, toNhwcBatch, type PreparedImage, type PreprocessOptions } from "./image/preprocess.ts";
export { ModelManifestSchema, parseModelManifest, type ModelManifest } from "./manifest.ts";
export { HEAD_FILE, MANIFEST_FILE, writeModelVersion } from "./model-files.ts";
export { HeadFileSchema, evaluateHead, loadHead, type HeadFile, type LinearHead } from "./head/linear-head.ts";
export { familyProbabilities, softmax, sigmoid } from "./head/probabilities.ts";
export { createSessionOptions, openSession, type ExecutionProvider, type OpenedSession, type SessionTuning } from "./runtime/session.ts";
export { openBackbone, type BackboneRunner } from "./runtime/backbone-runner.ts";
export { assertServablePreprocessing, backbonePathOf, loadIdentifier, preprocessOptionsOf, type CaseInference, type Identifier, type LoadIdentifierOptions, type PhotoInference } from "./runtime/identifier.ts";
export { caseTiers, tierFor, type CaseTiers, type ConfidenceTier } from "./runtime/tiers.ts";
export { assessForModel, type ModelPolicy } from "./runtime/assess.ts";
export { DEFAULT_BACKBONE_PATH, MODELS_DIR, datasetsDir } from "./paths.ts";
export { resolveModelVersionDir, latestModelVersion } from "./model-versions.ts";

// Evaluation (pnpm model:eval): labelled-photo CSVs, the report.
export { NO_FIREARM_LABEL, parseLabelledCsv, readLabelledCsv, type LabelledPhoto, type PhotoLabel } from "./data/labelled-csv.ts";
export { buildEvalReport, type EvalReport, type EvaluatedPhoto } from "./evaluation/eval-report.ts";
export { evaluateCsv, type CsvEvaluation } from "./evaluation/evaluate-csv.ts";

// Training (used by scripts/train.ts and the training worker).
export { FIELD_LABEL_WEIGHT, isFieldSource, PLATFORM_FIELD_SOURCES } from "./training/field-labels.ts";
export { FINE_TUNED_BACKBONE_FILE, TYPOLOGY_LABEL_L2_GRID, runTrainingPipeline, nextModelVersion, type TrainingPipelineOptions, type TrainingMetrics } from "./training/train-pipeline.ts";
export { collectSamples, type CollectSamplesOptions, type CollectedSamples } from "./training/collect-samples.ts";
export { loadExtraSource, loadTrainingPhotos } from "./training/datasets.ts";
export { calibrationFittedOn, policyOfTrainedHead, trainHead, scoreSamples, DEFAULT_TRAIN_HEAD_OPTIONS, type TrainHeadOptions, type TrainedHead } from "./training/train-head.ts";
export { buildTestReport, type TestReport } from "./training/test-report.ts";
export { chooseGateThreshold, type GateThresholdChoice } from "./training/gate-threshold.ts";
export { wilsonInterval } from "./training/statistics.ts";
export { FeatureCache } from "./training/feature-cache.ts";
export { extractFeatures, type ExtractedFeatures } from "./training/extract-features.ts";
export { expectedCalibrationError, fitTemperature } from "./training/calibration.ts";
export type { LabelledSample } from "./training/samples.ts";
export { CURRENT_PIPELINE_SETTINGS, isSupportedPipeline, PREPROCESS_PIPELINE_VERSION, PREPROCESS_PIPELINES, type PreprocessFit, type PreprocessPipeline } from "./image/preprocess.ts";
export { capabilitiesOf, lostCapabilities, noFirearmLossMessage, UNREACHABLE_NO_FIREARM_THRESHOLD, type LostCapabilities, type ModelCapabilities } from "./capabilities.ts";
