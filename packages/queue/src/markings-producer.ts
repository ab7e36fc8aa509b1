import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { createRedis } from "./connection.ts";
import { QUEUE_NAMES } from "./names.ts";
import { readMarkingsJobOptions, readMarkingsJobSchema, type ReadMarkingsJob } from "./payloads.ts";
import { QueueUnavailableError } from "./producer.ts";

export interface MarkingsProducer {
  enqueue(job: ReadMarkingsJob): Promise<void>;
  close(): Promise<void>;
}

/** A web request must not hang on a Redis that is down: the worker's sweeper enqueues the reading later. */
const ENQUEUE_TIMEOUT_MS = 3000;

export function createMarkingsProducer(redisUrl: string): MarkingsProducer {
  let connection: Redis | undefined;
  let queue: Queue | undefined;
  // created on first use so that importing this module (e.g. during `next build`) connects nothing
  const getQueue = () => {
    connection ??= createRedis(redisUrl, "producer");
    queue ??= new Queue(QUEUE_NAMES.readMarkings, { connection });
    return queue;
  };
  return {
    async enqueue(job) {
      const payload = readMarkingsJobSchema.parse(job);
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          getQueue().add(QUEUE_NAMES.readMarkings, payload, readMarkingsJobOptions(payload.readingId)),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
          }),
        ]);
      } catch (e) {
        throw new QueueUnavailableError(e);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await queue?.close();
      connection?.disconnect();
    },
  };
}
