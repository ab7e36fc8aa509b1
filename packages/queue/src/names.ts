/** Queue names shared by producers (web, API) and consumers (workers). */
export const QUEUE_NAMES = {
  identify: "identify",
  // OCR of a close-up photo of the markings (inference worker): never part of the typology batch
  readMarkings: "read-markings",
  // training worker: train, evaluate and upload-validation runs (one TrainingRun row each)
  train: "train",
} as const;

/** Redis pub/sub channel on which a case's updates are announced (worker -> web, for live pages). */
export const caseUpdatesChannel = (caseId: string) => `basegun:case-updates:${caseId}`;
