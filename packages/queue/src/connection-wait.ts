import type { Redis } from "ioredis";

/**
 * Waits, at most `timeoutMs`, for a Redis connection that is still opening to be ready or to fail.
 * Rate limiters call it before their first count: without it, the first counts after a process starts
 * would land in that process's memory instead of the shared count. A connection that already failed
 * (or never existed) is not waited for.
 */
export async function whileConnecting(redis: Redis | null | undefined, timeoutMs: number): Promise<void> {
  if (!redis || !["wait", "connecting", "connect"].includes(redis.status)) return;
  await new Promise<void>((resolve) => {
    const events = ["ready", "error", "end"] as const;
    const done = () => {
      clearTimeout(timer);
      for (const event of events) redis.off(event, done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    for (const event of events) redis.once(event, done);
  });
}
