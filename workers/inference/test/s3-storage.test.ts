import { createIdentification, getIdentification } from "@basegun/api";
import { S3PhotoStore } from "@basegun/storage/s3";
import { startTestS3 } from "@basegun/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWorkerEnv } from "../src/env.ts";
import { startInferenceWorker, type RunningWorker } from "../src/worker.ts";
import { drawnPhoto, flushRedis, makeHarness, makeOfficer, silentLog, waitFor } from "./harness.ts";

// The whole path with photos in S3-compatible object storage (a real S3 API server, s3rver): the
// intake writes there, the worker reads from there, configured only by the environment.
let h: Awaited<ReturnType<typeof makeHarness>>;
let s3: Awaited<ReturnType<typeof startTestS3>>;
let worker: RunningWorker;
let store: S3PhotoStore;

beforeAll(async () => {
  h = await makeHarness();
  s3 = await startTestS3();
  await flushRedis();
  await h.db.case.updateMany({ where: { status: { in: ["pending", "processing"] } }, data: { status: "failed", failureReason: "test cleanup" } });
  const env = loadWorkerEnv({
    ...Object.fromEntries(Object.entries(h.env).map(([k, v]) => [k, String(v)])),
    STORAGE_DRIVER: "s3",
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.config.bucket,
    S3_ORIGINALS_BUCKET: s3.config.originalsBucket!,
    S3_ACCESS_KEY_ID: s3.config.accessKeyId!,
    S3_SECRET_ACCESS_KEY: s3.config.secretAccessKey!,
    S3_FORCE_PATH_STYLE: "true",
  });
  expect(env.STORAGE_DRIVER).toBe("s3");
  worker = await startInferenceWorker(env, silentLog);
  store = new S3PhotoStore(s3.config);
});
afterAll(async () => {
  await worker?.close();
  store?.close();
  await s3?.close();
  await h?.deps.producer.close();
  await h?.db.$disconnect();
});

describe("photos in S3-compatible storage", () => {
  it("an upload is stored in the buckets and identified by a worker reading them", async () => {
    const officer = await makeOfficer(h.db);
    const deps = { ...h.deps, store };
    const created = await createIdentification(deps, officer, { photos: [{ bytes: await drawnPhoto(3) }], source: "api" });
    const done = await waitFor(async () => {
      const view = await getIdentification(deps, officer, created.id);
      return view.status === "done" || view.status === "failed" ? view : null;
    });
    expect(done.status).toBe("done");
    expect(done.result?.modelVersion).toBeTruthy();
    const photo = await h.db.photo.findFirstOrThrow({ where: { caseId: created.id } });
    expect((await store.get(photo.derivativeKey)).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8])); // a JPEG
    expect((await store.get(photo.originalKey)).length).toBe(photo.originalBytes);
  });
});
