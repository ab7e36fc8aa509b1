import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./test/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // integration tests share one database; files run one after another to keep the 2 cores for the app
    fileParallelism: false,
  },
});
