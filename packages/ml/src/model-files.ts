import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { sha256Hex } from "./backbone/prepare-backbone.ts";
import { HeadFileSchema, type HeadFile } from "./head/linear-head.ts";
import { ModelManifestSchema, type ModelManifest } from "./manifest.ts";

export const MANIFEST_FILE = "manifest.json";
export const HEAD_FILE = "head.json";

/** Six significant digits: far below the noise of the features, and keeps head.json small. */
function roundForJson(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isInteger(value) ? Number(value.toPrecision(6)) : value;
}

export function serialiseHead(head: HeadFile): Buffer {
  return Buffer.from(`${JSON.stringify(HeadFileSchema.parse(head), roundForJson)}\n`, "utf8");
}

/**
 * Writes head.json then manifest.json (whose head.sha256 is filled in here), validated by their
 * schemas. The manifest goes last so a half-written directory never looks loadable.
 */
export async function writeModelVersion(modelDir: string, manifest: Omit<ModelManifest, "head"> & { head: Omit<ModelManifest["head"], "sha256" | "file"> }, head: HeadFile): Promise<ModelManifest> {
  await mkdir(modelDir, { recursive: true });
  const headBytes = serialiseHead(head);
  await writeFile(path.join(modelDir, HEAD_FILE), headBytes);
  const complete = ModelManifestSchema.parse({ ...manifest, head: { ...manifest.head, file: HEAD_FILE, sha256: sha256Hex(headBytes) } });
  await writeFile(path.join(modelDir, MANIFEST_FILE), `${JSON.stringify(complete, null, 2)}\n`);
  return complete;
}
