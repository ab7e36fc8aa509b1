import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = InstanceType<typeof PrismaClient>;

export function createDb(databaseUrl = process.env.DATABASE_URL): Db {
  if (!databaseUrl) throw new Error("DATABASE_URL is not set");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

// One client per process; kept on globalThis so that Next's dev reloads do not open a pool each time.
const globalForDb = globalThis as unknown as { basegunDb?: Db };

export function getDb(): Db {
  globalForDb.basegunDb ??= createDb();
  return globalForDb.basegunDb;
}
