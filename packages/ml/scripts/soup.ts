// pnpm model:soup --out .cache/ml/soup/backbone.onnx <backbone.onnx> <backbone.onnx> [...]
// Averages fine-tuned backbones weight by weight (src/backbone/average-backbones.ts: a uniform "model
// soup" of fine-tuning runs that started from the same converted backbone, e.g. several seeds of
// `pnpm model:finetune`). Writes the averaged backbone and, beside it, a finetune-log.json naming each
// ingredient (path, sha256, its own fine-tuning log), so `pnpm model:train --fine-tuned-backbone <out>`
// ships the soup with a card that says how to rebuild it. Inference costs what one backbone costs.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { averageBackbones } from "../src/backbone/average-backbones.ts";
import { fileSha256 } from "../src/backbone/prepare-backbone.ts";
import { REPO_ROOT } from "../src/paths.ts";
import { FINE_TUNE_LOG_FILE } from "../src/training/train-pipeline.ts";

const { values, positionals } = parseArgs({ options: { out: { type: "string" } }, allowPositionals: true });
// pnpm runs package scripts from the package folder: resolve against where the user typed
const resolve = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
if (!values.out || positionals.length < 2) {
  console.error("usage: pnpm model:soup --out <backbone.onnx> <fine-tuned backbone.onnx> <fine-tuned backbone.onnx> [...]");
  process.exit(2);
}
const out = resolve(values.out);
const ingredients = positionals.filter((arg) => arg !== "--").map(resolve);
// the soup's finetune-log.json is written beside it: never into an ingredient's folder, whose log it would replace
const clash = ingredients.find((file) => path.dirname(file) === path.dirname(out));
if (clash) {
  console.error(`--out must be in its own folder: ${path.dirname(out)} holds the ingredient ${clash} and its fine-tuning log`);
  process.exit(2);
}
const started = performance.now();
const soup = averageBackbones(await Promise.all(ingredients.map((file) => readFile(file))));
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, soup.bytes);
const relative = (file: string) => path.relative(REPO_ROOT, file);
const log = {
  soup: {
    command: `pnpm model:soup --out ${relative(out)} ${ingredients.map(relative).join(" ")}`,
    averagedInitialisers: soup.averaged,
    identicalInitialisers: soup.identical,
    ingredients: await Promise.all(
      ingredients.map(async (file) => {
        const logFile = path.join(path.dirname(file), FINE_TUNE_LOG_FILE);
        return { path: relative(file), sha256: await fileSha256(file), log: existsSync(logFile) ? JSON.parse(await readFile(logFile, "utf8")) : null };
      }),
    ),
  },
};
await writeFile(path.join(path.dirname(out), FINE_TUNE_LOG_FILE), `${JSON.stringify(log, null, 1)}\n`);
console.log(
  `soup of ${ingredients.length} backbones written to ${relative(out)} (sha256 ${(await fileSha256(out))!.slice(0, 12)}…): ${soup.averaged} initialisers averaged, ${soup.identical} identical in every ingredient, ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
