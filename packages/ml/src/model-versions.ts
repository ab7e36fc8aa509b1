import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { MODELS_DIR } from "./paths.ts";
import { MANIFEST_FILE } from "./model-files.ts";

const VERSION_PATTERN = /^\d{4}\.\d{2}\.\d{2}-\d+$/;

function compareVersions(a: string, b: string): number {
  const [dateA, runA] = a.split("-") as [string, string];
  const [dateB, runB] = b.split("-") as [string, string];
  return dateA === dateB ? Number(runA) - Number(runB) : dateA < dateB ? -1 : 1;
}

/** Model versions committed under models/ (directories named like 2026.11.25-1 with a manifest). */
export function listModelVersions(modelsDir = MODELS_DIR): string[] {
  if (!existsSync(modelsDir)) return [];
  return readdirSync(modelsDir)
    .filter((name) => VERSION_PATTERN.test(name) && existsSync(path.join(modelsDir, name, MANIFEST_FILE)))
    .sort(compareVersions);
}

export function latestModelVersion(modelsDir = MODELS_DIR): string | undefined {
  return listModelVersions(modelsDir).at(-1);
}

export function resolveModelVersionDir(version: string, modelsDir = MODELS_DIR): string {
  if (!VERSION_PATTERN.test(version)) throw new Error(`Invalid model version ${version}`);
  return path.join(modelsDir, version);
}
