import { createRedis, whileConnecting } from "@basegun/queue";
import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { DEFAULT_SIGN_IN_LIMITS, type SignInThrottleLimits } from "./sign-in-limits.ts";

/**
 * Password guessing is throttled per account (the email typed, known or not) and per client address.
 * Only failures count; past the limit every attempt is refused, the right password included, with the
 * same answer as a wrong password (the form must not tell an attacker which accounts exist or are
 * being throttled). A success clears its account's count, not its address's.
 *
 * Counted in Redis so that every web process shares the count; while Redis cannot answer, each process
 * counts in its own memory (rate-limiter-flexible's insurance limiter), so the limit holds per process
 * and nobody is locked out by an outage.
 */
const CONNECT_WAIT_MS = 1000;

export class SignInThrottle {
  private redis: Redis | null = null;
  private limiters: { account: RateLimiterAbstract; address: RateLimiterAbstract } | null = null;

  constructor(
    private readonly redisUrl: string,
    readonly limits: SignInThrottleLimits = DEFAULT_SIGN_IN_LIMITS,
    private readonly keyPrefix = "basegun:sign-in",
  ) {}

  private get stores() {
    if (!this.limiters) {
      // created on first use (a build opens no connection); fail-fast so an outage uses the insurance
      this.redis = createRedis(this.redisUrl, "producer", "basegun-sign-in-throttle");
      const make = (kind: "account" | "address", points: number) =>
        new RateLimiterRedis({
          storeClient: this.redis,
          useRedisPackage: false,
          rejectIfRedisNotReady: true,
          keyPrefix: `${this.keyPrefix}:${kind}`,
          points,
          duration: this.limits.windowSeconds,
          insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${this.keyPrefix}:${kind}:memory`, points, duration: this.limits.windowSeconds }),
        });
      this.limiters = { account: make("account", this.limits.perAccount), address: make("address", this.limits.perAddress) };
    }
    return this.limiters;
  }

  private static async spent(limiter: RateLimiterAbstract, key: string, points: number): Promise<boolean> {
    if (points <= 0) return false;
    const state = await limiter.get(key).catch(() => null);
    return (state?.consumedPoints ?? 0) >= points;
  }

  /**
   * A connection still opening (the process's first sign-in) is given a moment, or the first counts
   * would land in this process's memory instead of the shared count. A failed connection is not waited for.
   */
  private async connected(): Promise<void> {
    await whileConnecting(this.redis, CONNECT_WAIT_MS);
  }

  /** Whether this account or this address has used up its failures: then the attempt is not even checked. */
  async isBlocked(account: string, address: string | null): Promise<boolean> {
    const { account: perAccount, address: perAddress } = this.stores;
    await this.connected();
    const [accountSpent, addressSpent] = await Promise.all([
      SignInThrottle.spent(perAccount, account, this.limits.perAccount),
      address ? SignInThrottle.spent(perAddress, address, this.limits.perAddress) : false,
    ]);
    return accountSpent || addressSpent;
  }

  async recordFailure(account: string, address: string | null): Promise<void> {
    const { account: perAccount, address: perAddress } = this.stores;
    await Promise.all([
      perAccount.penalty(account, 1).catch(() => {}),
      address ? perAddress.penalty(address, 1).catch(() => {}) : null,
    ]);
  }

  async recordSuccess(account: string): Promise<void> {
    await this.stores.account.delete(account).catch(() => {});
  }

  close(): void {
    this.redis?.disconnect();
    this.redis = null;
    this.limiters = null;
  }
}
