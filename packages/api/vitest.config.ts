import { defineConfig } from "vitest/config";
import { TEST_DB_URL } from "./test/test-db.ts";

export default defineConfig({
  test: {
    globalSetup: ["./test/global-setup.ts"],
    env: { TEST_DATABASE_URL: TEST_DB_URL, DATABASE_URL: TEST_DB_URL },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // files run one after another: they share this package's database, and the 2 cores
    fileParallelism: false,
  },
});
