import { existsSync } from "node:fs";
import path from "node:path";

/**
 * A configured directory as an absolute path. A relative value is taken from the repository root (the
 * folder holding pnpm-workspace.yaml), not from each process's working directory: the web app and the
 * worker run from different folders and must see the same photos and models.
 */
export function resolveRepoPath(value: string | undefined, fallback: string, from: string = process.cwd()): string {
  const configured = value && value.trim() !== "" ? value : fallback;
  if (path.isAbsolute(configured)) return configured;
  let dir = from;
  while (!existsSync(path.join(/*turbopackIgnore: true*/ dir, "pnpm-workspace.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(/*turbopackIgnore: true*/ from, configured);
    dir = parent;
  }
  return path.join(/*turbopackIgnore: true*/ dir, configured);
}

/** STORAGE_DIR, default var/storage at the repository root. */
export const resolveStorageDir = (value: string | undefined, from?: string) => resolveRepoPath(value, "var/storage", from);
