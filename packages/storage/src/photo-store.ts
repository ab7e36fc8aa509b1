import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";

/**
 * Where photo bytes live. Keys are server-generated (never a user's file name). Originals, which may be
 * evidence, live under a separate restricted prefix from the derivatives shown in the UI.
 */
export interface PhotoStore {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
  /** Every stored key under `originals/` or `derivatives/`, with when it was written (reconciliation). */
  list(area: "originals" | "derivatives"): AsyncIterable<StoredObject>;
}

export interface StoredObject {
  key: string;
  modifiedAt: Date;
}

export class PhotoNotFoundError extends Error {}

const SAFE_KEY = /^(originals|derivatives)\/[a-z0-9][a-z0-9/_-]*\.(jpg|png|webp)$/;

/** Every store refuses a key it did not make the shape of: nothing can escape its root or bucket. */
export function assertSafeKey(key: string): void {
  if (!SAFE_KEY.test(key) || key.includes("..")) throw new Error(`invalid storage key: ${key}`);
}

export class LocalPhotoStore implements PhotoStore {
  constructor(private readonly root: string) {}

  private resolve(key: string): string {
    assertSafeKey(key);
    return path.join(this.root, key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.resolve(key);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // write then rename: a crash never leaves a half-written photo under its final name
    const tmp = `${file}.${randomUUID()}.tmp`;
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, file);
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.resolve(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new PhotoNotFoundError(key);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.resolve(key), { force: true });
  }

  async *list(area: "originals" | "derivatives"): AsyncIterable<StoredObject> {
    const root = path.join(this.root, area);
    let entries: string[];
    try {
      entries = await readdir(root, { recursive: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
      throw e;
    }
    for (const entry of entries) {
      const key = `${area}/${entry.split(path.sep).join("/")}`;
      if (!SAFE_KEY.test(key)) continue; // folders, and temporary files of a write in progress
      const info = await stat(path.join(root, entry)).catch(() => null);
      if (info?.isFile()) yield { key, modifiedAt: info.mtime };
    }
  }
}

/** Storage keys for one photo of a case: originals keep their detected format, derivatives are JPEG. */
export function photoKeys(caseId: string, photoUuid: string, originalExt: "jpg" | "png" | "webp") {
  const prefix = `${caseId.toLowerCase()}/${photoUuid}`;
  return { originalKey: `originals/${prefix}.${originalExt}`, derivativeKey: `derivatives/${prefix}.jpg` };
}
