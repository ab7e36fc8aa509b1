import { createHash } from "node:crypto";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { LocalPhotoStore, PhotoNotFoundError, photoKeys } from "../src/photo-store.ts";
import { S3PhotoStore } from "../src/s3-photo-store.ts";
import { photoStoreFromEnv, refineStorageEnv, storageEnv, storageEnvFrom } from "../src/store-config.ts";
import { startTestS3 } from "../src/testing.ts";

let s3: Awaited<ReturnType<typeof startTestS3>>;
let store: S3PhotoStore;

beforeAll(async () => {
  s3 = await startTestS3();
  store = new S3PhotoStore(s3.config);
});
afterAll(async () => {
  store.close();
  await s3.close();
});

const raw = () => new S3Client({ endpoint: s3.endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
const sha = (b: Buffer | Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("S3PhotoStore against an S3-compatible server", () => {
  it("stores, reads and deletes by key, byte for byte", async () => {
    const { originalKey, derivativeKey } = photoKeys("ckcases3", "0b9e7f2a-1111-4222-8333-944445555666", "png");
    const original = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
    await store.put(originalKey, original);
    await store.put(derivativeKey, Buffer.from("derivative"));
    expect(sha(await store.get(originalKey))).toBe(sha(original));
    expect((await store.get(derivativeKey)).toString()).toBe("derivative");
    await store.delete(originalKey);
    await expect(store.get(originalKey)).rejects.toBeInstanceOf(PhotoNotFoundError);
    await store.delete(originalKey); // deleting twice is fine, as on disk
  });

  it("keeps originals (possible evidence) in their own bucket, derivatives in the photos bucket, with their type", async () => {
    const { originalKey, derivativeKey } = photoKeys("ckbuckets", "1b9e7f2a-1111-4222-8333-944445555666", "webp");
    await store.put(originalKey, Buffer.from("o"));
    await store.put(derivativeKey, Buffer.from("d"));
    const client = raw();
    const original = await client.send(new GetObjectCommand({ Bucket: "evidence", Key: originalKey }));
    expect(original.ContentType).toBe("image/webp");
    await expect(client.send(new GetObjectCommand({ Bucket: "photos", Key: originalKey }))).rejects.toThrow();
    expect((await client.send(new GetObjectCommand({ Bucket: "photos", Key: derivativeKey }))).ContentType).toBe("image/jpeg");
    client.destroy();
  });

  it("lists the keys of each area from its own bucket, with their write time (storage reconciliation)", async () => {
    const { originalKey, derivativeKey } = photoKeys("cklisting", "2b9e7f2a-1111-4222-8333-944445555666", "jpg");
    await store.put(originalKey, Buffer.from("o"));
    await store.put(derivativeKey, Buffer.from("d"));
    const listed = async (area: "originals" | "derivatives") => {
      const found: Array<{ key: string; modifiedAt: Date }> = [];
      for await (const object of store.list(area)) found.push(object);
      return found;
    };
    const originals = await listed("originals");
    expect(originals.map((o) => o.key)).toContain(originalKey);
    expect(originals.map((o) => o.key)).not.toContain(derivativeKey);
    expect(Math.abs(originals.find((o) => o.key === originalKey)!.modifiedAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect((await listed("derivatives")).map((o) => o.key)).toContain(derivativeKey);
  });

  it("refuses keys it did not shape, before any request", async () => {
    for (const key of ["../x.jpg", "originals/../../x.jpg", "other/x.jpg", "derivatives/x.exe"]) {
      await expect(store.put(key, Buffer.from("x"))).rejects.toThrow(/invalid storage key/);
    }
  });

  it("fails within seconds, never hangs, when the service is unreachable", async () => {
    const down = new S3PhotoStore({ ...s3.config, endpoint: "http://127.0.0.1:9" });
    const started = Date.now();
    await expect(down.get("derivatives/x/y.jpg")).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(10_000);
    down.close();
  });
});

describe("storage configuration", () => {
  const check = (env: Record<string, string>) => z.object(storageEnv).superRefine(refineStorageEnv).safeParse(env);

  it("is a local directory by default", () => {
    expect(photoStoreFromEnv(storageEnvFrom({}), "/tmp/photos")).toBeInstanceOf(LocalPhotoStore);
  });

  it("names the variable to fix for an incomplete S3 configuration", () => {
    const missingBucket = check({ STORAGE_DRIVER: "s3" });
    expect(missingBucket.success).toBe(false);
    expect(missingBucket.error?.issues.map((i) => i.path.join("."))).toEqual(["S3_BUCKET"]);
    const halfKeys = check({ STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_ACCESS_KEY_ID: "id" });
    expect(halfKeys.error?.issues.map((i) => i.path.join("."))).toEqual(["S3_SECRET_ACCESS_KEY"]);
    expect(check({ STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_ENDPOINT: "not a url" }).success).toBe(false);
    expect(() => storageEnvFrom({ STORAGE_DRIVER: "s3" })).toThrow(/S3_BUCKET/);
  });

  it("builds a working S3 store from the environment, loading the SDK on first use", async () => {
    const fromEnv = photoStoreFromEnv(
      storageEnvFrom({ STORAGE_DRIVER: "s3", S3_ENDPOINT: s3.endpoint, S3_BUCKET: "photos", S3_ORIGINALS_BUCKET: "evidence", S3_ACCESS_KEY_ID: "S3RVER", S3_SECRET_ACCESS_KEY: "S3RVER" }),
      "/unused",
    );
    const { derivativeKey } = photoKeys("ckfromenv", "2b9e7f2a-1111-4222-8333-944445555666", "jpg");
    await fromEnv.put(derivativeKey, Buffer.from("env"));
    expect((await store.get(derivativeKey)).toString()).toBe("env");
  });
});
