import type { Db } from "@basegun/db";
import type { PhotoStore } from "@basegun/storage";

/** What every job of the training worker needs. */
export interface TrainingWorkerDeps {
  db: Db;
  store: PhotoStore;
  modelsDir: string;
  uploadsDir: string;
  cacheDir: string;
  backbonePath: string;
}
