import { describe, expect, it } from "vitest";
import { importRefusalOf } from "./import-messages";

describe("importRefusalOf", () => {
  it.each<[string, unknown, ReturnType<typeof importRefusalOf>]>([
    [
      "an unknown label, with its line",
      { data: { messageKey: "datasetImportInvalid", details: { reason: "labels.csv:3: unknown label", problem: "unknownLabel", where: "labels.csv:3", label: "laser_gun" } } },
      { problem: "unknownLabel", values: { where: "labels.csv:3", label: "laser_gun" } },
    ],
    ["a folder that does not exist", { data: { messageKey: "datasetImportInvalid", details: { problem: "notAFolder", folder: "x" } } }, { problem: "notAFolder", values: { folder: "x" } }],
    ["an unknown problem code", { data: { messageKey: "datasetImportInvalid", details: { problem: "somethingNew" } } }, null],
    ["another error", { data: { messageKey: "forbidden", details: null } }, null],
    ["no data", new Error("network"), null],
  ])("%s", (_name, error, expected) => {
    expect(importRefusalOf(error)).toEqual(expected);
  });
});
