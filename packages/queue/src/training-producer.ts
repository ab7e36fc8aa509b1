import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { createRedis } from "./connection.ts";
import { QUEUE_NAMES } from "./names.ts";
import { trainingJobOptions, trainingJobSchema, type TrainingJob } from "./payloads.ts";
import { QueueUnavailableError } from "./producer.ts";

export interface TrainingProducer {
  enqueue(job: TrainingJob): Promise<void>;
  /** Removes a job still waiting in the queue; false when a worker already holds it (or it is gone). */
  removeWaiting(runId: string): Promise<boolean>;
  close(): Promise<void>;
}

export function createTrainingProducer(redisUrl: string): TrainingProducer {
  let connection: Redis | undefined;
  let queue: Queue | undefined;
  // created on first use so that importing this module connects nothing
  const getQueue = () => {
    connection ??= createRedis(redisUrl, "producer");
    queue ??= new Queue(QUEUE_NAMES.train, { connection });
    return queue;
  };
  return {
    async enqueue(job) {
      const payload = trainingJobSchema.parse(job);
      try {
        await getQueue().add(QUEUE_NAMES.train, payload, trainingJobOptions(payload.runId));
      } catch (e) {
        throw new QueueUnavailableError(e);
      }
    },
    async removeWaiting(runId) {
      try {
        const job = await getQueue().getJob(trainingJobOptions(runId).jobId);
        if (!job) return false;
        const state = await job.getState();
        if (state !== "waiting" && state !== "delayed" && state !== "prioritized") return false;
        await job.remove();
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await queue?.close();
      connection?.disconnect();
    },
  };
}
