import { defineConfig } from "vitest/config";

// This package's own test database (basegun_test_auth), recreated by the global setup: packages
// tested in parallel never share rows.
const TEST_DB_URL = `${process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/basegun_test"}_auth`;

export default defineConfig({
  test: {
    globalSetup: ["./test/global-setup.ts"],
    env: { TEST_DATABASE_URL: TEST_DB_URL, DATABASE_URL: TEST_DB_URL },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
