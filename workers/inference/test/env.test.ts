import { afterEach, describe, expect, it, vi } from "vitest";
import { loadWorkerEnv } from "../src/env.ts";

afterEach(() => vi.restoreAllMocks());

describe("inference worker environment", () => {
  it("applies the defaults to a minimal environment", () => {
    const env = loadWorkerEnv({ DATABASE_URL: "postgresql://u@h:5432/db", REDIS_URL: "redis://h:6379" });
    expect(env).toMatchObject({ STORAGE_DIR: "var/storage", ORT_EXECUTION_PROVIDER: "cpu", ORT_ALLOW_SPINNING: false, ORT_MEMORY_ARENA: false, WORKER_CONCURRENCY: 2, MODEL_ALIAS_REFRESH_MS: 1000, WORKER_LOCK_MS: 60_000, LOG_LEVEL: "info" });
  });

  it("keeps onnxruntime's memory arena off unless asked (it held the worker's memory at its largest input)", () => {
    expect(loadWorkerEnv({ DATABASE_URL: "postgresql://u@h:5432/db", REDIS_URL: "redis://h:6379", ORT_MEMORY_ARENA: "true" }).ORT_MEMORY_ARENA).toBe(true);
  });

  it("stops at start, naming every bad variable (shared ones and the worker's own)", () => {
    const exit = vi.spyOn(process, "exit").mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as typeof process.exit);
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => loadWorkerEnv({ DATABASE_URL: "mysql://u@h/db", REDIS_URL: "redis://h:6379", WORKER_CONCURRENCY: "zero", ORT_ALLOW_SPINNING: "yes" })).toThrow("exit 1");
    expect(exit).toHaveBeenCalledWith(1);
    const message = printed.mock.calls.map((call) => String(call[0])).join("\n");
    expect(message).toContain("basegun inference worker: invalid environment");
    for (const name of ["DATABASE_URL", "WORKER_CONCURRENCY", "ORT_ALLOW_SPINNING"]) expect(message).toContain(`  ${name}:`);
    expect(message).not.toContain("REDIS_URL");
  });
});
