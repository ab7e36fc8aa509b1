import { describe, expect, it } from "vitest";
import { barPercent, bytesToBase64, growthByPeriod, deltaTone, formatDelta, formatRate, runsPollInterval, trainingParameters, type TrainingForm } from "./lifecycle-view";

const EMPTY: TrainingForm = { seed: "", maxIterations: "", l2Grid: "", minTierSupport: "", fieldLabelWeight: "", note: "" };

describe("formatRate / formatDelta", () => {
  it.each([
    [0.875, "87,5 %"],
    [1, "100 %"],
    [0, "0 %"],
    [null, "—"],
    [Number.NaN, "—"],
  ])("rate %s → %s", (rate, text) => expect(formatRate(rate).replace(/\u202f|\u00a0/g, " ")).toBe(text));

  it.each([
    [0.025, "+2,5 pts"],
    [-0.01, "−1 pts"],
    [0, "±0 pts"],
    [null, "—"],
  ])("delta %s → %s", (delta, text) => expect(formatDelta(delta)).toBe(text));
});

describe("deltaTone", () => {
  it.each([
    [0.02, true, "better"],
    [-0.02, true, "worse"],
    [0.02, false, "worse"],
    [-0.02, false, "better"],
    [0.004, true, "neutral"],
    [-0.005, true, "worse"],
    [null, true, "neutral"],
  ] as const)("%s (higher is better: %s) → %s", (delta, higherIsBetter, tone) => expect(deltaTone(delta, higherIsBetter)).toBe(tone));
});

describe("barPercent", () => {
  it.each([
    [5, 10, 50],
    [10, 10, 100],
    [12, 10, 100],
    [-1, 10, 0],
    [3, 0, 0],
  ])("%s of %s → %s %", (value, max, percent) => expect(barPercent(value, max)).toBe(percent));
});

describe("runsPollInterval", () => {
  it("polls while a run is queued or running, stops when all are done", () => {
    expect(runsPollInterval([{ status: "succeeded" }, { status: "running" }])).toBe(2000);
    expect(runsPollInterval([{ status: "queued" }])).toBe(2000);
    expect(runsPollInterval([{ status: "succeeded" }, { status: "failed" }, { status: "cancelled" }])).toBe(false);
    expect(runsPollInterval(undefined)).toBe(false);
  });
});

describe("trainingParameters", () => {
  it("leaves empty fields to the defaults", () => {
    expect(trainingParameters(EMPTY)).toEqual({ parameters: {} });
  });

  it("reads every field", () => {
    expect(trainingParameters({ seed: "7", maxIterations: "200", l2Grid: "10 1 0.1", minTierSupport: "5", fieldLabelWeight: "12,5", note: " essai " })).toEqual({
      parameters: { seed: 7, maxIterations: 200, l2Grid: [10, 1, 0.1], minTierSupport: 5, fieldLabelWeight: 12.5, note: "essai" },
    });
  });

  it.each([
    [{ seed: "-1" }, "seed"],
    [{ seed: "1.5" }, "seed"],
    [{ maxIterations: "4" }, "maxIterations"],
    [{ maxIterations: "2001" }, "maxIterations"],
    [{ minTierSupport: "0" }, "minTierSupport"],
    [{ l2Grid: "0" }, "l2Grid"],
    [{ l2Grid: "101" }, "l2Grid"],
    [{ l2Grid: "1 2 3 4 5 6 7 8 9" }, "l2Grid"],
    [{ l2Grid: "abc" }, "l2Grid"],
    [{ fieldLabelWeight: "0.5" }, "fieldLabelWeight"],
    [{ fieldLabelWeight: "201" }, "fieldLabelWeight"],
    [{ fieldLabelWeight: "beaucoup" }, "fieldLabelWeight"],
  ] as const)("%o is refused on %s", (fields, problem) => {
    expect(trainingParameters({ ...EMPTY, ...fields })).toEqual({ problem });
  });

  it("accepts the boundaries", () => {
    expect(trainingParameters({ ...EMPTY, maxIterations: "5", minTierSupport: "1000", l2Grid: "100", fieldLabelWeight: "200" })).toEqual({ parameters: { maxIterations: 5, minTierSupport: 1000, l2Grid: [100], fieldLabelWeight: 200 } });
  });
});

describe("bytesToBase64", () => {
  it("encodes like Buffer does, across chunk boundaries", () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
  });
});

describe("growthByPeriod", () => {
  it("sums the sources of a period and keeps the running total, oldest first", () => {
    const week1 = new Date("2026-11-02T00:00:00Z");
    const week2 = new Date("2026-11-09T00:00:00Z");
    expect(
      growthByPeriod([
        { periodStart: week2, count: 4, cumulative: 9 },
        { periodStart: week1, count: 2, cumulative: 2 },
        { periodStart: week1, count: 3, cumulative: 5 },
      ]),
    ).toEqual([
      { periodStart: week1, added: 5, total: 5 },
      { periodStart: week2, added: 4, total: 9 },
    ]);
  });

  it("is empty without rows", () => expect(growthByPeriod([])).toEqual([]));
});
