import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Actor } from "@basegun/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDatasetItems } from "../src/services/lifecycle/dataset-items.ts";
import { getDatasetStats } from "../src/services/lifecycle/dataset-stats.ts";
import { exportDatasetVersion } from "../src/services/lifecycle/export.ts";
import { freezeDatasetVersion } from "../src/services/lifecycle/freeze.ts";
import { importLabelledFolder } from "../src/services/lifecycle/import-folder.ts";
import { splitOfKey } from "../src/services/lifecycle/split-rule.ts";
import { drawnImage, expertLabelledCase, makeActor, makeLifecycleHarness, writeLabelledFolder, type LifecycleHarness } from "./lifecycle-fixtures.ts";
import { serviceErrorOf } from "./fixtures.ts";

let h: LifecycleHarness;
let admin: Actor;
let officer: Actor;
let expert: Actor;

beforeAll(async () => {
  h = await makeLifecycleHarness();
  [admin, officer, expert] = await Promise.all([makeActor(h.db, "admin"), makeActor(h.db, "officer"), makeActor(h.db, "expert")]);
});
afterAll(async () => h?.close());


describe("dataset: import, counts, provenance", () => {
  it("imports a folder per label, counts it per label and source, and skips what it already has", async () => {
    await writeLabelledFolder(h.datasetsRoot, "drawn", { revolver: 6, epaule_a_pompe: 5, none: 3 });
    const result = await importLabelledFolder(h.deps, admin, { folder: "drawn", licence: "test", attribution: "drawn by the tests" });
    expect(result).toMatchObject({ name: "drawn", format: "folder-per-label", imported: 14, duplicates: 0 });
    const again = await importLabelledFolder(h.deps, admin, { folder: "drawn" });
    expect(again).toMatchObject({ imported: 0, duplicates: 14 });

    const stats = await getDatasetStats(h.deps, admin, { bucket: "day" });
    const count = (label: string) => stats.byLabel.find((row) => row.label === label)?.count ?? 0;
    expect([count("revolver"), count("epaule_a_pompe"), count("no_firearm")]).toEqual([6, 5, 3]);
    expect(stats.bySource).toEqual([{ source: "import", count: 14 }]);
    expect(stats.growth.at(-1)?.cumulative).toBe(14);
  });

  it("reads the weapons-coarse manifest: coarse labels become label sets, multi-weapon scenes are skipped, groups share a split", async () => {
    const folder = path.join(h.datasetsRoot, "coarse");
    await writeLabelledFolder(h.datasetsRoot, "coarse", {});
    const { mkdir } = await import("node:fs/promises");
    await mkdir(path.join(folder, "HandGun"), { recursive: true });
    const lines = ["file,label,group,multi_weapon_scene,md5"];
    for (let i = 0; i < 6; i++) {
      await writeFile(path.join(folder, "HandGun", `h${i}.jpg`), await drawnImage("coarse-HandGun", i));
      lines.push(`HandGun/h${i}.jpg,HandGun,g${i % 2},${i === 5 ? "yes" : "no"},x`);
    }
    await writeFile(path.join(folder, "manifest.csv"), `${lines.join("\n")}\n`);
    const result = await importLabelledFolder(h.deps, admin, { folder: "coarse" });
    expect(result).toMatchObject({ format: "coarse-manifest", imported: 5 });
    expect(result.skipped).toEqual([{ origin: "HandGun/h5.jpg", code: "multiWeaponScene", reason: "multi-weapon scene" }]);
    expect(result).toMatchObject({ skippedCount: 1, skippedByCode: { multiWeaponScene: 1 } });
    const items = (await listDatasetItems(h.deps, admin, { importId: result.importId })).items;
    expect(items.every((item) => item.labelSet.includes("revolver") && item.typology === null && item.label === "coarse:HandGun")).toBe(true);
    const splitsByGroup = new Map<string, Set<string>>();
    for (const item of items) {
      const group = Number(item.provenance.origin!.match(/h(\d)/)![1]) % 2;
      splitsByGroup.set(String(group), (splitsByGroup.get(String(group)) ?? new Set()).add(item.split));
    }
    for (const splits of splitsByGroup.values()) expect(splits.size).toBe(1);
  });

  it.each([
    ["a path outside the datasets folder", { folder: "../../etc" }, /outside the datasets folder/],
    ["a folder that does not exist", { folder: "nothing-here" }, /not a folder/],
    ["an unknown label", { folder: "drawn", label: "bazooka" }, /unknown label "bazooka"/],
  ])("refuses %s with its reason", async (_name, input, reason) => {
    const error = await serviceErrorOf(importLabelledFolder(h.deps, admin, input));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(reason);
  });

  it("refuses a labels.csv line with a typology outside the catalogue, naming the line", async () => {
    const folder = path.join(h.datasetsRoot, "badcsv");
    const { mkdir } = await import("node:fs/promises");
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, "a.jpg"), await drawnImage("x", 1));
    await writeFile(path.join(folder, "labels.csv"), "file,typology\na.jpg,revolver\na.jpg,laser_gun\n");
    const error = await serviceErrorOf(importLabelledFolder(h.deps, admin, { folder: "badcsv" }));
    expect(error.message).toMatch(/labels\.csv:3: unknown label "laser_gun"/);
  });

  it("lists expert labels with their provenance (case, review, labeller, prediction, model)", async () => {
    const labelled = await expertLabelledCase(h, officer, expert, "revolver", 1);
    const { items } = await listDatasetItems(h.deps, admin, { source: "expert_review" });
    const mine = items.filter((item) => item.provenance.caseId === labelled.caseId);
    expect(mine).toHaveLength(2); // one item per photo of the case
    expect(mine[0]!.provenance).toMatchObject({ reviewId: labelled.reviewId, predictionId: labelled.predictionId, modelVersion: h.shippedVersion, agreesWithModel: false, labeller: { id: expert.userId } });
    expect(new Set(mine.map((item) => item.split)).size).toBe(1); // a case never straddles splits
  });
});

describe("dataset: freeze and export", () => {
  it("freezes an immutable version whose splits never move, and says when nothing changed", async () => {
    const first = await freezeDatasetVersion(h.deps, admin, { note: "first" });
    expect(first.unchanged).toBe(false);
    expect(first.itemCount).toBe(14 + 5 + 2);
    expect(first.counts.splits.train + first.counts.splits.validation + first.counts.splits.test).toBe(first.itemCount);
    const unchanged = await freezeDatasetVersion(h.deps, admin);
    expect(unchanged).toMatchObject({ id: first.id, unchanged: true });

    await expertLabelledCase(h, officer, expert, "epaule_a_pompe", 2);
    const second = await freezeDatasetVersion(h.deps, admin);
    expect(second.number).toBe(first.number + 1);
    expect(second.itemCount).toBe(first.itemCount + 2);
    // every item of version 1 has the same split in version 2
    const [a, b] = await Promise.all([first.id, second.id].map((id) => h.db.datasetVersionItem.findMany({ where: { datasetVersionId: id } })));
    const splitOf = new Map(b!.map((item) => [item.datasetItemId, item.split]));
    for (const item of a!) expect(splitOf.get(item.datasetItemId)).toBe(item.split);
    // and the split is the stable hash of the group
    const rows = await h.db.datasetItem.findMany({ where: { id: { in: a!.map((item) => item.datasetItemId) } } });
    for (const row of rows) expect(a!.find((item) => item.datasetItemId === row.id)!.split).toBe(splitOfKey(row.splitKey));

    await expect(h.db.datasetVersionItem.updateMany({ where: { datasetVersionId: first.id }, data: { split: "test" } })).rejects.toThrow(/frozen/);
    expect(await h.db.auditLog.count({ where: { action: "dataset.freeze" } })).toBe(2);
  });

  it("exports a version as a tar: one folder per label, manifest.csv with provenance, labels.csv the ml format", async () => {
    const version = await h.db.datasetVersion.findFirstOrThrow({ orderBy: { number: "desc" } });
    const exported = await exportDatasetVersion(h.deps, admin, version.id);
    expect(exported.items).toBe(version.itemCount);
    // readable by the platform's user alone, like the photos (whatever the process's umask)
    expect((await stat(exported.path)).mode & 0o777).toBe(0o600);
    const out = await mkdtemp(path.join(tmpdir(), "basegun-export-"));
    execFileSync("tar", ["-xf", exported.path, "-C", out]);
    const manifest = (await readFile(path.join(out, "manifest.csv"), "utf8")).trim().split("\n");
    expect(manifest[0]).toMatch(/^file,label,typology,label_set,source_label,no_firearm,split,source,dataset_item_id,case_id,photo_id,review_id/);
    expect(manifest).toHaveLength(version.itemCount + 1);
    const expertLine = manifest.find((line) => line.includes(",expert_review,"))!;
    expect(expertLine).toMatch(/^(revolver|epaule_a_pompe)\//);
    const firstFile = expertLine.split(",")[0]!;
    expect((await readFile(path.join(out, firstFile))).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const labels = (await readFile(path.join(out, "labels.csv"), "utf8")).trim().split("\n");
    expect(labels[0]).toBe("file,typology,group,split");
    expect(labels.some((line) => /^no_firearm\/.*,none,/.test(line))).toBe(true);
    expect(await h.db.auditLog.count({ where: { action: "dataset.export", resourceId: version.id } })).toBe(1);

    // what an export writes, an import reads back (labels.csv)
    const { cp } = await import("node:fs/promises");
    await cp(out, path.join(h.datasetsRoot, "roundtrip"), { recursive: true });
    const back = await importLabelledFolder(h.deps, admin, { folder: "roundtrip" });
    expect(back.format).toBe("labelled-csv");
    expect(back.imported).toBe(labels.length - 1);
  });
});
