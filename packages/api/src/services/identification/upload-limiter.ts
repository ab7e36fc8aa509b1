import type { Actor } from "@basegun/auth";
import { createRedis, whileConnecting } from "@basegun/queue";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { ServiceError } from "../../errors.ts";
import type { UploadLimits } from "./upload-limits.ts";

const WINDOW_SECONDS = 60;
const CONNECT_WAIT_MS = 1000;

/**
 * Counts uploads per user in Redis, so that every web process shares one count. When Redis cannot
 * answer, each process counts in memory instead (rate-limiter-flexible's insurance limiter): the limit
 * holds approximately and an upload is never refused, nor lost, because Redis is down.
 */
export class UploadLimiter {
  private readonly limiters: Partial<Record<Actor["via"], RateLimiterRedis>> = {};
  private redis: Redis | null = null;

  constructor(
    private readonly redisUrl: string,
    readonly limits: UploadLimits,
  ) {}

  private limiterFor(via: Actor["via"]): RateLimiterRedis | null {
    const points = this.limits[via];
    if (points <= 0) return null;
    if (!this.limiters[via]) {
      // created on first use: a build or a test that never uploads opens no connection; fail-fast
      // options (no offline queue) so that a Redis outage falls through to the insurance at once
      this.redis ??= createRedis(this.redisUrl, "producer", "basegun-upload-limit");
      this.limiters[via] = new RateLimiterRedis({
        storeClient: this.redis,
        useRedisPackage: false,
        rejectIfRedisNotReady: true,
        keyPrefix: `basegun:upload-limit:${via}`,
        points,
        duration: WINDOW_SECONDS,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `basegun:upload-limit:${via}:memory`, points, duration: WINDOW_SECONDS }),
      });
    }
    return this.limiters[via] ?? null;
  }

  /**
   * A connection still opening (a process's first upload) is given a moment: without it, the first
   * uploads after a start would be counted in this process's memory instead of the shared count. A
   * connection that failed is not waited for.
   */
  private async connected(): Promise<void> {
    await whileConnecting(this.redis, CONNECT_WAIT_MS);
  }

  /** Counts one upload for the actor; throws TOO_MANY_REQUESTS (with the seconds to wait) past the limit. */
  async consume(actor: Actor): Promise<void> {
    const limiter = this.limiterFor(actor.via);
    if (!limiter) return;
    await this.connected();
    try {
      await limiter.consume(actor.userId);
    } catch (rejection) {
      // a rejection is a RateLimiterRes, not an Error; an Error would mean both stores failed
      if (!(rejection instanceof RateLimiterRes)) return;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new ServiceError("TOO_MANY_REQUESTS", `at most ${this.limits[actor.via]} uploads a minute: try again in ${retryAfterSeconds} s`, "rateLimited", {
        retryAfterSeconds,
        limitPerMinute: this.limits[actor.via],
      });
    }
  }

  close(): void {
    this.redis?.disconnect();
    this.redis = null;
  }
}
