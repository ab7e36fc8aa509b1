import { defineConfig } from "vitest/config";

// This package's own test database (basegun_test_worker_training), recreated by each test file: the loop
// moves the production alias, which no other package's tests may see.
const TEST_DB_URL = `${process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/basegun_test"}_worker_training`;

export default defineConfig({
  test: {
    globalSetup: ["./test/global-setup.ts"],
    env: { TEST_DATABASE_URL: TEST_DB_URL, DATABASE_URL: TEST_DB_URL },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
