import { describe, expect, it } from "vitest";
import { COARSE_LABEL_TYPOLOGIES, TYPOLOGY_KEYS, type CoarseLabel, type TypologyKey } from "../src/domain.ts";
import { softmax } from "../src/head/probabilities.ts";
import { computeLogits, trainSetSoftmax } from "../src/training/set-softmax-regression.ts";
import { expectedCalibrationError, fitTemperature } from "../src/training/calibration.ts";
import { chooseThreshold, wilsonLowerBound } from "../src/training/thresholds.ts";
import { splitOf } from "../src/training/splits.ts";
import { hierarchicalWeights, trainHead } from "../src/training/train-head.ts";
import { gaussian, seededRandom } from "../src/training/random.ts";
import type { LabelledSample } from "../src/training/samples.ts";

/** Gaussian clusters: one mean per class, unit noise scaled by `noise`. */
function clusters(options: { classes: number; dim: number; perClass: number; noise: number; seed: number; separation?: number; noiseSeed?: number }) {
  const meanRandom = seededRandom(options.seed);
  const means = Array.from({ length: options.classes }, () => Array.from({ length: options.dim }, () => gaussian(meanRandom) * (options.separation ?? 1)));
  const random = options.noiseSeed === undefined ? meanRandom : seededRandom(options.noiseSeed);
  const labels: number[] = [];
  const features = new Float32Array(options.classes * options.perClass * options.dim);
  let row = 0;
  for (let c = 0; c < options.classes; c++)
    for (let i = 0; i < options.perClass; i++, row++) {
      labels.push(c);
      for (let d = 0; d < options.dim; d++) features[row * options.dim + d] = means[c]![d]! + options.noise * gaussian(random);
    }
  return { features, labels, count: row, dim: options.dim };
}

function accuracy(logits: Float64Array, classes: number, labels: number[]): number {
  let hits = 0;
  labels.forEach((label, i) => {
    const row = Array.from(logits.subarray(i * classes, (i + 1) * classes));
    if (row.indexOf(Math.max(...row)) === label) hits++;
  });
  return hits / labels.length;
}

describe("set-valued softmax regression", () => {
  it("learns well above chance from full labels (4 classes)", () => {
    const train = clusters({ classes: 4, dim: 10, perClass: 60, noise: 1, seed: 1 });
    const validation = clusters({ classes: 4, dim: 10, perClass: 40, noise: 1, seed: 1, noiseSeed: 99 }); // same means, fresh noise
    const model = trainSetSoftmax(
      { features: train.features, count: train.count, dim: train.dim, labelSets: Uint32Array.from(train.labels, (label) => 1 << label), sampleWeights: new Float64Array(train.count).fill(1) },
      { classes: 4, l2: 0.01 },
    );
    const validationAccuracy = accuracy(computeLogits(model, validation.features, validation.count), 4, validation.labels);
    expect(validationAccuracy).toBeGreaterThan(0.8); // chance is 0.25
  });

  it("respects partial labels: mass stays inside the sets and an unseen class stays improbable", () => {
    // Classes 0 and 1 are only ever labelled {0,1}; class 2 is labelled {2}; class 3 never appears.
    const data = clusters({ classes: 3, dim: 8, perClass: 80, noise: 0.7, seed: 3 });
    const sets = Uint32Array.from(data.labels, (label) => (label === 2 ? 0b0100 : 0b0011));
    const model = trainSetSoftmax({ features: data.features, count: data.count, dim: data.dim, labelSets: sets, sampleWeights: new Float64Array(data.count).fill(1) }, { classes: 4, l2: 0.01 });
    const logits = computeLogits(model, data.features, data.count);
    let setMass = 0;
    let unseenMass = 0;
    for (let i = 0; i < data.count; i++) {
      const p = softmax(logits.subarray(i * 4, i * 4 + 4));
      setMass += sets[i]! === 0b0011 ? p[0]! + p[1]! : p[2]!;
      unseenMass += p[3]!;
    }
    expect(setMass / data.count).toBeGreaterThan(0.9);
    expect(unseenMass / data.count).toBeLessThan(0.02);
  });

  it("does not collapse a coarse label onto a class it shares with a narrower label", () => {
    // Class 0 photos only carry {0,1}; class 1 photos carry the full label {1}. Maximising P(set)
    // alone is satisfied by predicting class 1 everywhere; the within-set prior must prevent that.
    const data = clusters({ classes: 2, dim: 8, perClass: 100, noise: 0.8, seed: 5, separation: 1.5 });
    const sets = Uint32Array.from(data.labels, (label) => (label === 0 ? 0b11 : 0b10));
    const meanClass0ProbabilityOnClass0Photos = (withinSetPriorWeight: number) => {
      const model = trainSetSoftmax({ features: data.features, count: data.count, dim: data.dim, labelSets: sets, sampleWeights: new Float64Array(data.count).fill(1) }, { classes: 2, l2: 0.003, withinSetPriorWeight });
      const logits = computeLogits(model, data.features, data.count);
      let total = 0;
      data.labels.forEach((label, i) => label === 0 && (total += softmax(logits.subarray(i * 2, i * 2 + 2))[0]!));
      return total / 100;
    };
    expect(meanClass0ProbabilityOnClass0Photos(0)).toBeLessThan(0.2); // the degenerate optimum
    expect(meanClass0ProbabilityOnClass0Photos(1)).toBeGreaterThan(0.4); // uniform within {0,1}, evidence-free
  });
});

describe("calibration and thresholds", () => {
  it("temperature scaling lowers the ECE of an over-confident model", () => {
    // Few samples, many dimensions, almost no regularisation: the fit is over-confident.
    const train = clusters({ classes: 3, dim: 60, perClass: 15, noise: 3, seed: 11, separation: 0.6 });
    const validation = clusters({ classes: 3, dim: 60, perClass: 150, noise: 3, seed: 11, separation: 0.6, noiseSeed: 12 });
    const model = trainSetSoftmax(
      { features: train.features, count: train.count, dim: train.dim, labelSets: Uint32Array.from(train.labels, (label) => 1 << label), sampleWeights: new Float64Array(train.count).fill(1) },
      { classes: 3, l2: 1e-5 },
    );
    const logits = computeLogits(model, validation.features, validation.count);
    const sets = Uint32Array.from(validation.labels, (label) => 1 << label);
    const temperature = fitTemperature(logits, 3, sets);
    const eceAt = (t: number) => {
      const confidences: number[] = [];
      const correct: boolean[] = [];
      validation.labels.forEach((label, i) => {
        const p = Array.from(softmax(logits.subarray(i * 3, i * 3 + 3), t));
        const top = p.indexOf(Math.max(...p));
        confidences.push(p[top]!);
        correct.push(top === label);
      });
      return expectedCalibrationError(confidences, correct);
    };
    expect(temperature).toBeGreaterThan(1);
    expect(eceAt(temperature)).toBeLessThan(eceAt(1) * 0.7);
  });

  it.each([
    { name: "all correct: lowest confidence admitted", correct: Array(100).fill(true), target: 0.9, expected: 0.01 },
    { name: "nothing reaches 98% when 1 in 10 is wrong", correct: Array.from({ length: 100 }, (_, i) => i % 10 !== 0), target: 0.98, expected: 1 },
  ])("chooseThreshold: $name", ({ correct, target, expected }) => {
    const confidences = correct.map((_, i) => 1 - i / 100);
    expect(chooseThreshold(confidences, correct, target).threshold).toBeCloseTo(expected, 6);
  });

  it("chooseThreshold keeps only the confident, correct head of the ranking", () => {
    // 60 confident and right, then 40 less confident and mostly wrong.
    const confidences = Array.from({ length: 100 }, (_, i) => 1 - i / 200);
    const correct = confidences.map((_, i) => i < 60 || i % 4 === 0);
    const choice = chooseThreshold(confidences, correct, 0.9);
    expect(choice.reached).toBe(true);
    expect(choice.threshold).toBeGreaterThan(confidences[70]!);
    expect(choice.lowerBound).toBeGreaterThanOrEqual(0.9);
    expect(wilsonLowerBound(20, 20)).toBeLessThan(0.98); // 20 out of 20 does not prove 98%
  });

  it("splits by key deterministically", () => {
    expect(splitOf("group-a", { train: 0.7, validation: 0.15 })).toBe(splitOf("group-a", { train: 0.7, validation: 0.15 }));
    const counts = { train: 0, validation: 0, test: 0 };
    for (let i = 0; i < 2000; i++) counts[splitOf(`g${i}`, { train: 0.7, validation: 0.15 })]++;
    expect(counts.train / 2000).toBeGreaterThan(0.65);
    expect(counts.validation / 2000).toBeGreaterThan(0.11);
    expect(counts.test / 2000).toBeGreaterThan(0.11);
  });
});

describe("trainHead on synthetic features", () => {
  it("learns families from coarse labels, calibrates, sets tiers and a no-firearm gate", () => {
    const random = seededRandom(21);
    const dim = 24;
    const typologyMean = new Map<TypologyKey, number[]>();
    // Families differ strongly, typologies within a family a little.
    const familyMean = { handgun: Array.from({ length: dim }, () => gaussian(random)), long_gun: Array.from({ length: dim }, () => gaussian(random)) };
    for (const key of TYPOLOGY_KEYS) {
      const base = key.startsWith("epaule") || key.startsWith("semi") ? familyMean.long_gun : familyMean.handgun;
      typologyMean.set(key, base.map((value) => value + 0.4 * gaussian(random)));
    }
    const noFirearmMean = Array.from({ length: dim }, () => gaussian(random) * 1.5);
    const samples: LabelledSample[] = [];
    const draw = (mean: number[]) => Float32Array.from(mean, (value) => value + 0.9 * gaussian(random));
    const coarse: CoarseLabel[] = ["HandGun", "Rifle", "ShotGun", "SMG"];
    let id = 0;
    for (const label of coarse) {
      for (let i = 0; i < 240; i++) {
        const allowed = COARSE_LABEL_TYPOLOGIES[label];
        const truth = allowed[Math.floor(random() * allowed.length)]!;
        samples.push({ id: `w${id++}`, source: "synthetic-weapons", split: splitOf(`w${id}`, { train: 0.6, validation: 0.2 }), kind: "weapon", features: draw(typologyMean.get(truth)!), sourceLabel: label, allowedTypologies: allowed });
      }
    }
    for (let i = 0; i < 300; i++) {
      samples.push({ id: `n${i}`, source: "synthetic-objects", split: splitOf(`n${i}`, { train: 0.6, validation: 0.2 }), kind: "no-firearm", features: draw(noFirearmMean), sourceLabel: "object", allowedTypologies: [] });
    }
    const trained = trainHead(samples, { labels: TYPOLOGY_KEYS, l2Grid: [0.1, 0.01], gateL2Grid: [0.1, 0.01], maxIterations: 150 });

    expect(trained.test.n).toBeGreaterThan(100);
    expect(trained.test.familyTop1).toBeGreaterThan(0.9); // chance 0.5
    expect(trained.test.labelSetTop1).toBeGreaterThan(0.6);
    expect(trained.trainedTypologies).not.toContain("revolver"); // no full revolver label at all
    expect(trained.typology.weights).toHaveLength(12);
    expect(trained.typology.weights[0]).toHaveLength(dim);
    expect(trained.familyThresholds.high.threshold).toBeGreaterThanOrEqual(trained.familyThresholds.medium.threshold);
    expect(trained.test.noFirearm.auc).toBeGreaterThan(0.95);
    expect(trained.test.noFirearm.weaponRejectionRate["synthetic-weapons"]!.rate).toBeLessThanOrEqual(0.05);
    expect(trained.test.noFirearm.noFirearmDetectionRate.rate).toBeGreaterThan(0.5);
  }, 30_000);
});

describe("class balancing", () => {
  it("gives each family the same total weight and each label the same weight inside its family", () => {
    const items = [
      ...Array.from({ length: 100 }, () => ({ group: "handgun", key: "HandGun" })),
      ...Array.from({ length: 100 }, () => ({ group: "long_gun", key: "Rifle" })),
      ...Array.from({ length: 50 }, () => ({ group: "long_gun", key: "ShotGun" })),
      ...Array.from({ length: 50 }, () => ({ group: "long_gun", key: "SMG" })),
    ];
    const weights = hierarchicalWeights(items, 5);
    const total = (predicate: (item: (typeof items)[number]) => boolean) => items.reduce((sum, item, i) => sum + (predicate(item) ? weights[i]! : 0), 0);
    expect(total((item) => item.group === "handgun")).toBeCloseTo(total((item) => item.group === "long_gun"), 6);
    expect(total((item) => item.key === "Rifle")).toBeCloseTo(total((item) => item.key === "SMG"), 6);
    expect(total(() => true)).toBeCloseTo(items.length, 6);
  });
});
