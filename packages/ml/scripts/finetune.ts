// pnpm model:finetune — fine-tunes the backbone's last blocks on the labelled photos (python/finetune.py,
// Debian's PyTorch: `apt-get install python3-torch python3-torchvision python3-onnx`, then /usr/bin/python3).
// Writes .cache/ml/finetune/seed-<seed>/backbone.onnx (best epoch on validation), checkpoints and
// finetune-log.json. Then: pnpm model:train --fine-tuned-backbone <that file> --version ...
// Options are passed to the Python script (--seed, --epochs, --train-from-block, --max-minutes, ...; --out and
// --work-dir, relative to where the command was typed, keep a variant apart from the seed's default folder);
// PYTHON overrides the interpreter. Datasets from DATASETS_DIR (default ../shared/datasets).
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prepareBackbone } from "../src/backbone/prepare-backbone.ts";
import { CACHE_DIR, DEFAULT_BACKBONE_PATH, datasetsDir } from "../src/paths.ts";

// pnpm runs package scripts from the package folder: paths given by the user are resolved against where they typed
const userPath = new Set(["--out", "--work-dir"]);
const args = process.argv
  .slice(2)
  .filter((arg) => arg !== "--")
  .map((arg, i, all) => (i > 0 && userPath.has(all[i - 1]!) ? path.resolve(process.env.INIT_CWD ?? process.cwd(), arg) : arg));
const seedIndex = args.indexOf("--seed");
const seed = seedIndex >= 0 ? args[seedIndex + 1]! : "42";
const workDir = path.join(CACHE_DIR, "finetune", `seed-${seed}`);
await prepareBackbone(DEFAULT_BACKBONE_PATH);
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "python", "finetune.py");
const python = process.env.PYTHON ?? "/usr/bin/python3";
const child = spawn(
  python,
  [script, "--datasets-dir", datasetsDir(), "--backbone", DEFAULT_BACKBONE_PATH, "--out", path.join(workDir, "backbone.onnx"), "--work-dir", workDir, ...(seedIndex >= 0 ? [] : ["--seed", seed]), ...args],
  { stdio: "inherit" },
);
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
