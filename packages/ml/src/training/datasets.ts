import { existsSync } from "node:fs";
import { readLabelledCsv, NO_FIREARM_LABEL } from "../data/labelled-csv.ts";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { COARSE_LABEL_TYPOLOGIES, COARSE_LABELS, TYPOLOGY_KEYS, type CoarseLabel, type TypologyKey } from "../domain.ts";
import type { SampleKind } from "./samples.ts";
import { assertCrossFitFold, splitOf, type CrossFitFold, type Split } from "./splits.ts";

export interface PhotoRecord {
  path: string;
  source: string;
  split: Split;
  kind: SampleKind;
  sourceLabel: string;
  allowedTypologies: TypologyKey[];
  /** Weight of the photo's label in the typology head (below 1 for a `likely` typology label). */
  labelWeight?: number;
  /** Photos of one group (one picture's augmented copies, one seized weapon) are one unit: one split, one draw. */
  group: string;
}

export interface DatasetDescription {
  name: string;
  licence: string;
  attribution: string;
}

/** Licences and attribution, as the datasets README requires them to travel with any trained model. */
export const DATASET_DESCRIPTIONS: Record<string, DatasetDescription> = {
  "weapons-coarse": {
    name: "weapons-coarse",
    licence: "CC BY 4.0",
    attribution: 'Public "Weapon detector" dataset (version 6), published on Roboflow Universe by the University of Texas Rio Grande Valley, licence CC BY 4.0.',
  },
  "caltech101-revolver": {
    name: "caltech101-revolver",
    licence: "CC BY 4.0",
    attribution: 'Caltech-101, "revolver" category. L. Fei-Fei, R. Fergus, P. Perona, 2004. Licence CC BY 4.0.',
  },
  "caltech101-negatives": {
    name: "caltech101-negatives",
    licence: "CC BY 4.0",
    attribution: "Caltech-101, 29 categories without firearms (at most 15 images each). L. Fei-Fei, R. Fergus, P. Perona, 2004. Licence CC BY 4.0.",
  },
};

/** Split fractions (train, validation; test is the rest). */
export const SPLIT_FRACTIONS = {
  "weapons-coarse": { train: 0.7, validation: 0.15 },
  // Small sources get a larger held-out share so their rates mean something.
  "caltech101-revolver": { train: 0.5, validation: 0.25 },
  "caltech101-negatives": { train: 0.6, validation: 0.2 },
} as const;

async function readCsv(filePath: string): Promise<Record<string, string>[]> {
  const [header, ...lines] = (await readFile(filePath, "utf8")).split(/\r?\n/).filter((line) => line.trim() !== "");
  if (!header) return [];
  const columns = header.split(",");
  return lines.map((line) => {
    const values = line.split(",");
    if (values.length !== columns.length) throw new Error(`${filePath}: unexpected line ${line}`);
    return Object.fromEntries(columns.map((column, index) => [column, values[index]!]));
  });
}

export interface LoadedPhotos {
  photos: PhotoRecord[];
  droppedMultiWeaponScenes: number;
  /** weapons-coarse photos whose typology label is `multiple` or `none` (several weapons, or none, in one picture). */
  droppedByTypologyLabel: number;
  /** Whether weapons-coarse labels came from typology-labels.csv. */
  typologyLabels: boolean;
  /** Licence and attribution of every source that contributed photos. */
  descriptions: DatasetDescription[];
}

/** Split of extra labelled sources (platform exports are small: a bigger held-out share). */
export const EXTRA_SOURCE_SPLIT = { train: 0.6, validation: 0.2 } as const;

/**
 * An extra source is a labelled-photo CSV (`file,typology[,group]`, see data/labelled-csv.ts). Its
 * name is the CSV's file name without extension, or its folder's name for a generic `manifest.csv` /
 * `labels.csv`. An optional `<csv name>.dataset.json` next to it ({ "licence", "attribution" })
 * describes it for the model card.
 */
export async function loadExtraSource(csvPath: string, seed: number, folds?: CrossFitFold): Promise<{ photos: PhotoRecord[]; description: DatasetDescription }> {
  const absolute = path.resolve(csvPath);
  const base = path.basename(absolute, path.extname(absolute));
  const name = `extra:${["manifest", "labels"].includes(base) ? path.basename(path.dirname(absolute)) : base}`;
  const sidecar = path.join(path.dirname(absolute), `${base}.dataset.json`);
  const declared = existsSync(sidecar) ? (JSON.parse(await readFile(sidecar, "utf8")) as Partial<DatasetDescription>) : {};
  const description: DatasetDescription = {
    name,
    licence: declared.licence ?? "not stated",
    attribution: declared.attribution ?? `Extra labelled photos listed in ${path.basename(absolute)} (no attribution declared).`,
  };
  const salt = `basegun-split-seed-${seed}`;
  const photos = (await readLabelledCsv(absolute)).map((photo): PhotoRecord => {
    const split = splitOf(`${name}:${photo.group}`, EXTRA_SOURCE_SPLIT, salt, folds);
    const group = `${name}:${photo.group}`;
    return photo.label === NO_FIREARM_LABEL
      ? { path: photo.path, source: name, split, kind: "no-firearm", sourceLabel: `no_firearm:${name}`, allowedTypologies: [], group }
      : // A fine-grained label is a full label: a singleton set.
        { path: photo.path, source: name, split, kind: "weapon", sourceLabel: photo.label, allowedTypologies: [photo.label], group };
  });
  return { photos, description };
}

/**
 * Lists the training photos of the three datasets with their split and label set. weapons-coarse is
 * split by `group` (augmented copies of one picture stay together); multi-weapon scenes are dropped.
 */
/** File of weapons-coarse giving each single-weapon picture its typology (see the datasets README). */
export const TYPOLOGY_LABELS_FILE = "typology-labels.csv";

/**
 * Weight of a `likely` typology label against a `sure` one. Measured on the pictures labelled twice
 * (datasets README): the second pass named the same typology for 242 of 242 `sure` files and for 93 of
 * 97 `likely` files (the 4 others were "unsure", never another typology): 0.95.
 */
export const LIKELY_LABEL_WEIGHT = 0.95;

/** What a typology-labels.csv row makes of a weapons-coarse photo: a label set and its weight, or dropped. */
export function typologyLabelOf(row: { typology?: string; certainty?: string }, coarse: CoarseLabel): { sourceLabel: string; allowedTypologies: TypologyKey[]; labelWeight: number } | "drop" {
  const typology = row.typology ?? "";
  if (typology === "multiple" || typology === "none") return "drop";
  if (typology === "unsure" || typology === "") return { sourceLabel: `${coarse}:unsure`, allowedTypologies: COARSE_LABEL_TYPOLOGIES[coarse], labelWeight: 1 };
  if (!(TYPOLOGY_KEYS as readonly string[]).includes(typology)) throw new Error(`Unknown typology ${typology} in ${TYPOLOGY_LABELS_FILE}`);
  if (row.certainty !== "sure" && row.certainty !== "likely") throw new Error(`Unknown certainty ${row.certainty} in ${TYPOLOGY_LABELS_FILE}`);
  return { sourceLabel: typology, allowedTypologies: [typology as TypologyKey], labelWeight: row.certainty === "likely" ? LIKELY_LABEL_WEIGHT : 1 };
}

export interface LoadTrainingPhotosOptions {
  /**
   * true (default when the file exists): weapons-coarse photos take their label from
   * typology-labels.csv; false: the coarse folder's label set only (how models up to 2026.11.25-3 were trained).
   */
  typologyLabels?: boolean;
  /** Cross-fitting: train + validation cut into folds (splits.ts CrossFitFold); the test split is unchanged. */
  folds?: CrossFitFold;
}

export async function loadTrainingPhotos(datasetsDir: string, seed: number, extraSources: readonly string[] = [], options: LoadTrainingPhotosOptions = {}): Promise<LoadedPhotos> {
  const salt = `basegun-split-seed-${seed}`;
  const { folds } = options;
  if (folds) assertCrossFitFold(folds);
  const photos: PhotoRecord[] = [];
  const weaponsDir = path.join(datasetsDir, "weapons-coarse");
  const labelsPath = path.join(weaponsDir, TYPOLOGY_LABELS_FILE);
  const useTypologyLabels = options.typologyLabels ?? existsSync(labelsPath);
  const typologyRows = useTypologyLabels ? new Map((await readCsv(labelsPath)).map((row) => [row.file!, row])) : undefined;
  let droppedMultiWeaponScenes = 0;
  let droppedByTypologyLabel = 0;
  for (const row of await readCsv(path.join(weaponsDir, "manifest.csv"))) {
    if (row.multi_weapon_scene === "yes") {
      droppedMultiWeaponScenes++;
      continue;
    }
    const label = row.label as CoarseLabel;
    if (!COARSE_LABELS.includes(label)) throw new Error(`Unknown weapons-coarse label ${row.label}`);
    const split = splitOf(`weapons-coarse:${row.group}`, SPLIT_FRACTIONS["weapons-coarse"], salt, folds);
    const common = { path: path.join(weaponsDir, row.file!), source: "weapons-coarse", split, kind: "weapon" as const, group: `weapons-coarse:${row.group}` };
    if (!typologyRows) {
      photos.push({ ...common, sourceLabel: label, allowedTypologies: COARSE_LABEL_TYPOLOGIES[label] });
      continue;
    }
    const typologyRow = typologyRows.get(row.file!);
    const labelled = typologyLabelOf(typologyRow ?? {}, label);
    if (labelled === "drop") {
      droppedByTypologyLabel++;
      continue;
    }
    photos.push({ ...common, ...labelled });
  }

  const revolverDir = path.join(datasetsDir, "caltech101-revolver");
  if (existsSync(revolverDir)) {
    for (const file of (await readdir(revolverDir)).filter((name) => /\.(jpe?g|png)$/i.test(name)).sort()) {
      photos.push({
        path: path.join(revolverDir, file),
        source: "caltech101-revolver",
        split: splitOf(`caltech101-revolver:${file}`, SPLIT_FRACTIONS["caltech101-revolver"], salt, folds),
        kind: "weapon",
        sourceLabel: "revolver",
        allowedTypologies: ["revolver"],
        group: `caltech101-revolver:${file}`,
      });
    }
  }

  const negativesDir = path.join(datasetsDir, "caltech101-negatives");
  if (existsSync(negativesDir)) {
    for (const row of await readCsv(path.join(negativesDir, "manifest.csv"))) {
      photos.push({
        path: path.join(negativesDir, row.file!),
        source: "caltech101-negatives",
        split: splitOf(`caltech101-negatives:${row.file}`, SPLIT_FRACTIONS["caltech101-negatives"], salt, folds),
        kind: "no-firearm",
        sourceLabel: `no_firearm:${row.category}`,
        allowedTypologies: [],
        group: `caltech101-negatives:${row.file}`,
      });
    }
  }
  const descriptions = Object.values(DATASET_DESCRIPTIONS).filter((description) => photos.some((photo) => photo.source === description.name));
  for (const csvPath of extraSources) {
    const extra = await loadExtraSource(csvPath, seed, folds);
    if (descriptions.some((description) => description.name === extra.description.name)) throw new Error(`Two sources are named ${extra.description.name}: rename one CSV`);
    photos.push(...extra.photos);
    descriptions.push(extra.description);
  }
  return { photos, droppedMultiWeaponScenes, droppedByTypologyLabel, typologyLabels: useTypologyLabels, descriptions };
}
