import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIKELY_LABEL_WEIGHT, loadExtraSource, loadTrainingPhotos, typologyLabelOf } from "../src/training/datasets.ts";
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

describe("weapons-coarse typology labels (typology-labels.csv)", () => {
  it.each([
    [{ typology: "revolver", certainty: "sure" }, "HandGun", { sourceLabel: "revolver", allowedTypologies: ["revolver"], labelWeight: 1 }],
    [{ typology: "epaule_a_pompe", certainty: "likely" }, "ShotGun", { sourceLabel: "epaule_a_pompe", allowedTypologies: ["epaule_a_pompe"], labelWeight: LIKELY_LABEL_WEIGHT }],
    [{ typology: "unsure", certainty: "" }, "ShotGun", { sourceLabel: "ShotGun:unsure", allowedTypologies: ["epaule_a_pompe", "epaule_a_un_coup_par_canon", "epaule_semi_auto_style_chasse"], labelWeight: 1 }],
    [{}, "SMG", { sourceLabel: "SMG:unsure", allowedTypologies: ["semi_auto_style_militaire_autre"], labelWeight: 1 }],
    [{ typology: "multiple", certainty: "" }, "Rifle", "drop"],
    [{ typology: "none", certainty: "" }, "HandGun", "drop"],
  ] as const)("%o under %s", (row, coarse, expected) => {
    expect(typologyLabelOf(row, coarse)).toEqual(expected);
  });

  it("refuses an unknown typology or certainty instead of guessing", () => {
    expect(() => typologyLabelOf({ typology: "musket", certainty: "sure" }, "Rifle")).toThrow(/Unknown typology musket/);
    expect(() => typologyLabelOf({ typology: "revolver", certainty: "maybe" }, "HandGun")).toThrow(/Unknown certainty maybe/);
  });

  it("reads the labels from the file next to manifest.csv, keeps each group in one split, and can be turned off", async () => {
    const root = path.join(workDir, "typology-datasets");
    const { mkdir } = await import("node:fs/promises");
    await mkdir(path.join(root, "weapons-coarse"), { recursive: true });
    const files = Array.from({ length: 30 }, (_, i) => ({ file: `HandGun/g${i % 6}-${i}.jpg`, group: `g${i % 6}` }));
    await writeFile(path.join(root, "weapons-coarse", "manifest.csv"), `file,label,group,multi_weapon_scene,md5\n${files.map((f, i) => `${f.file},HandGun,${f.group},no,m${i}`).join("\n")}\n`);
    const typology = (group: string) => (group === "g0" ? "multiple,," : group === "g1" ? "unsure,," : group === "g2" ? "revolver,likely" : "pistolet_semi_auto_moderne,sure");
    await writeFile(
      path.join(root, "weapons-coarse", "typology-labels.csv"),
      `file,typology,certainty,group,coarse_label,second_opinion\n${files.map((f) => `${f.file},${typology(f.group).split(",").slice(0, 2).join(",")},${f.group},HandGun,`).join("\n")}\n`,
    );
    const loaded = await loadTrainingPhotos(root, 42);
    expect(loaded.typologyLabels).toBe(true);
    expect(loaded.droppedByTypologyLabel).toBe(5);
    expect(loaded.photos).toHaveLength(25);
    expect(loaded.photos.filter((photo) => photo.sourceLabel === "revolver").every((photo) => photo.labelWeight === LIKELY_LABEL_WEIGHT)).toBe(true);
    expect(loaded.photos.filter((photo) => photo.sourceLabel === "HandGun:unsure")).toHaveLength(5);
    for (const group of ["g1", "g2", "g3", "g4", "g5"]) expect(new Set(loaded.photos.filter((photo) => photo.path.includes(`/${group}-`)).map((photo) => photo.split)).size).toBe(1);
    const coarse = await loadTrainingPhotos(root, 42, [], { typologyLabels: false });
    expect(coarse.photos).toHaveLength(30);
    expect(coarse.photos.every((photo) => photo.sourceLabel === "HandGun" && photo.allowedTypologies.length === 4)).toBe(true);
  });
});
