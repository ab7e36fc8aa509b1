import path from "node:path";
import { fileURLToPath } from "node:url";
import { BACKBONE_FILE_NAME } from "./backbone/backbone-spec.ts";

/** The monorepo root (packages/ml/src -> ../../..). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Where model versions and the generated backbone live. */
export const MODELS_DIR = path.join(REPO_ROOT, "models");
export const DEFAULT_BACKBONE_PATH = path.join(MODELS_DIR, "backbone", BACKBONE_FILE_NAME);

/** Feature cache for training (gitignored). */
export const CACHE_DIR = path.join(REPO_ROOT, ".cache", "ml");

/** Read-only photo datasets: env DATASETS_DIR, else ../shared/datasets next to the repository. */
export function datasetsDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.DATASETS_DIR;
  if (configured && configured.trim() !== "") return path.resolve(REPO_ROOT, configured);
  return path.resolve(REPO_ROOT, "../shared/datasets");
}
