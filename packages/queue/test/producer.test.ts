import { Queue, UnrecoverableError, Worker } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identifyJobOptions, identifyJobSchema } from "../src/payloads.ts";
import { createIdentifyProducer, QueueUnavailableError } from "../src/producer.ts";
import { QUEUE_NAMES } from "../src/names.ts";

// Redis database reserved for this package's tests
const REDIS_URL = "redis://127.0.0.1:6379/5";
let connection: Redis;
let queue: Queue;

beforeAll(async () => {
  connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  await connection.flushdb();
  queue = new Queue(QUEUE_NAMES.identify, { connection });
});
afterAll(async () => {
  await queue.close();
  connection.disconnect();
});

describe("identify job payload", () => {
  it.each([
    [{ caseId: "cabc123" }, true],
    [{ caseId: "cabc123", requestedBy: "cuser1" }, true],
    [{ caseId: "" }, false],
    [{ caseId: "../x" }, false],
    [{ caseId: "a:b" }, false],
    [{}, false],
  ])("%j valid: %s", (payload, valid) => {
    expect(identifyJobSchema.safeParse(payload).success).toBe(valid);
  });

  it("uses the case id as job id (no colon, not all digits) with retries and backoff", () => {
    const options = identifyJobOptions("c123");
    expect(options.jobId).toBe("case-c123");
    expect(options.attempts).toBeGreaterThan(1);
    expect(options.backoff.type).toBe("exponential");
  });
});

describe("createIdentifyProducer", () => {
  it("enqueues a case once even when asked twice", async () => {
    const producer = createIdentifyProducer(REDIS_URL);
    await producer.enqueue({ caseId: "ctwice" });
    await producer.enqueue({ caseId: "ctwice" });
    const jobs = await queue.getJobs(["waiting", "delayed", "active"]);
    expect(jobs.filter((j) => j.id === "case-ctwice")).toHaveLength(1);
    await producer.close();
  });

  it("replaces a failed job so that a retry or new photos are processed again", async () => {
    const producer = createIdentifyProducer(REDIS_URL);
    await producer.enqueue({ caseId: "cagain" });
    const workerConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const failed = new Promise<void>((resolve) => {
      const worker = new Worker(
        QUEUE_NAMES.identify,
        async () => {
          throw new UnrecoverableError("simulated bad photo");
        },
        { connection: workerConnection },
      );
      worker.on("failed", () => void worker.close().then(resolve));
    });
    await failed;
    workerConnection.disconnect();
    expect(await (await queue.getJob("case-cagain"))!.isFailed()).toBe(true);

    await producer.enqueue({ caseId: "cagain", requestedBy: "cuser" });
    const again = await queue.getJob("case-cagain");
    expect(again?.data).toEqual({ caseId: "cagain", requestedBy: "cuser" });
    expect(await again!.getState()).toBe("waiting");
    await producer.close();
  });

  it("refuses an invalid payload before touching Redis", async () => {
    const producer = createIdentifyProducer(REDIS_URL);
    await expect(producer.enqueue({ caseId: "bad id" })).rejects.toThrow();
    await producer.close();
  });

  it("fails fast with QueueUnavailableError when Redis does not answer", async () => {
    const producer = createIdentifyProducer("redis://127.0.0.1:6391");
    const started = Date.now();
    await expect(producer.enqueue({ caseId: "cnoredis" })).rejects.toBeInstanceOf(QueueUnavailableError);
    expect(Date.now() - started).toBeLessThan(10_000);
    await producer.close();
  });
});
