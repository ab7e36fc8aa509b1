import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient } from "./generated/prisma/client.ts";
import { createPool } from "./sql.ts";

export type Db = InstanceType<typeof PrismaClient>;

// The node-postgres pool under each client: the hot path's plain SQL (sql.ts) runs on the same
// connections as the ORM, so one process keeps one pool. Kept on the client under a registered symbol
// rather than in a module-level map: Next bundles this module into several server chunks, and a client
// made by one copy must be found by all of them.
const POOL = Symbol.for("basegun.db.pool");
type WithPool = Db & { [POOL]?: pg.Pool };

export function createDb(databaseUrl = process.env.DATABASE_URL): Db {
  if (!databaseUrl) throw new Error("DATABASE_URL is not set");
  const pool = createPool({ connectionString: databaseUrl });
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  // the adapter leaves a pool it was given open: $disconnect closes it too, as before
  const disconnect = db.$disconnect.bind(db);
  db.$disconnect = async () => {
    await disconnect();
    if (!pool.ended) await pool.end();
  };
  (db as WithPool)[POOL] = pool;
  return db;
}

/** The pool under a client made by createDb, for the hot path's plain SQL. */
export function poolOf(db: Db): pg.Pool {
  const pool = (db as WithPool)[POOL];
  if (!pool) throw new Error("this database client was not made by createDb: it has no pool for plain SQL");
  return pool;
}

// One client per process; kept on globalThis so that Next's dev reloads do not open a pool each time.
const globalForDb = globalThis as unknown as { basegunDb?: Db };

export function getDb(): Db {
  globalForDb.basegunDb ??= createDb();
  return globalForDb.basegunDb;
}
