import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@basegun/db";
import { backbonePathOf, parseModelManifest } from "@basegun/ml";
import type { FeatureSettings } from "./features.ts";
import { DEFAULT_FEATURE_SETTINGS } from "./features.ts";
import { featureSettingsOf } from "./evaluate-model.ts";

/** The backbone a retraining uses, and the preprocessing that goes with it. */
export interface BaseBackbone {
  path: string;
  settings: FeatureSettings;
  /** Set when the backbone ships inside a model version (fine-tuned): the new version carries a copy. */
  bundled?: { id: string; fileName: string; fromVersion: string };
}

/**
 * In-platform retraining trains a new head on the production model's backbone: a fine-tuned backbone
 * bundled with the production version (with the preprocessing it was fine-tuned with), else the shared
 * converted one with the current preprocessing pipeline.
 */
export async function resolveBaseBackbone(deps: { db: Db; modelsDir: string; backbonePath: string }): Promise<BaseBackbone> {
  const alias = await deps.db.modelAlias.findUnique({ where: { name: "production" }, select: { modelVersion: { select: { version: true, artifactPath: true } } } });
  if (alias) {
    const modelDir = path.resolve(deps.modelsDir, alias.modelVersion.artifactPath);
    const manifest = parseModelManifest(JSON.parse(await readFile(path.join(modelDir, "manifest.json"), "utf8")));
    if (manifest.backbone.bundled) {
      return {
        path: backbonePathOf(manifest, modelDir, deps.backbonePath),
        settings: featureSettingsOf(manifest),
        bundled: { id: manifest.backbone.id, fileName: manifest.backbone.fileName, fromVersion: manifest.version },
      };
    }
  }
  return { path: deps.backbonePath, settings: DEFAULT_FEATURE_SETTINGS };
}
