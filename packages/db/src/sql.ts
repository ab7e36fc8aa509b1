import pg from "pg";

/**
 * Plain SQL for the per-photo hot path (intake, status, the worker's claim and result), next to the ORM
 * that does everything else. Why: Prisma 6.19's query compiler, the engine that runs without native
 * binaries (which this offline setup needs), costs 1–2 ms of CPU per ORM call and about 0.5 ms per
 * `$queryRaw`, against about 0.1 ms for the same statement sent by node-postgres (measured on this
 * project's machines); a photo used to take about twenty of them. The statements are parameterised,
 * run on the pool the ORM itself uses, and are covered by the same integration tests as the ORM paths.
 */
export interface SqlRunner {
  query<Row = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<Row[]>;
}

/** What the ORM's transaction client offers for raw SQL (parameterised despite the method's name). */
interface PrismaRawClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/** A runner over the ORM's transaction client: shared SQL joins a transaction opened by the ORM. */
export function prismaRunner(tx: PrismaRawClient): SqlRunner {
  return { query: <Row>(text: string, values: readonly unknown[] = []) => tx.$queryRawUnsafe<Row[]>(text, ...values) };
}

/** A runner over node-postgres (a pool or one checked-out client). */
export function pgRunner(client: Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">): SqlRunner {
  return {
    query: async <Row>(text: string, values: readonly unknown[] = []) => (await client.query(text, values as unknown[])).rows as Row[],
  };
}

/** BEGIN … COMMIT on one pooled connection; ROLLBACK and rethrow when `work` fails. */
export async function inTransaction<T>(pool: pg.Pool, work: (sql: SqlRunner) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(pgRunner(client));
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (e) {
    // a connection that cannot roll back is broken: release(error) drops it instead of reusing it
    const rolledBack = await client.query("ROLLBACK").then(
      () => true,
      () => false,
    );
    client.release(rolledBack ? undefined : (e as Error));
    throw e;
  }
}

// Prisma stores DateTime as UTC in `timestamp(3)` columns (no zone); node-postgres would read those as
// local time. Read them as UTC, as the ORM does.
const TIMESTAMP_WITHOUT_ZONE = 1114;
const sqlTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_WITHOUT_ZONE && format !== "binary"
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * The process's pool, shared by the ORM's adapter (which brings its own type parsers per query) and the
 * plain SQL. Sessions run in UTC so that `now()` and column defaults agree with the UTC the ORM writes,
 * whatever the server's configured zone. Pass dates to plain SQL as ISO strings (`toISOString()`), never
 * as Date objects, which node-postgres would send in the process's local zone.
 */
export function createPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({ ...config, types: sqlTypes, options: "-c TimeZone=UTC", allowExitOnIdle: true });
  // an idle client that loses its server (restart, network) emits here; without a listener the
  // process would crash, with one the pool drops the client and opens another on the next query
  pool.on("error", () => undefined);
  return pool;
}

/**
 * A `timestamp` column read inside json_agg / row_to_json arrives as ISO text without a zone; it holds
 * the UTC instant the ORM wrote (JavaScript would read zone-less text as local time).
 */
export function dateFromJson(value: string): Date;
export function dateFromJson(value: string | null): Date | null;
export function dateFromJson(value: string | null): Date | null {
  return value === null ? null : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
}

export type { Pool as SqlPool } from "pg";
