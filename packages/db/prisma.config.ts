import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaConfig } from "prisma";
import { poolConfigFromUrl } from "./src/connection.ts";

// Prisma 6.19 with the JS engine: migrations run through the WASM schema engine and this adapter.
// Discrete connection fields (not a URL) so that `migrate dev` derives its shadow database correctly.
export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    return new PrismaPg(poolConfigFromUrl(process.env.DATABASE_URL ?? ""));
  },
} satisfies PrismaConfig;
