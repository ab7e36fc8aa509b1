import { describe, expect, it } from "vitest";
import { localizeLogTimes } from "./log-times";

const paris = (instant: Date) => new Intl.DateTimeFormat("fr", { timeStyle: "medium", timeZone: "Europe/Paris" }).format(instant);

describe("localizeLogTimes: one time zone on the console", () => {
  it("rewrites full UTC stamps in the reader's zone", () => {
    expect(localizeLogTimes("2026-12-06T02:31:00.123Z — instantané\n2026-12-06T02:31:05.000Z fini\n", paris, "2026-12-06T02:30:59Z")).toBe("03:31:00 — instantané\n03:31:05 fini\n");
  });
  it("reads older bare UTC stamps on the run's day, across midnight too", () => {
    expect(localizeLogTimes("23:59:58 début\n00:00:03 suite\n", paris, "2026-07-01T23:59:50Z")).toBe("01:59:58 début\n02:00:03 suite\n");
  });
  it("leaves other lines alone", () => {
    expect(localizeLogTimes("  unreadable abc: reason\n", paris, "2026-12-06T02:30:59Z")).toBe("  unreadable abc: reason\n");
  });
});
