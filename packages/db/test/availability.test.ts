import { describe, expect, it } from "vitest";
import { createDb, isDatabaseUnavailable, poolOf } from "../src/index.ts";

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection (node-postgres)", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }), true],
    ["the server shutting down (SQLSTATE 57P01)", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }), true],
    ["cannot connect now (57P03)", Object.assign(new Error("the database system is starting up"), { code: "57P03" }), true],
    ["too many connections (53300)", Object.assign(new Error("sorry, too many clients already"), { code: "53300" }), true],
    ["Prisma P1001", Object.assign(new Error("Can't reach database server"), { code: "P1001" }), true],
    ["wrapped as a cause", new Error("tRPC failed", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) }), true],
    ["a connection terminated mid-query", new Error("Connection terminated unexpectedly"), true],
    ["a unique violation (23505)", Object.assign(new Error("duplicate key"), { code: "23505" }), false],
    ["Prisma's not found (P2025)", Object.assign(new Error("not found"), { code: "P2025" }), false],
    ["a bug", new TypeError("x is undefined"), false],
    ["not an error", "ECONNREFUSED", false],
  ])("%s → %s", (_what, error, expected) => {
    expect(isDatabaseUnavailable(error)).toBe(expected);
  });

  it("recognises what the ORM and the plain-SQL pool really throw for a closed port", async () => {
    const db = createDb("postgresql://postgres@127.0.0.1:9/nowhere");
    const orm = await db.user.findFirst().catch((e: unknown) => e);
    const sql = await poolOf(db).query("SELECT 1").catch((e: unknown) => e);
    expect(isDatabaseUnavailable(orm)).toBe(true);
    expect(isDatabaseUnavailable(sql)).toBe(true);
    await db.$disconnect();
  });
});
