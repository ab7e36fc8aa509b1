import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LocalPhotoStore, PhotoNotFoundError, photoKeys } from "../src/photo-store.ts";

describe("LocalPhotoStore", () => {
  it("stores, reads and deletes by server-generated key", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "basegun-store-"));
    const store = new LocalPhotoStore(root);
    const { originalKey, derivativeKey } = photoKeys("ckcase123", "0b9e7f2a-1111-4222-8333-944445555666", "png");
    expect(originalKey).toBe("originals/ckcase123/0b9e7f2a-1111-4222-8333-944445555666.png");
    await store.put(originalKey, Buffer.from("abc"));
    await store.put(derivativeKey, Buffer.from("def"));
    expect((await store.get(originalKey)).toString()).toBe("abc");
    expect(await readdir(path.join(root, "originals/ckcase123"))).toHaveLength(1); // no temp file left
    await store.delete(originalKey);
    await expect(store.get(originalKey)).rejects.toBeInstanceOf(PhotoNotFoundError);
  });

  it("refuses keys that could escape the storage root", async () => {
    const store = new LocalPhotoStore("/tmp/none");
    for (const key of ["../etc/passwd", "originals/../../x.jpg", "/abs/path.jpg", "derivatives/x.exe", "other/x.jpg"]) {
      await expect(store.put(key, Buffer.from("x"))).rejects.toThrow(/invalid storage key/);
    }
  });
});

describe("resolveStorageDir", () => {
  it("keeps absolute paths and anchors relative ones at the repository root, whatever the working folder", async () => {
    const { resolveStorageDir } = await import("../src/storage-dir.ts");
    expect(resolveStorageDir("/srv/photos")).toBe("/srv/photos");
    const repoRoot = path.resolve(import.meta.dirname, "../../..");
    expect(resolveStorageDir("var/storage", path.join(repoRoot, "apps/web"))).toBe(path.join(repoRoot, "var/storage"));
    expect(resolveStorageDir(undefined, path.join(repoRoot, "workers/inference/src"))).toBe(path.join(repoRoot, "var/storage"));
  });
});
