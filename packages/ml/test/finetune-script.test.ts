// The fine-tuning script (python/finetune.py) on a fixture: 8 generated pictures, one short run, its
// ONNX export loaded by onnxruntime-node with the serving contract. The run costs about 6 s of CPU
// (30 s of wall time on a loaded machine), so it is opt-in: `pnpm --filter @basegun/ml test:finetune`
// (RUN_FINETUNE_FIXTURE=1); it needs Debian's PyTorch (python3-torch, python3-torchvision, python3-onnx).
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as ort from "onnxruntime-node";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { prepareBackbone } from "../src/backbone/prepare-backbone.ts";
import { BLOCK16_DIM, FEATURES_DIM } from "../src/backbone/backbone-spec.ts";
import { COARSE_LABEL_TYPOLOGIES } from "../src/domain.ts";
import { DEFAULT_BACKBONE_PATH } from "../src/paths.ts";

const PYTHON = process.env.PYTHON ?? "/usr/bin/python3";
const SCRIPT = path.join(import.meta.dirname, "..", "python", "finetune.py");
const runFixture = process.env.RUN_FINETUNE_FIXTURE === "1";
const hasTorch = runFixture && spawnSync(PYTHON, ["-c", "import torch, torchvision, onnx"], { stdio: "ignore" }).status === 0;

let workDir: string | undefined;
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function picture(index: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${120 + index * 10}" height="90"><rect width="100%" height="100%" fill="hsl(${index * 40},40%,70%)"/><rect x="10" y="35" width="${60 + index * 5}" height="14" fill="#222"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

describe("python/finetune.py", () => {
  it("keeps the domain's coarse label sets", async () => {
    const source = await readFile(SCRIPT, "utf8");
    for (const [label, typologies] of Object.entries(COARSE_LABEL_TYPOLOGIES)) {
      const line = new RegExp(`"${label}": \\[([^\\]]*)\\]`, "s").exec(source);
      if (label === "HandGun") expect(source).toContain('"HandGun": TYPOLOGIES[0:4]');
      else expect(line?.[1]?.match(/"(\w+)"/g)?.map((quoted) => quoted.slice(1, -1))).toEqual(typologies);
    }
  });
});

describe.skipIf(!hasTorch)("python/finetune.py (fixture run, RUN_FINETUNE_FIXTURE=1)", () => {
  it("trains on 8 generated pictures and exports an ONNX backbone with the serving contract", async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), "basegun-finetune-"));
    const weapons = path.join(workDir, "datasets", "weapons-coarse");
    await mkdir(path.join(weapons, "HandGun"), { recursive: true });
    const rows: string[] = [];
    const labels: string[] = [];
    for (let i = 0; i < 8; i++) {
      const file = `HandGun/p${i}.jpg`;
      await writeFile(path.join(weapons, file), await picture(i));
      rows.push(`${file},HandGun,g${i},no,m${i}`);
      labels.push(`${file},${i % 2 ? "revolver" : i % 4 ? "unsure" : "pistolet_semi_auto_moderne"},${i % 2 ? "likely" : "sure"},g${i},HandGun,`);
    }
    await writeFile(path.join(weapons, "manifest.csv"), `file,label,group,multi_weapon_scene,md5\n${rows.join("\n")}\n`);
    await writeFile(path.join(weapons, "typology-labels.csv"), `file,typology,certainty,group,coarse_label,second_opinion\n${labels.join("\n")}\n`);
    await prepareBackbone(DEFAULT_BACKBONE_PATH);
    const out = path.join(workDir, "backbone.onnx");
    const run = spawnSync(
      PYTHON,
      [SCRIPT, "--datasets-dir", path.join(workDir, "datasets"), "--backbone", DEFAULT_BACKBONE_PATH, "--out", out, "--work-dir", path.join(workDir, "run"), "--epochs", "1", "--views", "1", "--batch-size", "4", "--warmup-steps", "1", "--threads", "1", "--validation-fallback"],
      { encoding: "utf8", timeout: 120_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const log = JSON.parse(await readFile(path.join(workDir, "run", "finetune-log.json"), "utf8")) as { epochs: { validation: { loss: number } }[]; export: { sha256: string } };
    expect(log.epochs).toHaveLength(1);
    expect(Number.isFinite(log.epochs[0]!.validation.loss)).toBe(true);
    const session = await ort.InferenceSession.create(out);
    expect(session.inputNames).toEqual(["input"]);
    const input = new ort.Tensor("float32", new Float32Array(2 * 224 * 224 * 3).fill(0.5), [2, 224, 224, 3]);
    const outputs = await session.run({ input });
    expect(outputs.features!.dims).toEqual([2, FEATURES_DIM]);
    expect(outputs.block16_features!.dims).toEqual([2, BLOCK16_DIM]);
    expect([...(outputs.features!.data as Float32Array)].every(Number.isFinite)).toBe(true);
    await session.release();

    // cross-fitting's final backbone: every fold trains, no validation, the last epoch is exported
    const all = path.join(workDir, "all.onnx");
    const common = [SCRIPT, "--datasets-dir", path.join(workDir, "datasets"), "--backbone", DEFAULT_BACKBONE_PATH, "--epochs", "2", "--stop-after-epoch", "1", "--views", "1", "--batch-size", "4", "--warmup-steps", "1", "--threads", "1", "--cv-folds", "2"];
    const refused = spawnSync(PYTHON, [...common, "--out", all, "--work-dir", path.join(workDir, "refused"), "--cv-fold", "-1"], { encoding: "utf8", timeout: 120_000 });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain("pass --select last");
    const crossFit = spawnSync(PYTHON, [...common, "--out", all, "--work-dir", path.join(workDir, "all"), "--cv-fold", "-1", "--select", "last"], { encoding: "utf8", timeout: 120_000 });
    expect(crossFit.status, crossFit.stderr).toBe(0);
    expect(crossFit.stdout).toMatch(/photos: train \d+, validation 0, test \d+/);
    const allLog = JSON.parse(await readFile(path.join(workDir, "all", "finetune-log.json"), "utf8")) as { epochs: { validation: unknown }[]; export: { bestEpoch: number }; args: { cv_folds: number; cv_fold: number } };
    expect(allLog.epochs.map((epoch) => epoch.validation)).toEqual([null]);
    expect(allLog.export.bestEpoch).toBe(1);
    expect(allLog.args).toMatchObject({ cv_folds: 2, cv_fold: -1 });
  }, 240_000);
});
