import path from "node:path";
import { defineConfig } from "vitest/config";

// Route-handler tests (test/) run in plain Node against the real test database and Redis (db 4);
// unit tests of the app's own helpers live next to them in src/. e2e/*.spec.ts are Playwright's.
// This package's own test database (basegun_test_web), recreated by the global setup: packages
// tested in parallel never share rows, aliases or races.
const TEST_DB_URL = `${process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/basegun_test"}_web`;

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    globalSetup: ["./test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    env: {
      DATABASE_URL: TEST_DB_URL,
      TEST_DATABASE_URL: TEST_DB_URL,
      REDIS_URL: "redis://127.0.0.1:6379/4",
      STORAGE_DIR: path.join(process.env.TMPDIR ?? "/tmp", "basegun-web-test-storage"),
    },
  },
});
