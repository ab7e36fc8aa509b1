import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import path from "node:path";

/**
 * Backbone features on disk, keyed by photo content (sha256) and by everything that changes them
 * (backbone file hash, preprocessing), so retraining a head never re-runs the backbone.
 * Each entry holds the layers of the original view then of its mirror, float32.
 */
export class FeatureCache {
  readonly directory: string;
  constructor(cacheRoot: string, readonly signature: { backboneSha256: string; preprocessing: object; layers: readonly string[] }) {
    const key = createHash("sha256").update(JSON.stringify(signature)).digest("hex").slice(0, 16);
    this.directory = path.join(cacheRoot, "features", `${signature.backboneSha256.slice(0, 12)}-${key}`);
  }

  private entryPath(photoSha256: string): string {
    return path.join(this.directory, photoSha256.slice(0, 2), `${photoSha256}.f32`);
  }

  async get(photoSha256: string, expectedLength: number): Promise<Float32Array | undefined> {
    try {
      const bytes = await readFile(this.entryPath(photoSha256));
      if (bytes.byteLength !== expectedLength * 4) return undefined;
      return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async set(photoSha256: string, values: Float32Array): Promise<void> {
    const target = this.entryPath(photoSha256);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    await rename(temporary, target);
  }
}
