import { createTrainingProducer, type TrainingProducer } from "@basegun/queue";
import { resolveRepoPath } from "@basegun/storage";
import type { ServiceDeps } from "../../deps.ts";

/** What the model lifecycle services need beyond the common dependencies. */
export interface LifecycleDeps {
  /** MODELS_DIR: one folder per model version (manifest.json, head.json) */
  modelsDir: string;
  /** the only place labelled folders are imported from (DATASETS_DIR, default ../shared/datasets) */
  datasetsRoot: string;
  /** where dataset exports (.tar) are written (EXPORTS_DIR, default var/exports) */
  exportsDir: string;
  /** where uploaded models wait for the training worker's validation (MODEL_UPLOADS_DIR, never served from there) */
  uploadsDir: string;
  training: TrainingProducer;
}

let fromEnvironment: LifecycleDeps | undefined;

/** The lifecycle dependencies of these service deps, from the environment unless the caller gave them. */
export function lifecycleOf(deps: ServiceDeps): LifecycleDeps {
  if (deps.lifecycle) return deps.lifecycle;
  fromEnvironment ??= lifecycleFromEnv(deps.redisUrl);
  return fromEnvironment;
}

export function lifecycleFromEnv(redisUrl: string, env: NodeJS.ProcessEnv = process.env): LifecycleDeps {
  const modelsDir = resolveRepoPath(env.MODELS_DIR, "models");
  return {
    modelsDir,
    datasetsRoot: resolveRepoPath(env.DATASETS_DIR, "../shared/datasets"),
    exportsDir: resolveRepoPath(env.EXPORTS_DIR, "var/exports"),
    uploadsDir: resolveRepoPath(env.MODEL_UPLOADS_DIR, "var/model-uploads"),
    training: createTrainingProducer(redisUrl),
  };
}
