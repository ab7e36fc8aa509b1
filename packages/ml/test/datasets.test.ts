import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExtraSource, loadTrainingPhotos } from "../src/training/datasets.ts";
import { datasetsDir } from "../src/paths.ts";

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), "basegun-ml-datasets-"));
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

describe("extra labelled sources (--source)", () => {
  it("turns typology labels into full labels, none into no-firearm photos, and keeps a group in one split", async () => {
    const csv = path.join(workDir, "expert-export.csv");
    const rows = Array.from({ length: 40 }, (_, i) => `case-${i % 10}/p${i}.jpg,${i % 4 === 0 ? "none" : "epaule_a_levier_sous_garde"},case-${i % 10}`);
    await writeFile(csv, `file,typology,group\n${rows.join("\n")}\n`);
    await writeFile(path.join(workDir, "expert-export.dataset.json"), JSON.stringify({ licence: "internal", attribution: "Basegun expert reviews" }));
    const { photos, description } = await loadExtraSource(csv, 42);
    expect(description).toEqual({ name: "extra:expert-export", licence: "internal", attribution: "Basegun expert reviews" });
    expect(photos).toHaveLength(40);
    const weapon = photos.find((photo) => photo.kind === "weapon")!;
    expect(weapon).toMatchObject({ source: "extra:expert-export", sourceLabel: "epaule_a_levier_sous_garde", allowedTypologies: ["epaule_a_levier_sous_garde"] });
    expect(photos.filter((photo) => photo.kind === "no-firearm").every((photo) => photo.allowedTypologies.length === 0)).toBe(true);
    for (let group = 0; group < 10; group++) {
      const splits = new Set(photos.filter((photo) => photo.path.includes(`case-${group}/`)).map((photo) => photo.split));
      expect(splits.size).toBe(1);
    }
    expect(path.isAbsolute(weapon.path) && weapon.path.startsWith(workDir)).toBe(true);
  });

  it("refuses a CSV with an unknown typology", async () => {
    const csv = path.join(workDir, "bad.csv");
    await writeFile(csv, "file,typology\na.jpg,shotgun\n");
    await expect(loadExtraSource(csv, 1)).rejects.toThrow(/unknown typology "shotgun"/);
  });
});

describe("shared datasets (read only when present)", () => {
  const dir = datasetsDir();
  it.skipIf(!existsSync(path.join(dir, "weapons-coarse")))("lists the three public sources with licences", async () => {
    const { photos, descriptions } = await loadTrainingPhotos(dir, 42);
    expect(descriptions.map((description) => description.name)).toEqual(["weapons-coarse", "caltech101-revolver", "caltech101-negatives"]);
    expect(descriptions.every((description) => description.licence === "CC BY 4.0")).toBe(true);
    expect(photos.length).toBeGreaterThan(4000);
  });
  if (!existsSync(path.join(dir, "weapons-coarse"))) it("skips: shared datasets not found at DATASETS_DIR", () => {});
});
