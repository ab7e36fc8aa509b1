// pnpm model:split-csv --split test [--seed 42] [--out test.csv] — the photos of one split of the
// training data as a `pnpm model:eval` manifest (`file,typology,group`: absolute paths, full typology
// labels only, `none` for no-firearm photos, the photo's group so model:eval also reports per case).
// This is how the model card compares versions on the same held-out photos through the production path.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { datasetsDir } from "../src/paths.ts";
import { loadTrainingPhotos } from "../src/training/datasets.ts";

const { values } = parseArgs({ options: { split: { type: "string", default: "test" }, seed: { type: "string", default: "42" }, out: { type: "string" } } });
if (!["train", "validation", "test"].includes(values.split!)) throw new Error("--split train|validation|test");
const { photos } = await loadTrainingPhotos(datasetsDir(), Number(values.seed));
const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const rows = photos
  .filter((photo) => photo.split === values.split && (photo.kind === "no-firearm" || photo.allowedTypologies.length === 1))
  .map((photo) => [photo.path, photo.kind === "no-firearm" ? "none" : photo.allowedTypologies[0]!, photo.group].map(quote).join(","));
const csv = `file,typology,group\n${rows.join("\n")}\n`;
if (values.out) {
  await writeFile(path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out), csv);
  console.error(`${rows.length} photos of the ${values.split} split (seed ${values.seed}) written to ${values.out}`);
} else process.stdout.write(csv);
