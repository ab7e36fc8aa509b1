import { describe, expect, it } from "vitest";
import { TYPOLOGY_KEYS, type TypologyKey } from "../src/domain.ts";
import { isFieldSource } from "../src/training/field-labels.ts";
import { drawStandIns, runLearningCurve, STAND_IN_SOURCE } from "../src/training/learning-curve.ts";
import { chooseFieldWeight, renderLearningCurve } from "../src/training/learning-curve-report.ts";
import { gaussian, seededRandom } from "../src/training/random.ts";
import type { LabelledSample } from "../src/training/samples.ts";
import { splitOf } from "../src/training/splits.ts";
import { evaluateSplit } from "../src/training/evaluate.ts";
import { scoreSamples, trainHead } from "../src/training/train-head.ts";
import { fineTuneCommand } from "../src/training/train-pipeline.ts";

const DIM = 16;

/**
 * Web photos of four typologies (one cluster each) and no-firearm photos; "field" revolvers drawn near
 * the web pistols' cluster: a domain shift that makes a field revolver look like a web pistol.
 */
function world(seed: number) {
  const random = seededRandom(seed);
  const mean = () => Array.from({ length: DIM }, () => gaussian(random));
  const means: Partial<Record<TypologyKey, number[]>> = { revolver: mean(), pistolet_semi_auto_moderne: mean(), epaule_a_pompe: mean(), semi_auto_style_militaire_autre: mean() };
  const fieldRevolver = means.pistolet_semi_auto_moderne!.map((value, d) => value + (d < 4 ? 1.2 : 0));
  const objects = mean().map((value) => value * 2);
  const draw = (centre: number[], spread = 0.6) => Float32Array.from(centre, (value) => value + spread * gaussian(random));
  let id = 0;
  const web: LabelledSample[] = [];
  for (const [typology, centre] of Object.entries(means) as [TypologyKey, number[]][]) {
    for (let i = 0; i < 150; i++) {
      const group = `web-${id}`;
      web.push({ id: `w${id++}`, group, source: "web", split: splitOf(group, { train: 0.7, validation: 0.15 }), kind: "weapon", features: draw(centre), sourceLabel: typology, allowedTypologies: [typology] });
    }
  }
  for (let i = 0; i < 200; i++) {
    const group = `obj-${i}`;
    web.push({ id: `o${i}`, group, source: "objects", split: splitOf(group, { train: 0.6, validation: 0.2 }), kind: "no-firearm", features: draw(objects), sourceLabel: "no_firearm:object", allowedTypologies: [] });
  }
  const field = (count: number, split: LabelledSample["split"], source = "expert_review") =>
    Array.from({ length: count }, (): LabelledSample => ({ id: `f${id}`, group: `field-${id++}`, source, split, kind: "weapon", features: draw(fieldRevolver, 0.3), sourceLabel: "revolver", allowedTypologies: ["revolver"] }));
  return { web, field };
}

describe("field labels", () => {
  it.each([
    ["expert_review", true],
    ["officer_feedback", true],
    ["extra:gendarmerie-2026", true],
    ["weapons-coarse", false],
    ["import:drawn", false],
  ])("%s is a field source: %s", (source, expected) => {
    expect(isFieldSource(source)).toBe(expected);
  });

  it("a few field labels weighed up teach the head what thousands of web photos hide", async () => {
    const { web, field } = world(3);
    const heldOut = field(60, "test");
    const revolverShare = async (fieldLabelWeight: number) => {
      const trained = await trainHead([...web, ...field(6, "train")], { labels: TYPOLOGY_KEYS, l2Grid: [0.05], gateL2Grid: [0.1], maxIterations: 100, fieldLabelWeight });
      const rows = evaluateSplit(heldOut, scoreSamples(trained, heldOut).typologyLogits, TYPOLOGY_KEYS, trained.temperature).rows;
      return rows.filter((row) => row.topTypology === "revolver").length / rows.length;
    };
    const unweighted = await revolverShare(1);
    const weighted = await revolverShare(30);
    expect(unweighted).toBeLessThan(0.5); // outvoted by the web pistols around them
    expect(weighted).toBeGreaterThan(unweighted + 0.3);
  }, 30_000);
});

describe("learning curve", () => {
  const pool = (): LabelledSample[] =>
    ["a", "b", "c", "d"].flatMap((group) =>
      ["1", "2"].map((copy): LabelledSample => ({ id: `${group}${copy}`, group, source: "web", split: "validation", kind: "weapon", features: new Float32Array(DIM), sourceLabel: "revolver", allowedTypologies: ["revolver"] })),
    );

  it("draws one photo per group, nested in k, as a field source with the platform's split", () => {
    const two = drawStandIns(pool(), 2, 1);
    const three = drawStandIns(pool(), 3, 1);
    expect(two).toHaveLength(2);
    expect(new Set(two.map((sample) => sample.group)).size).toBe(2);
    expect(three.slice(0, 2).map((sample) => sample.id)).toEqual(two.map((sample) => sample.id));
    expect(drawStandIns(pool(), 10, 1)).toHaveLength(4); // all a typology has
    for (const sample of three) expect(sample.source).toBe(STAND_IN_SOURCE);
    expect(drawStandIns(pool(), 4, 2).map((sample) => sample.group)).not.toEqual(drawStandIns(pool(), 4, 1).map((sample) => sample.group));
  });

  it("new-source design: the source is absent from the base model, its labels come back as stand-ins, and the weight is chosen on selection figures", async () => {
    const { web, field } = world(5);
    const source = "catalogue";
    const samples = [...web, ...field(30, "train", source), ...field(12, "validation", source), ...field(12, "test", source)];
    const curve = await runLearningCurve({ samples, design: { kind: "new-source", source }, counts: [0, 5], fieldWeights: [1, 30], repeats: 1, headOptions: { l2Grid: [0.05], gateL2Grid: [0.1], maxIterations: 80 }, log: () => {} });
    expect(curve.points.map((point) => [point.count, point.fieldWeight])).toEqual([
      [0, 1],
      [5, 1],
      [5, 30],
    ]);
    expect(curve.points[0]!.standIn).toMatchObject({ train: 0, validation: 0, test: 0 });
    expect(curve.points[1]!.standIn.perTypology).toEqual({ revolver: 5 });
    expect(curve.selectionSplit.weapons).toBe(12);
    const [base, weight1, weight30] = curve.points.map((point) => point.selection.top1.hits / point.selection.top1.n);
    expect(weight30).toBeGreaterThan(base!);
    expect(weight30).toBeGreaterThanOrEqual(weight1!);
    expect(curve.points[2]!.sourceTest!.top1.n).toBe(12);
    const choice = chooseFieldWeight([curve]);
    expect(choice.fieldWeight).toBe(weight30! > weight1! + 0.002 ? 30 : 1);
    const markdown = renderLearningCurve([curve], choice, "pnpm model:learning-curve");
    expect(markdown).toContain("## New source: catalogue left out of the base model");
    expect(markdown).toContain(`**Chosen field weight: ${choice.fieldWeight}**`);
  }, 60_000);
});

describe("fineTuneCommand", () => {
  it("gives back the command a fine-tuning log stands for, python defaults left out", () => {
    const args = { datasets_dir: "/d", backbone: "/b.onnx", out: "/o.onnx", work_dir: "/w", seed: 7, split_seed: 42, stop_after_epoch: 3, epochs: 10, batch_size: 64, lr: 0.0004, head_lr: 0.002, weight_decay: 0.0001, warmup_steps: 50, views: 2, train_from_block: 11, max_minutes: 0, limit: 0, threads: 2, export_only: false, validation_fallback: false };
    expect(fineTuneCommand({ args })).toBe("pnpm model:finetune --seed 7 --split-seed 42 --stop-after-epoch 3 --epochs 10 --views 2 --train-from-block 11");
    expect(fineTuneCommand({ args: { ...args, split_seed: null, stop_after_epoch: 0, max_minutes: 40, lr: 0.001 } })).toBe("pnpm model:finetune --seed 7 --epochs 10 --lr 0.001 --views 2 --train-from-block 11 --max-minutes 40");
  });

  it("gives a soup's ingredients' commands, then the soup's", () => {
    const args = { seed: 7, split_seed: 42, stop_after_epoch: 3, epochs: 10, views: 2, train_from_block: 11 };
    const soup = {
      command: "pnpm model:soup --out .cache/ml/soup/backbone.onnx a.onnx b.onnx",
      ingredients: [
        { path: "a.onnx", log: { args } },
        { path: "b.onnx", log: null },
      ],
    };
    expect(fineTuneCommand({ soup })).toBe(
      "pnpm model:finetune --seed 7 --split-seed 42 --stop-after-epoch 3 --epochs 10 --views 2 --train-from-block 11 && (b.onnx: no fine-tuning log) && pnpm model:soup --out .cache/ml/soup/backbone.onnx a.onnx b.onnx",
    );
  });
});
