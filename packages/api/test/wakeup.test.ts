import { describe, expect, it } from "vitest";
import { createWakeup } from "../src/services/identification/wakeup.ts";

const elapsed = async (fn: () => Promise<void>) => {
  const started = performance.now();
  await fn();
  return performance.now() - started;
};

describe("createWakeup", () => {
  it("waits until the timeout when nothing is notified", async () => {
    const wakeup = createWakeup();
    wakeup.arm();
    expect(await elapsed(() => wakeup.wait(120))).toBeGreaterThanOrEqual(100);
  });

  it("returns at once for a notification received after arm() and before wait(): never lost", async () => {
    const wakeup = createWakeup();
    wakeup.arm();
    wakeup.notify(); // e.g. the worker announced while the caller was reading the status
    expect(await elapsed(() => wakeup.wait(5000))).toBeLessThan(100);
  });

  it("forgets notifications older than the last arm()", async () => {
    const wakeup = createWakeup();
    wakeup.notify();
    wakeup.arm();
    expect(await elapsed(() => wakeup.wait(120))).toBeGreaterThanOrEqual(100);
  });

  it("a notification during the wait ends it", async () => {
    const wakeup = createWakeup();
    wakeup.arm();
    setTimeout(() => wakeup.notify(), 50);
    expect(await elapsed(() => wakeup.wait(5000))).toBeLessThan(1000);
  });
});
