// Cross-fitting (issue 10 §4): the split of folds, the logs that must vouch for the fold backbones,
// and crossFitHead's out-of-fold calibration on synthetic features.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TYPOLOGY_KEYS } from "../src/domain.ts";
import { splitOf } from "../src/training/splits.ts";
import { buildTestReport } from "../src/training/test-report.ts";
import { crossFitHead, policyOfTrainedHead, trainHead } from "../src/training/train-head.ts";
import { checkCrossFitLogs, fineTuneCommand, type FineTuneLog } from "../src/training/train-pipeline.ts";
import { syntheticSamples } from "./synthetic-samples.ts";

const FRACTIONS = { train: 0.7, validation: 0.15 };
const KEYS = Array.from({ length: 2000 }, (_, i) => `weapons-coarse:g${i}`);
const SALT = "basegun-split-seed-42";

describe("splitOf with cross-fitting folds", () => {
  it("keeps the test split and puts every other key in exactly one fold's validation", () => {
    const held = new Map<string, number>();
    for (let fold = 0; fold < 5; fold++) {
      for (const key of KEYS) {
        const split = splitOf(key, FRACTIONS, SALT, { count: 5, fold });
        expect(split === "test").toBe(splitOf(key, FRACTIONS, SALT) === "test");
        if (split === "validation") held.set(key, (held.get(key) ?? 0) + 1);
      }
    }
    const nonTest = KEYS.filter((key) => splitOf(key, FRACTIONS, SALT) !== "test");
    expect([...held.keys()].sort()).toEqual([...nonTest].sort());
    expect([...held.values()].every((times) => times === 1)).toBe(true);
    // folds of about equal size (a fifth of the non-test keys each, within sampling noise)
    const sizes = Array.from({ length: 5 }, (_, fold) => nonTest.filter((key) => splitOf(key, FRACTIONS, SALT, { count: 5, fold }) === "validation").length);
    for (const size of sizes) expect(Math.abs(size - nonTest.length / 5)).toBeLessThan(0.25 * (nonTest.length / 5));
  });

  it.each([
    [-1, "every fold trains: no validation"],
    [0, "fold 0 held out"],
  ])("fold %i: %s", (fold) => {
    const splits = KEYS.map((key) => splitOf(key, FRACTIONS, SALT, { count: 5, fold }));
    expect(splits.includes("validation")).toBe(fold !== -1);
    expect(splits.filter((split) => split === "train").length).toBeGreaterThan(KEYS.length / 2);
  });

  it("cuts exactly as python/finetune.py does (the fold backbones and heads must hold out the same photos)", () => {
    const source = readFileSync(path.join(import.meta.dirname, "..", "python", "finetune.py"), "utf8");
    const splitFunction = /def split_of\(key, fractions, salt, folds=None\):\n(?: {4}.*\n|\n)+/.exec(source)?.[0];
    expect(splitFunction).toBeDefined();
    const keys = KEYS.slice(0, 300);
    const program = `import hashlib, json, sys\n${splitFunction}\nkeys = json.loads(sys.stdin.read())\nprint(json.dumps([[split_of(k, (0.7, 0.15), "${SALT}", folds) for k in keys] for folds in [None, (5, 0), (5, 3), (5, -1)]]))`;
    const python = JSON.parse(execFileSync("python3", ["-c", program], { input: JSON.stringify(keys) }).toString()) as string[][];
    const typescript = [undefined, { count: 5, fold: 0 }, { count: 5, fold: 3 }, { count: 5, fold: -1 }].map((folds) => keys.map((key) => splitOf(key, FRACTIONS, SALT, folds)));
    expect(python).toEqual(typescript);
  });
});

describe("checkCrossFitLogs", () => {
  const log = (cvFolds: number, cvFold: number, splitSeed: number | null = 42, seed = 7): FineTuneLog => ({ args: { seed, split_seed: splitSeed, cv_folds: cvFolds, cv_fold: cvFold, epochs: 10, views: 2, train_from_block: 11, stop_after_epoch: 2, select: "last" } });
  const good = [log(3, -1), log(3, 0), log(3, 1), log(3, 2)];
  const check = ([final, ...folds]: FineTuneLog[]) => checkCrossFitLogs(final!, folds, 42);

  it("accepts the final backbone on every fold then one backbone per fold, in order, on the run's split", () => {
    expect(() => check(good)).not.toThrow();
    expect(() => check([log(3, -1, null, 42), log(3, 0, null, 42), log(3, 1, null, 42), log(3, 2, null, 42)])).not.toThrow();
  });

  it.each([
    ["folds out of order", [log(3, -1), log(3, 1), log(3, 0), log(3, 2)], /fold 0's backbone was fine-tuned with --cv-fold 1, not 0/],
    ["a fold missing", [log(3, -1), log(3, 0), log(3, 1)], /--cv-folds 3, not 2/],
    ["a fold backbone fine-tuned on the plain split", [log(3, -1), { args: { seed: 7, split_seed: 42 } }, log(3, 1), log(3, 2)], /--cv-folds 0, not 3/],
    ["a final backbone that held a fold out", [log(3, 0), log(3, 0), log(3, 1), log(3, 2)], /the final backbone was fine-tuned with --cv-fold 0, not -1/],
    ["another split seed", [log(3, -1), log(3, 0, 43), log(3, 1), log(3, 2)], /split of seed 43, not 42/],
  ])("refuses %s", (_, logs, message) => {
    expect(() => check(logs)).toThrow(message);
  });

  it("gives back each fold's command, fold 0 included", () => {
    expect(fineTuneCommand(log(5, 0))).toBe("pnpm model:finetune --seed 7 --split-seed 42 --cv-folds 5 --cv-fold 0 --epochs 10 --views 2 --train-from-block 11 --stop-after-epoch 2 --select last");
    expect(fineTuneCommand(log(5, -1))).toContain("--cv-folds 5 --cv-fold -1");
  });
});

describe("crossFitHead on synthetic features", () => {
  const options = { labels: TYPOLOGY_KEYS, l2Grid: [0.3, 0.01], gateL2Grid: [0.1], maxIterations: 60 };
  const full = [{ typology: "revolver" as const, count: 120, spread: 0.3 }];
  const folds = (count: number) => Array.from({ length: count }, (_, fold) => syntheticSamples({ seed: 9, perCoarseLabel: 120, fullLabels: full, folds: { count, fold } }));
  const final = syntheticSamples({ seed: 9, perCoarseLabel: 120, fullLabels: full, folds: { count: 3, fold: -1 } });

  it("calibrates on every train and validation photo, each scored by heads that never trained on it, and keeps the test split for the end", async () => {
    const lines: string[] = [];
    const trained = await crossFitHead(folds(3), final, { ...options, log: (line) => lines.push(line) });
    const nonTest = final.filter((sample) => sample.split !== "test");
    expect(trained.crossFit?.folds).toHaveLength(3);
    expect(trained.crossFit!.folds.reduce((total, fold) => total + fold.heldOutPhotos, 0)).toBe(nonTest.length);
    // the pooled evidence: every non-test weapon with a full label counts once in the calibration figures
    expect(trained.validation.typology.fullLabelled).toBe(nonTest.filter((sample) => sample.kind === "weapon" && sample.allowedTypologies.length === 1).length);
    // L2: the lowest mean held-out NLL over the folds
    const best = trained.crossFit!.l2Scores.reduce((winner, score) => (score.nll < winner.nll ? score : winner));
    expect(trained.l2).toBe(best.l2);
    expect(lines.join("\n")).toMatch(/modèle final : l2 [\d.]+, filtre l2 0\.1 \(NLL moyenne des plis\), calibration sur \d+ photos hors pli/);
    // the final heads still work on the untouched test split
    const test = buildTestReport(trained, final, policyOfTrainedHead(trained));
    expect(test.familyTop1.rate).toBeGreaterThan(0.9);
    expect(test.noFirearm.auc).toBeGreaterThan(0.95);
    // five times the calibration photos of one validation split, so more evidence for the tier rule
    const plain = await trainHead(syntheticSamples({ seed: 9, perCoarseLabel: 120, fullLabels: full }), { ...options, l2Grid: [trained.l2] });
    expect(trained.typologyThresholdReports.revolver!.predictedTop1).toBeGreaterThan(2 * plain.typologyThresholdReports.revolver!.predictedTop1);
  }, 60_000);

  it("refuses folds that hold the same photos out, and final samples that keep a validation split", async () => {
    const [first] = folds(3);
    await expect(crossFitHead([first!, first!], final, options)).rejects.toThrow(/held out by two folds/);
    await expect(crossFitHead(folds(3), syntheticSamples({ seed: 9, perCoarseLabel: 120, fullLabels: full }), options)).rejects.toThrow(/no validation split/);
    await expect(crossFitHead([first!], final, options)).rejects.toThrow(/at least 2 folds/);
  }, 60_000);
});

describe("the model card of a cross-fitted version", () => {
  it("says where its 'validation' comes from, fold by fold, and which typologies the out-of-fold evidence left low", async () => {
    const { renderModelCard } = await import("../src/training/model-card.ts");
    const folder = path.join(import.meta.dirname, "..", "..", "..", "models", "2026.12.06-4");
    const manifest = JSON.parse(readFileSync(path.join(folder, "manifest.json"), "utf8"));
    const metrics = JSON.parse(readFileSync(path.join(folder, "metrics.json"), "utf8"));
    const card = renderModelCard(manifest, metrics, { command: "pnpm model:finetune …", backbonePath: ".cache/ml/cv/all/backbone.onnx", foldBackbones: [0, 1, 2, 3, 4].map((k) => `.cache/ml/cv/fold${k}/backbone.onnx`) });
    expect(card).toContain('## Cross-fitting: where "validation" comes from');
    expect(card.match(/^\| [0-4] \| \d+ \| \d+ \| /gm)).toHaveLength(5);
    expect(card).toContain("--cross-fit-backbone .cache/ml/cv/fold4/backbone.onnx");
    expect(card).toMatch(/Typologies left at the low tier by the rule \(out-of-fold photos.*`epaule_a_verrou` \(1 right of 9 predicted\)/);
    expect(card).not.toContain("The only full revolver labels are Caltech catalogue photos");
    // the committed card starts with exactly what the generator writes (the hand-written part follows)
    const committed = readFileSync(path.join(folder, "MODEL_CARD.md"), "utf8");
    expect(card.split("\n").slice(5).join("\n").slice(0, 2000)).toBe(committed.split("\n").slice(5).join("\n").slice(0, 2000));
  });

  it("2026.12.06-5 says how cases pool, on out-of-fold cases, and serves the pooling its figures chose", async () => {
    const { renderModelCard } = await import("../src/training/model-card.ts");
    const { chooseCaseAggregation } = await import("../src/training/case-evidence.ts");
    const folder = path.join(import.meta.dirname, "..", "..", "..", "models", "2026.12.06-5");
    const manifest = JSON.parse(readFileSync(path.join(folder, "manifest.json"), "utf8"));
    const metrics = JSON.parse(readFileSync(path.join(folder, "metrics.json"), "utf8"));
    expect(manifest.calibration.caseAggregation).toBe(chooseCaseAggregation(metrics.validation.cases));
    const card = renderModelCard(manifest, metrics, { command: "pnpm model:finetune …", backbonePath: ".cache/ml/cv/all/backbone.onnx", foldBackbones: [0, 1, 2, 3, 4].map((k) => `.cache/ml/cv/fold${k}/backbone.onnx`) });
    expect(card).toContain("## Cases of several photos: how their probabilities pool");
    expect(card).toContain(`is served (\`chooseCaseAggregation\`, "linear" when fewer than 30 cases hold several photos): **${manifest.calibration.caseAggregation}**.`);
    expect(card.match(/^\| (linear|logarithmic) \((weighted mean|weighted geometric mean)\) \| [\d.]+ % \(\d+ cases\) \| 0\.\d{4} \(0\.\d{4}\) \|/gm)).toHaveLength(2);
    // 2026.12.06-4's card, whose metrics predate case pooling, has no such section
    const older = path.join(import.meta.dirname, "..", "..", "..", "models", "2026.12.06-4");
    expect(renderModelCard(JSON.parse(readFileSync(path.join(older, "manifest.json"), "utf8")), JSON.parse(readFileSync(path.join(older, "metrics.json"), "utf8")))).not.toContain("## Cases of several photos");
    const committed = readFileSync(path.join(folder, "MODEL_CARD.md"), "utf8");
    expect(card.split("\n").slice(5).join("\n").slice(0, 4000)).toBe(committed.split("\n").slice(5).join("\n").slice(0, 4000));
  });
});
