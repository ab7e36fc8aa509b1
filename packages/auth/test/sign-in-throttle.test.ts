import { randomUUID } from "node:crypto";
import { createDb, hashPassword, verifyPassword, type Db } from "@basegun/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizeWithPassword } from "../src/next-auth.ts";
import { SignInThrottle } from "../src/sign-in-throttle.ts";

// Redis database of this package's tests; each run uses its own key prefix, so reruns never meet.
const REDIS_URL = "redis://127.0.0.1:6379/13";
const run = randomUUID().slice(0, 8);
const email = (name: string) => `${name}-${run}@throttle.test`;
let db: Db;
const throttles: SignInThrottle[] = [];
const throttle = (perAccount: number, perAddress: number, redisUrl = REDIS_URL) => {
  const made = new SignInThrottle(redisUrl, { perAccount, perAddress, windowSeconds: 60 }, `basegun-test:${run}:${throttles.length}`);
  throttles.push(made);
  return made;
};

beforeAll(async () => {
  db = createDb(process.env.DATABASE_URL);
  const passwordHash = await hashPassword("right-password");
  for (const name of ["alice", "bob", "carol", "dave"]) await db.user.create({ data: { email: email(name), name, passwordHash } });
}, 60_000);

afterAll(async () => {
  for (const made of throttles) made.close();
  await db.user.deleteMany({ where: { email: { endsWith: `-${run}@throttle.test` } } });
  await db.$disconnect();
});

const attempt = (limiter: SignInThrottle, who: string, password: string, address: string | null = "192.0.2.10") =>
  authorizeWithPassword(db, verifyPassword, { email: email(who), password }, { throttle: limiter, address });

describe("sign-in throttling", () => {
  it("refuses the right password after the account's failures are used up, with the same answer as a wrong one", async () => {
    const limiter = throttle(3, 100);
    expect(await attempt(limiter, "alice", "right-password")).not.toBeNull();
    for (let i = 0; i < 3; i++) expect(await attempt(limiter, "alice", `wrong-${i}`)).toBeNull();
    const started = Date.now();
    expect(await attempt(limiter, "alice", "right-password")).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    // from another address too: it is the account that is protected
    expect(await attempt(limiter, "alice", "right-password", "198.51.100.7")).toBeNull();
    // other accounts are not affected
    expect(await attempt(limiter, "bob", "right-password")).not.toBeNull();
  });

  it("a success clears the account's count", async () => {
    const limiter = throttle(3, 100);
    for (let i = 0; i < 2; i++) expect(await attempt(limiter, "carol", "wrong")).toBeNull();
    expect(await attempt(limiter, "carol", "right-password")).not.toBeNull();
    for (let i = 0; i < 2; i++) expect(await attempt(limiter, "carol", "wrong")).toBeNull();
    expect(await attempt(limiter, "carol", "right-password")).not.toBeNull();
  });

  it("throttles an address that guesses across many accounts, not the others", async () => {
    const limiter = throttle(100, 4);
    for (const who of ["nobody1", "nobody2", "nobody3", "nobody4"]) expect(await attempt(limiter, who, "guess", "203.0.113.9")).toBeNull();
    expect(await attempt(limiter, "dave", "right-password", "203.0.113.9")).toBeNull();
    expect(await attempt(limiter, "dave", "right-password", "203.0.113.10")).not.toBeNull();
  });

  it("still throttles, in the process's memory, while Redis is unreachable", async () => {
    const limiter = throttle(2, 100, "redis://127.0.0.1:1");
    for (let i = 0; i < 2; i++) expect(await attempt(limiter, "bob", "wrong")).toBeNull();
    expect(await attempt(limiter, "bob", "right-password")).toBeNull();
  });

  it("reports an unreachable database as an error, never as a refused password", async () => {
    const unreachable = createDb("postgresql://postgres@127.0.0.1:1/nowhere");
    await expect(authorizeWithPassword(unreachable, verifyPassword, { email: email("alice"), password: "right-password" })).rejects.toThrow();
    await unreachable.$disconnect();
  });
});
