import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse/sync";
import { extract } from "tar-stream";
import path from "node:path";
import type { Actor } from "@basegun/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServiceError } from "../src/errors.ts";
import { csvLine, parseCsv } from "../src/services/lifecycle/csv.ts";
import { exportDatasetVersion } from "../src/services/lifecycle/export.ts";
import { freezeDatasetVersion } from "../src/services/lifecycle/freeze.ts";
import { importLabelledFolder } from "../src/services/lifecycle/import-folder.ts";
import { mergePictures, type MergeRow } from "../src/services/lifecycle/picture-merge.ts";
import { splitOfKey } from "../src/services/lifecycle/split-rule.ts";
import { drawnImage, expertLabelledCase, makeActor, makeLifecycleHarness, type LifecycleHarness } from "./lifecycle-fixtures.ts";

// group keys whose hash lands in each split (splitOfKey: first 8 hex digits mod 100)
const TRAIN = "00000000aaaa"; // 0 → train
const TEST = "00000059bbbb"; // 0x59 = 89 → test
const TRAIN_2 = "00000001cccc"; // 1 → train

describe("mergePictures", () => {
  const row = (id: string, picture: string, splitKey: string, full: boolean, imageId = id): MergeRow => ({ id, picture, splitKey, full, imageId });
  it.each<[string, MergeRow[], string[], Record<string, string>, Record<string, string>]>([
    ["distinct pictures: all kept, own splits", [row("b", "p2", TRAIN, true), row("a", "p1", TEST, true)], ["a", "b"], {}, { [TRAIN]: "train", [TEST]: "test" }],
    [
      "a newer expert label replaces an older coarse import of the same file, in the import's split",
      [row("expert", "p1", TRAIN, true), row("coarse", "p1", TEST, false)],
      ["expert"],
      { coarse: "replaced" },
      { [TRAIN]: "test", [TEST]: "test" },
    ],
    [
      "a full label is kept even when a coarse one is newer",
      [row("coarse", "p1", TEST, false), row("expert", "p1", TRAIN, true)],
      ["expert"],
      { coarse: "replaced" },
      { [TRAIN]: "train", [TEST]: "train" },
    ],
    ["the same photo labelled again: the newest supersedes", [row("new", "p1", TRAIN, true, "photo1"), row("old", "p1", TRAIN, true, "photo1")], ["new"], { old: "superseded" }, {}],
    ["two full labels from two cases: merged, newest kept", [row("new", "p1", TEST, true), row("old", "p1", TRAIN, true)], ["new"], { old: "merged" }, { [TEST]: "train" }],
    [
      "links are transitive: three groups chained by two pictures take the oldest group's split",
      [row("c", "p2", TRAIN_2, true), row("b2", "p2", TEST, false), row("b1", "p1", TEST, true), row("a", "p1", TRAIN, false)],
      ["c", "b1"],
      { b2: "replaced", a: "replaced" },
      { [TRAIN_2]: "train", [TEST]: "train", [TRAIN]: "train" },
    ],
  ])("%s", (_name, rows, kept, dropped, splits) => {
    const outcome = mergePictures(rows);
    expect([...outcome.kept].sort()).toEqual([...kept].sort());
    expect(Object.fromEntries(outcome.dropped)).toEqual(dropped);
    for (const [key, split] of Object.entries(splits)) expect(outcome.splitOf(key)).toBe(split);
  });

  it("test keys are in the splits they claim", () => {
    expect([splitOfKey(TRAIN), splitOfKey(TEST), splitOfKey(TRAIN_2)]).toEqual(["train", "test", "train"]);
  });
});

describe("freeze: one picture, one label, one split, across sources and versions", () => {
  let h: LifecycleHarness;
  let admin: Actor;
  let officer: Actor;
  let expert: Actor;
  beforeAll(async () => {
    h = await makeLifecycleHarness();
    [admin, officer, expert] = await Promise.all([makeActor(h.db, "admin"), makeActor(h.db, "officer"), makeActor(h.db, "expert")]);
  });
  afterAll(async () => h?.close());

  /** The frozen items of a version that show this picture (by its original bytes), with their source. */
  async function frozenOfPicture(versionId: string, sha256: string) {
    const items = await h.db.datasetVersionItem.findMany({ where: { datasetVersionId: versionId }, include: { datasetItem: { include: { photo: true } } } });
    return items.filter((item) => (item.datasetItem.photo?.originalSha256 ?? item.datasetItem.sha256) === sha256);
  }

  async function countsMatchDatabase(version: Awaited<ReturnType<typeof freezeDatasetVersion>>) {
    const excluded = version.counts.excluded;
    const allItems = await h.db.datasetItem.count();
    expect(version.itemCount + excluded.unusable + excluded.superseded + excluded.noImage + (excluded.replaced ?? 0) + (excluded.merged ?? 0)).toBe(allItems);
    expect(await h.db.datasetVersionItem.count({ where: { datasetVersionId: version.id } })).toBe(version.itemCount);
  }

  it("the same file imported with a coarse label, then labelled by an expert, lands in one split with the expert's label", async () => {
    const file = await drawnImage("same-file", 7);
    const sha256 = createHash("sha256").update(file).digest("hex");
    const folder = path.join(h.datasetsRoot, "coarse-same");
    await mkdir(path.join(folder, "HandGun"), { recursive: true });
    await writeFile(path.join(folder, "HandGun", "same file, «é».jpg"), file);
    await writeFile(path.join(folder, "HandGun", "other.jpg"), await drawnImage("other-file", 3));
    await writeFile(path.join(folder, "manifest.csv"), `file,label,group,multi_weapon_scene,md5\n"HandGun/same file, «é».jpg",HandGun,g1,no,x\nHandGun/other.jpg,HandGun,g2,no,x\n`);
    const imported = await importLabelledFolder(h.deps, admin, { folder: "coarse-same" });
    expect(imported.imported).toBe(2);

    const first = await freezeDatasetVersion(h.deps, admin, { note: "coarse only" });
    const [coarse] = await frozenOfPicture(first.id, sha256);
    expect(coarse).toMatchObject({ source: "import", typology: null });
    expect(first.counts.excluded).toMatchObject({ replaced: 0, merged: 0 });
    await countsMatchDatabase(first);

    // the same file reaches an officer's case; an expert labels it (its second photo is another picture)
    const labelled = await expertLabelledCase(h, officer, expert, "revolver", 1, [file, await drawnImage("case-second-photo", 2)]);
    const second = await freezeDatasetVersion(h.deps, admin, { note: "expert label" });
    const frozen = await frozenOfPicture(second.id, sha256);
    expect(frozen).toHaveLength(1);
    expect(frozen[0]).toMatchObject({ source: "expert_review", typology: "revolver", split: coarse!.split });
    expect(frozen[0]!.datasetItem.reviewId).toBe(labelled.reviewId);
    // the case does not straddle splits: its other photo follows
    const caseItems = await h.db.datasetVersionItem.findMany({ where: { datasetVersionId: second.id, datasetItem: { reviewId: labelled.reviewId } } });
    expect(caseItems).toHaveLength(2);
    expect(new Set(caseItems.map((item) => item.split))).toEqual(new Set([coarse!.split]));
    // the freeze says what it merged, true to the database
    expect(second.counts.excluded).toMatchObject({ replaced: 1, merged: 0 });
    const caseKey = (await h.db.datasetItem.findFirstOrThrow({ where: { reviewId: labelled.reviewId } })).splitKey;
    expect(second.counts.realigned).toBe(splitOfKey(caseKey) === coarse!.split ? 0 : 2);
    expect(second.itemCount).toBe(first.itemCount + 1);
    await countsMatchDatabase(second);
  });

  it("an import's counts are the database's: every skipped file counted (over 200 too), duplicates apart", async () => {
    const folder = path.join(h.datasetsRoot, "counted");
    await mkdir(path.join(folder, "revolver"), { recursive: true });
    for (let i = 0; i < 3; i++) await writeFile(path.join(folder, "revolver", `r ${i}, «é».jpg`), await drawnImage("counted", i));
    for (let i = 0; i < 230; i++) await writeFile(path.join(folder, "revolver", `broken-${i}.jpg`), "not an image");
    const first = await importLabelledFolder(h.deps, admin, { folder: "counted" });
    expect(first).toMatchObject({ imported: 3, duplicates: 0, skippedCount: 230, skippedByCode: { notAnImage: 230 } });
    expect(first.skipped).toHaveLength(200); // the list is cut, never the count
    const again = await importLabelledFolder(h.deps, admin, { folder: "counted" });
    expect(again).toMatchObject({ imported: 0, duplicates: 3, skippedCount: 230 });
    for (const result of [first, again]) {
      const row = await h.db.datasetImport.findUniqueOrThrow({ where: { id: result.importId } });
      expect(row.itemCount).toBe(result.imported);
      expect(row.skipped).toBe(result.skippedCount + result.duplicates);
      expect(await h.db.datasetItem.count({ where: { importId: result.importId } })).toBe(result.imported);
    }
  });

  it("a refused folder says which problem, with its values, for the admin's language", async () => {
    const folder = path.join(h.datasetsRoot, "bad-label");
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, "a b.jpg"), await drawnImage("bad", 1));
    await writeFile(path.join(folder, "labels.csv"), 'file,typology\n"a b.jpg",laser_gun\n');
    const error = await importLabelledFolder(h.deps, admin, { folder: "bad-label" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).details).toMatchObject({ problem: "unknownLabel", where: "labels.csv:2", label: "laser_gun" });
  });

  /** Unpacks an exported tar with tar-stream (the same library that wrote it), into a folder. */
  async function unpack(tarPath: string): Promise<string> {
    const out = await mkdtemp(path.join(tmpdir(), "basegun-unpack-"));
    const reader = extract();
    reader.on("entry", (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: unknown) => {
        chunks.push(chunk as Buffer);
      });
      stream.on("end", () => {
        const file = path.join(out, header.name);
        void mkdir(path.dirname(file), { recursive: true })
          .then(() => writeFile(file, Buffer.concat(chunks)))
          .then(() => next(), next);
      });
    });
    await pipeline(createReadStream(tarPath), reader);
    return out;
  }

  it("export and import keep file names holding commas, quotes, spaces and accents", async () => {
    const names = ['revolver, "modèle 1892".jpg', "pompe à   canon long.jpg", "l'arme ; n°3 « ÉÀÇ ».jpg"];
    const folder = path.join(h.datasetsRoot, "names");
    await mkdir(folder, { recursive: true });
    const lines = [csvLine(["file", "typology"])];
    for (const [i, name] of names.entries()) {
      await writeFile(path.join(folder, name), await drawnImage("names", 40 + i));
      lines.push(csvLine([name, i === 1 ? "epaule_a_pompe" : "revolver"]));
    }
    await writeFile(path.join(folder, "labels.csv"), lines.join(""));
    expect(parseCsv(lines.join("")).rows.map((row) => row.values.file)).toEqual(names);
    const imported = await importLabelledFolder(h.deps, admin, { folder: "names", attribution: 'Atelier "Dupont, fils" à Saint-Étienne' });
    expect(imported).toMatchObject({ imported: 3, skippedCount: 0 });

    const version = await freezeDatasetVersion(h.deps, admin);
    const exported = await exportDatasetVersion(h.deps, admin, version.id);
    expect(exported.items).toBe(version.itemCount);
    expect(exported.sha256).toBe(createHash("sha256").update(await readFile(exported.path)).digest("hex"));
    const out = await unpack(exported.path);
    const manifest = parse(await readFile(path.join(out, "manifest.csv"), "utf8"), { columns: true }) as Array<Record<string, string>>;
    expect(manifest).toHaveLength(version.itemCount);
    const origins = manifest.filter((row) => row.import_name === "names").map((row) => row.origin).sort();
    expect(origins).toEqual([...names].sort());

    // the export's own folder imports back: labels.csv read by csv-parse, the same files found
    await mkdir(path.join(h.datasetsRoot, "reimported"), { recursive: true });
    const { cp } = await import("node:fs/promises");
    await cp(out, path.join(h.datasetsRoot, "reimported"), { recursive: true });
    const again = await importLabelledFolder(h.deps, admin, { folder: "reimported" });
    const labelled = parse(await readFile(path.join(out, "labels.csv"), "utf8"), { columns: true }) as unknown[];
    expect(again).toMatchObject({ format: "labelled-csv", imported: labelled.length, skippedCount: 0 });
  });

  it("exports 10,000 items streamed: the archive is written as it goes, never held in memory", async () => {
    // one stored image (a JPEG header and 20 KB), shared by 10,000 frozen items written straight to the tables
    const image = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(20 * 1024)]);
    const imageKey = "derivatives/dataset/stream/test.jpg";
    await h.deps.store.put(imageKey, image);
    const sha256 = createHash("sha256").update(image).digest("hex");
    const count = 10_000;
    const items = Array.from({ length: count }, (_, i) => ({ id: `stream${String(i).padStart(6, "0")}`, source: "import" as const, imageKey, sha256, typology: "revolver", categoryLetters: [], splitKey: "00000000aaaa", origin: `stream, "n°${i}".jpg` }));
    for (let start = 0; start < count; start += 2000) await h.db.datasetItem.createMany({ data: items.slice(start, start + 2000) });
    const latest = await h.db.datasetVersion.findFirst({ orderBy: { number: "desc" } });
    const version = await h.db.datasetVersion.create({
      data: { number: (latest?.number ?? 0) + 1, splitRule: "test", itemCount: count, counts: {}, contentSha256: "stream-test" },
    });
    for (let start = 0; start < count; start += 2000) {
      await h.db.datasetVersionItem.createMany({
        data: items.slice(start, start + 2000).map((item) => ({ datasetVersionId: version.id, datasetItemId: item.id, typology: "revolver", labelSet: [], split: "train" as const, source: "import" as const, sourceLabel: "revolver", sha256, imageKey })),
      });
    }

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const exported = await exportDatasetVersion(h.deps, admin, version.id).finally(() => clearInterval(sampler));
    expect(exported.items).toBe(count);
    expect(exported.bytes).toBeGreaterThan(count * image.length);
    // the archive (over 200 MB) never sat in memory: the process grew by far less than its size
    expect(peak - baseline).toBeLessThan(exported.bytes / 2);
    expect(exported.sha256).toBe(createHash("sha256").update(await readFile(exported.path)).digest("hex"));
    let entries = 0;
    const reader = extract();
    reader.on("entry", (_header, stream, next) => {
      entries += 1;
      stream.on("end", next);
      stream.resume();
    });
    await pipeline(createReadStream(exported.path), reader);
    expect(entries).toBe(count + 3); // the images, manifest.csv, labels.csv, dataset-version.json
  }, 180_000);
});
