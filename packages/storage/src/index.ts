export { assertSafeKey, LocalPhotoStore, PhotoNotFoundError, photoKeys, type PhotoStore, type StoredObject } from "./photo-store.ts";
export { acceptPhoto, detectImageType, PhotoIntakeError, UPLOAD_LIMITS, type AcceptedPhoto, type IntakeErrorCode } from "./intake.ts";
export { resolveRepoPath, resolveStorageDir } from "./storage-dir.ts";
export { photoStoreFromEnv, refineStorageEnv, s3ConfigFromEnv, storageEnv, storageEnvFrom, type StorageEnv } from "./store-config.ts";
export type { S3StoreConfig } from "./s3-photo-store.ts";
