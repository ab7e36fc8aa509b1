export { LocalPhotoStore, PhotoNotFoundError, photoKeys, type PhotoStore } from "./photo-store.ts";
export { acceptPhoto, detectImageType, PhotoIntakeError, UPLOAD_LIMITS, type AcceptedPhoto, type IntakeErrorCode } from "./intake.ts";
export { resolveRepoPath, resolveStorageDir } from "./storage-dir.ts";
