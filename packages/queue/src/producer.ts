import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { createRedis } from "./connection.ts";
import { QUEUE_NAMES } from "./names.ts";
import { identifyJobOptions, identifyJobSchema, type IdentifyJob } from "./payloads.ts";

export class QueueUnavailableError extends Error {
  constructor(cause: unknown) {
    super("the job queue (Redis) is unavailable", { cause });
  }
}

/** A web request must not hang on a Redis that is down: give up after this and let the sweeper retry. */
const ENQUEUE_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface IdentifyProducer {
  enqueue(job: IdentifyJob): Promise<void>;
  close(): Promise<void>;
}

export function createIdentifyProducer(redisUrl: string): IdentifyProducer {
  let connection: Redis | undefined;
  let queue: Queue | undefined;
  // created on first use so that importing this module (e.g. during `next build`) connects nothing
  const getQueue = () => {
    connection ??= createRedis(redisUrl, "producer");
    queue ??= new Queue(QUEUE_NAMES.identify, { connection });
    return queue;
  };
  return {
    async enqueue(job) {
      const payload = identifyJobSchema.parse(job);
      const q = getQueue();
      const options = identifyJobOptions(payload.caseId);
      try {
        await withTimeout(
          (async () => {
            // A previous job with this id that failed for good, or that completed (kept a while for
            // inspection), would swallow the add of a retry or a re-identification: remove it first.
            const previous = await q.getJob(options.jobId);
            if (previous && ((await previous.isFailed()) || (await previous.isCompleted()))) await previous.remove();
            await q.add(QUEUE_NAMES.identify, payload, options);
          })(),
          ENQUEUE_TIMEOUT_MS,
        );
      } catch (e) {
        throw new QueueUnavailableError(e);
      }
    },
    async close() {
      await queue?.close();
      connection?.disconnect();
    },
  };
}
