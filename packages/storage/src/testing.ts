import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
// @ts-expect-error s3rver ships no types
import S3rver from "s3rver";
import type { S3StoreConfig } from "./s3-photo-store.ts";

/**
 * A real S3-compatible server for tests (s3rver: the S3 REST API over a local folder), on a free port,
 * with a photos bucket and an originals bucket. Test-only: never imported by the platform.
 */
export async function startTestS3(): Promise<{ config: S3StoreConfig; endpoint: string; close: () => Promise<void> }> {
  const directory = await mkdtemp(path.join(tmpdir(), "basegun-s3-"));
  const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory, configureBuckets: [{ name: "photos" }, { name: "evidence" }] });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    config: { endpoint, region: "us-east-1", bucket: "photos", originalsBucket: "evidence", accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true },
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
