import { describe, expect, it } from "vitest";
import { draftToAnswers, parsePositiveNumber } from "./answers-draft";

describe("parsePositiveNumber", () => {
  it.each([
    ["45", 45],
    ["45,5", 45.5],
    ["45.5", 45.5],
    [" 60 ", 60],
    ["0", null],
    ["-3", null],
    ["", null],
    ["abc", null],
    ["1e3", null],
    ["45,5,2", null],
    ["Infinity", null],
  ])("%j → %j", (raw, expected) => {
    expect(parsePositiveNumber(raw)).toBe(expected);
  });
});

describe("draftToAnswers", () => {
  it("turns lengths, their source and option values into typed answers", () => {
    const { answers, invalid } = draftToAnswers({
      overallLengthCm: "95",
      barrelLengthCm: "55,5",
      lengthSource: "measured",
      ammunition: "bullets",
      stockFixed: "false",
      detachableMagazine: "true",
    });
    expect(invalid).toEqual([]);
    expect(answers).toEqual({
      overallLengthCm: 95,
      barrelLengthCm: 55.5,
      lengthSource: "measured",
      ammunition: "bullets",
      stockFixed: false,
      detachableMagazine: true,
    });
  });

  it.each([
    ["overallLengthCm", "0"],
    ["overallLengthCm", "301"],
    ["barrelLengthCm", "douze"],
    ["magazineCapacity", "5,5"],
    ["magazineCapacity", "201"],
  ])("refuses %s = %j instead of producing a category from it", (field, raw) => {
    const { answers, invalid } = draftToAnswers({ [field]: raw });
    expect(invalid).toEqual([field]);
    expect(answers).not.toHaveProperty(field);
  });

  it("accepts the boundaries of the API's schema", () => {
    expect(draftToAnswers({ overallLengthCm: "300", magazineCapacity: "200" }).invalid).toEqual([]);
  });

  it("drops the length source when no length was typed (the default radio alone says nothing)", () => {
    expect(draftToAnswers({ lengthSource: "photo" }).answers).toEqual({});
  });

  it("'no readable markings' wins over text typed before the box was ticked", () => {
    expect(draftToAnswers({ markingsText: "ZORAKI", noMarkings: "true" }).answers).toEqual({ markingsText: "" });
    expect(draftToAnswers({ markingsText: " ZORAKI 925 ", noMarkings: "" }).answers).toEqual({ markingsText: "ZORAKI 925" });
  });

  it("ignores empty fields, such as an alarm gun left unpicked", () => {
    expect(draftToAnswers({ alarmGunModel: "", markingsText: "  " }).answers).toEqual({});
  });
});
