import { defineConfig } from "vitest/config";
import { TEST_DB_URL } from "./test/test-db.ts";

export default defineConfig({
  test: {
    globalSetup: ["./test/global-setup.ts"],
    env: { TEST_DATABASE_URL: TEST_DB_URL, DATABASE_URL: TEST_DB_URL },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
