import { describe, expect, it } from "vitest";
import { exportDownloadPath, isExportFileName } from "./export-file";

describe("isExportFileName", () => {
  it.each([
    ["dataset-v3-20261125T230000Z.tar", true],
    ["dataset-v12-2026-11-25T23-00-00.tar", true],
    ["dataset-v3-x.tar.gz", false],
    ["../dataset-v3-x.tar", false],
    ["dataset-v3-..tar", false],
    ["dataset-v3-a/b.tar", false],
    ["manifest.csv", false],
    ["dataset-vX-a.tar", false],
  ])("%s → %s", (name, ok) => expect(isExportFileName(name)).toBe(ok));

  it("links under the admin exports route", () => {
    expect(exportDownloadPath("dataset-v1-a.tar")).toBe("/api/admin/exports/dataset-v1-a.tar");
  });
});
