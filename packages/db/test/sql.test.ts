import { afterAll, describe, expect, it } from "vitest";
import { writeAudit } from "../src/audit.ts";
import { createDb, poolOf } from "../src/client.ts";
import { dateFromJson, inTransaction, pgRunner, prismaRunner } from "../src/sql.ts";
import { testDatabaseUrl } from "../src/testing.ts";

const db = createDb(testDatabaseUrl());
afterAll(() => db.$disconnect());

const auditRows = (resourceId: string) => db.auditLog.findMany({ where: { resourceType: "SqlTest", resourceId } });

describe("plain SQL on the ORM's pool", () => {
  it("commits a transaction's statements together", async () => {
    const id = `commit-${Date.now()}`;
    await inTransaction(poolOf(db), async (sql) => {
      await writeAudit(sql, { action: "sql.one", resourceType: "SqlTest", resourceId: id });
      await writeAudit(sql, { action: "sql.two", resourceType: "SqlTest", resourceId: id, data: { n: 2 } });
    });
    expect((await auditRows(id)).map((row) => [row.action, row.data])).toEqual([["sql.one", null], ["sql.two", { n: 2 }]]);
  });

  it("rolls everything back when the work fails, rethrows, and gives the connection back", async () => {
    const pool = poolOf(db);
    const id = `rollback-${Date.now()}`;
    await expect(
      inTransaction(pool, async (sql) => {
        await writeAudit(sql, { action: "sql.lost", resourceType: "SqlTest", resourceId: id });
        await sql.query("SELECT 1 / 0");
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await auditRows(id)).toHaveLength(0);
    expect(pool.totalCount - pool.idleCount).toBe(0);
    // the pool still works after a failed transaction
    expect(await pgRunner(pool).query<{ one: number }>("SELECT 1 AS one")).toEqual([{ one: 1 }]);
  });

  it("runs shared SQL inside an ORM transaction through prismaRunner, committed or rolled back with it", async () => {
    const id = `orm-${Date.now()}`;
    await expect(
      db.$transaction(async (tx) => {
        await writeAudit(prismaRunner(tx), { action: "sql.in-orm", resourceType: "SqlTest", resourceId: id });
        throw new Error("abandon");
      }),
    ).rejects.toThrow("abandon");
    expect(await auditRows(id)).toHaveLength(0);
    await db.$transaction(async (tx) => writeAudit(prismaRunner(tx), { action: "sql.in-orm", resourceType: "SqlTest", resourceId: id }));
    expect(await auditRows(id)).toHaveLength(1);
  });

  it("reads timestamps as the UTC instants the ORM writes, and now() in UTC", async () => {
    const at = new Date("2026-10-25T00:59:59.999Z"); // an hour before Europe/Paris leaves summer time
    const user = await db.user.create({ data: { email: `sql-utc-${Date.now()}@test.local`, name: "UTC", createdAt: at } });
    const [row] = await pgRunner(poolOf(db)).query<{ createdAt: Date; zone: string }>(
      `SELECT "createdAt", current_setting('TimeZone') AS "zone" FROM "User" WHERE "id" = $1`,
      [user.id],
    );
    expect(row).toEqual({ createdAt: at, zone: "UTC" });
    const [{ now }] = await pgRunner(poolOf(db)).query<{ now: Date }>(`SELECT now()::timestamp(3) AS "now"`) as [{ now: Date }];
    expect(Math.abs(now.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("reads timestamps as UTC whatever the process's own zone, in columns and inside JSON", async () => {
    const zone = process.env.TZ;
    process.env.TZ = "Europe/Paris";
    try {
      // the zone is in effect: JavaScript itself reads zone-less text as Paris time
      expect(new Date("2026-03-29T01:30:00.123").toISOString()).not.toBe("2026-03-29T01:30:00.123Z");
      expect(dateFromJson("2026-03-29T01:30:00.123").toISOString()).toBe("2026-03-29T01:30:00.123Z");
      expect(dateFromJson("2026-03-29T01:30:00.123Z").toISOString()).toBe("2026-03-29T01:30:00.123Z");
      expect(dateFromJson(null)).toBeNull();
      const [row] = await pgRunner(poolOf(db)).query<{ column: Date; json: { at: string } }>(
        `SELECT TIMESTAMP '2026-03-29 01:30:00.123' AS "column", json_build_object('at', TIMESTAMP '2026-03-29 01:30:00.123') AS "json"`,
      );
      expect(row?.column.toISOString()).toBe("2026-03-29T01:30:00.123Z");
      expect(dateFromJson(row!.json.at).toISOString()).toBe("2026-03-29T01:30:00.123Z");
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("recovers when the server drops its connections (a PostgreSQL restart): the next query gets a new one", async () => {
    const other = createDb(testDatabaseUrl());
    try {
      const [{ pid }] = (await pgRunner(poolOf(other)).query<{ pid: number }>("SELECT pg_backend_pid() AS pid")) as [{ pid: number }];
      await pgRunner(poolOf(db)).query("SELECT pg_terminate_backend($1)", [pid]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const [after] = await pgRunner(poolOf(other)).query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      expect(after?.pid).not.toBe(pid);
      // the ORM on the same pool works too
      expect(await other.user.count()).toBeGreaterThanOrEqual(0);
    } finally {
      await other.$disconnect();
    }
  });

  it("$disconnect closes the pool too, and a client not made by createDb has no pool", async () => {
    const other = createDb(testDatabaseUrl());
    const pool = poolOf(other);
    await pool.query("SELECT 1");
    await other.$disconnect();
    expect(pool.ended).toBe(true);
    expect(() => poolOf({} as typeof db)).toThrow(/not made by createDb/);
  });
});
