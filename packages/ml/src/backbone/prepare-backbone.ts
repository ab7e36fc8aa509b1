import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { convertNsfwjsMidToOnnx } from "./convert-nsfwjs.ts";
import { loadNsfwjsMidModelFiles } from "./nsfwjs-model-files.ts";

/**
 * sha256 of the ONNX file the converter produces from nsfwjs@4.3.0 with protobufjs@6.11.4. Model
 * manifests record it, so a head is never run on a backbone other than the one it was trained on.
 * Update it only together with a deliberate converter change (and retrain the heads).
 */
export const EXPECTED_BACKBONE_SHA256 = "95e1ba9d12be1bd13e84b75afbae5683e083b8376ce12246015fd8535fc26af5";

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export async function fileSha256(filePath: string): Promise<string | undefined> {
  try {
    return sha256Hex(await readFile(filePath));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

export interface PreparedBackbone {
  path: string;
  sha256: string;
  action: "already-present" | "written";
  convertMs?: number;
}

/**
 * Makes sure the converted backbone exists at `targetPath` with the expected content. Idempotent: a
 * file with the right sha256 is left alone; a missing or different one is regenerated atomically.
 */
export async function prepareBackbone(targetPath: string): Promise<PreparedBackbone> {
  const existing = await fileSha256(targetPath);
  if (existing === EXPECTED_BACKBONE_SHA256) return { path: targetPath, sha256: existing, action: "already-present" };

  const started = performance.now();
  const bytes = convertNsfwjsMidToOnnx(loadNsfwjsMidModelFiles());
  const convertMs = performance.now() - started;
  const sha256 = sha256Hex(bytes);
  if (sha256 !== EXPECTED_BACKBONE_SHA256) {
    throw new Error(
      `Converted backbone has sha256 ${sha256}, expected ${EXPECTED_BACKBONE_SHA256}: the nsfwjs or protobufjs version changed, ` +
        "or the converter did. Check parity (test/backbone-parity.test.ts), then update EXPECTED_BACKBONE_SHA256 and retrain heads.",
    );
  }
  await mkdir(path.dirname(targetPath), { recursive: true });
  const temporaryPath = `${targetPath}.${process.pid}.tmp`;
  await writeFile(temporaryPath, bytes);
  await rename(temporaryPath, targetPath);
  return { path: targetPath, sha256, action: "written", convertMs };
}
