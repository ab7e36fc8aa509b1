// pnpm model:eval --manifest <csv> [--model <version> | --model-dir <dir>] [--provider cpu|cuda] [--out report.json]
// Evaluates a model version (default: the latest under models/) on the photos listed in a CSV with the
// columns file,typology (file relative to the CSV; typology = one of the twelve keys or none) and prints
// ONE JSON object on stdout (definitions in README.md, "Evaluating a model"). Progress goes to stderr.
// Through the root package use `pnpm -s model:eval …` so pnpm's banner does not precede the JSON.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { prepareBackbone } from "../src/backbone/prepare-backbone.ts";
import { evaluateCsv } from "../src/evaluation/evaluate-csv.ts";
import { latestModelVersion, resolveModelVersionDir } from "../src/model-versions.ts";
import { DEFAULT_BACKBONE_PATH } from "../src/paths.ts";
import { loadIdentifier } from "../src/runtime/identifier.ts";
import type { ExecutionProvider } from "../src/runtime/session.ts";

const { values } = parseArgs({
  options: { manifest: { type: "string" }, model: { type: "string" }, "model-dir": { type: "string" }, provider: { type: "string", default: "cpu" }, out: { type: "string" } },
});
if (!values.manifest) {
  console.error("usage: pnpm model:eval --manifest <photos.csv> [--model <version>] [--out report.json]");
  process.exit(2);
}
// pnpm runs package scripts from the package folder; paths given by the user are relative to where they typed.
const userDir = process.env.INIT_CWD ?? process.cwd();
const version = values.model ?? latestModelVersion();
const modelDir = values["model-dir"] ? path.resolve(userDir, values["model-dir"]) : version ? resolveModelVersionDir(version) : undefined;
if (!modelDir) throw new Error("No model version under models/: train one with `pnpm model:train`");

const backbonePath = process.env.BACKBONE_PATH ?? DEFAULT_BACKBONE_PATH;
// a fresh clone has no generated backbone yet: make it (what `pnpm model:prepare` does), on stderr only
if (!existsSync(backbonePath)) {
  console.error("backbone missing: generating it from the nsfwjs package (pnpm model:prepare)…");
  const prepared = await prepareBackbone(backbonePath);
  console.error(`backbone written: ${prepared.path}`);
}
const identifier = await loadIdentifier({ modelDir, backbonePath, executionProvider: values.provider as ExecutionProvider });
const started = performance.now();
const report = await evaluateCsv(path.resolve(userDir, values.manifest), identifier, (done, total) => {
  if (done % 100 === 0 || done === total) console.error(`${done}/${total} photos, ${((performance.now() - started) / done).toFixed(1)} ms/photo`);
}).finally(() => identifier.close());
for (const item of report.unreadableFiles) console.error(`unreadable: ${item.file}: ${item.reason}`);
const json = JSON.stringify(report, null, 2);
if (values.out) await writeFile(path.resolve(userDir, values.out), `${json}\n`);
process.stdout.write(`${json}\n`);
