import { describe, expect, it } from "vitest";
import { hasFilters, parseQueueSearch, toApiFilters, toSearchParams, type QueueSearch } from "./queue-filters";

describe("parseQueueSearch", () => {
  it.each<[string, Record<string, string | string[]>, QueueSearch]>([
    ["no parameters: the waiting queue", {}, { view: "waiting" }],
    ["every known filter", { view: "mine", typology: "revolver", tier: "low", reason: "officer_request", unit: "BR Paris 75", age: "gt24h" }, { view: "mine", typology: "revolver", tier: "low", reason: "officer_request", unit: "BR Paris 75", age: "gt24h" }],
    ["unknown values are dropped", { view: "all", typology: "bazooka", tier: "certain", reason: "boredom", age: "old" }, { view: "waiting" }],
    ["the first of repeated values", { tier: ["medium", "low"] }, { view: "waiting", tier: "medium" }],
    ["blank unit ignored", { unit: "   " }, { view: "waiting" }],
    ["overlong unit ignored", { unit: "x".repeat(121) }, { view: "waiting" }],
    ["unit trimmed", { unit: "  SCAE " }, { view: "waiting", unit: "SCAE" }],
  ])("%s", (_name, raw, expected) => {
    expect(parseQueueSearch(raw)).toEqual(expected);
  });

  it("reads URLSearchParams too", () => {
    expect(parseQueueSearch(new URLSearchParams("tier=high&view=claimed"))).toEqual({ view: "claimed", tier: "high" });
  });
});

describe("toApiFilters", () => {
  it.each<[QueueSearch["age"], { minAgeMinutes?: number; maxAgeMinutes?: number }]>([
    ["lt1h", { maxAgeMinutes: 60 }],
    ["1h-24h", { minAgeMinutes: 60, maxAgeMinutes: 1440 }],
    ["gt24h", { minAgeMinutes: 1440 }],
    [undefined, {}],
  ])("age band %s maps to minutes %j", (age, minutes) => {
    expect(toApiFilters({ view: "waiting", ...(age ? { age } : {}) })).toEqual(minutes);
  });

  it("passes typology, tier, reason and unit, never the view", () => {
    expect(toApiFilters({ view: "mine", typology: "revolver", tier: "low", reason: "quality_sample", unit: "SCAE" })).toEqual({
      typology: "revolver",
      tier: "low",
      reason: "quality_sample",
      unit: "SCAE",
    });
  });
});

describe("toSearchParams", () => {
  it("leaves the defaults out", () => {
    expect(toSearchParams({ view: "waiting" }).toString()).toBe("");
  });

  it("round-trips through parseQueueSearch", () => {
    const search: QueueSearch = { view: "active", typology: "epaule_a_pompe", tier: "medium", reason: "low_confidence", unit: "BR Lyon 69", age: "1h-24h" };
    expect(parseQueueSearch(toSearchParams(search))).toEqual(search);
  });
});

describe("hasFilters", () => {
  it.each<[QueueSearch, boolean]>([
    [{ view: "waiting" }, false],
    [{ view: "mine" }, false],
    [{ view: "waiting", age: "lt1h" }, true],
    [{ view: "waiting", unit: "SCAE" }, true],
  ])("%j → %s", (search, expected) => {
    expect(hasFilters(search)).toBe(expected);
  });
});
