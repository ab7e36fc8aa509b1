import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMarkingsProducer } from "../src/markings-producer.ts";
import { QUEUE_NAMES } from "../src/names.ts";
import { readMarkingsJobOptions, readMarkingsJobSchema } from "../src/payloads.ts";

// this package's Redis database (see producer.test.ts); the queue name keeps these jobs apart
const REDIS_URL = "redis://127.0.0.1:6379/5";
let connection: Redis;
let queue: Queue;

beforeAll(async () => {
  connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUE_NAMES.readMarkings, { connection });
  await queue.obliterate({ force: true });
});
afterAll(async () => {
  await queue.close();
  connection.disconnect();
});

describe("read-markings job payload", () => {
  it.each([
    [{ readingId: "cabc123" }, true],
    [{ readingId: "" }, false],
    [{ readingId: "../x" }, false],
    [{ caseId: "cabc123" }, false],
  ])("%j valid: %s", (payload, valid) => {
    expect(readMarkingsJobSchema.safeParse(payload).success).toBe(valid);
  });

  it("is its own queue, not the identify batch's", () => {
    expect(QUEUE_NAMES.readMarkings).not.toBe(QUEUE_NAMES.identify);
    expect(readMarkingsJobOptions("c1").jobId).toBe("markings-c1");
  });
});

describe("markings producer", () => {
  it("enqueues one job per reading, however often it is asked", async () => {
    const producer = createMarkingsProducer(REDIS_URL);
    await producer.enqueue({ readingId: "creading1" });
    await producer.enqueue({ readingId: "creading1" });
    await expect(producer.enqueue({ readingId: "bad id" })).rejects.toThrow();
    await producer.close();
    const jobs = await queue.getJobs(["waiting", "prioritized", "delayed"]);
    expect(jobs.map((job) => job.data)).toEqual([{ readingId: "creading1" }]);
  });
});
