import type { Redis } from "ioredis";
import { z } from "zod";

/**
 * Each inference worker says, in Redis, that it is alive and which model it has loaded; the web app's
 * readiness check (`/api/ready`) reads it. A key per worker process that expires unless renewed, so a
 * worker killed without a goodbye disappears within HEARTBEAT_TTL_SECONDS.
 */
const PREFIX = "basegun:heartbeat:inference:";
export const HEARTBEAT_INTERVAL_MS = 5000;
export const HEARTBEAT_TTL_SECONDS = 15;

const heartbeatSchema = z.object({ worker: z.string(), model: z.string(), executionProvider: z.string(), at: z.string() });
export type InferenceHeartbeat = z.infer<typeof heartbeatSchema>;

export async function publishHeartbeat(redis: Redis, beat: Omit<InferenceHeartbeat, "at">): Promise<void> {
  await redis.set(PREFIX + beat.worker, JSON.stringify({ ...beat, at: new Date().toISOString() }), "EX", HEARTBEAT_TTL_SECONDS);
}

export async function clearHeartbeat(redis: Redis, worker: string): Promise<void> {
  await redis.del(PREFIX + worker);
}

/** The inference workers alive now, each with its loaded model. */
export async function readHeartbeats(redis: Redis): Promise<InferenceHeartbeat[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, found] = await redis.scan(cursor, "MATCH", `${PREFIX}*`, "COUNT", 100);
    cursor = next;
    keys.push(...found);
  } while (cursor !== "0");
  if (keys.length === 0) return [];
  const values = await redis.mget(...keys);
  return values.flatMap((value) => {
    const parsed = value ? heartbeatSchema.safeParse(JSON.parse(value)) : null;
    return parsed?.success ? [parsed.data] : [];
  });
}
