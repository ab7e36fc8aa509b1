import { describe, expect, it } from "vitest";
import { TYPOLOGY_KEYS, type TypologyKey } from "../src/domain.ts";
import { softmax } from "../src/head/probabilities.ts";
import { computeLogits, trainSetSoftmax } from "../src/training/set-softmax-regression.ts";
import { expectedCalibrationError, fitTemperature } from "../src/training/calibration.ts";
import { chooseThreshold, wilsonLowerBound } from "../src/training/thresholds.ts";
import { splitOf } from "../src/training/splits.ts";
import { bestStrictCut, hierarchicalWeights, policyOfTrainedHead, trainHead } from "../src/training/train-head.ts";
import { buildTestReport, NO_FIREARM_COLUMN } from "../src/training/test-report.ts";
import { assessForModel } from "../src/runtime/assess.ts";
import { gaussian, seededRandom } from "../src/training/random.ts";
import type { LabelledSample } from "../src/training/samples.ts";
import { syntheticSamples } from "./synthetic-samples.ts";
import { pairedValidationDeltas, summariseValidation, VALIDATION_TABLE_HEADER, validationCells } from "../src/training/validation-summary.ts";

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
  it("learns well above chance from full labels (4 classes)", async () => {
    const train = clusters({ classes: 4, dim: 10, perClass: 60, noise: 1, seed: 1 });
    const validation = clusters({ classes: 4, dim: 10, perClass: 40, noise: 1, seed: 1, noiseSeed: 99 }); // same means, fresh noise
    const model = await trainSetSoftmax(
      { features: train.features, count: train.count, dim: train.dim, labelSets: Uint32Array.from(train.labels, (label) => 1 << label), sampleWeights: new Float64Array(train.count).fill(1) },
      { classes: 4, l2: 0.01 },
    );
    const validationAccuracy = accuracy(computeLogits(model, validation.features, validation.count), 4, validation.labels);
    expect(validationAccuracy).toBeGreaterThan(0.8); // chance is 0.25
  });

  it("respects partial labels: mass stays inside the sets and an unseen class stays improbable", async () => {
    // Classes 0 and 1 are only ever labelled {0,1}; class 2 is labelled {2}; class 3 never appears.
    const data = clusters({ classes: 3, dim: 8, perClass: 80, noise: 0.7, seed: 3 });
    const sets = Uint32Array.from(data.labels, (label) => (label === 2 ? 0b0100 : 0b0011));
    const model = await trainSetSoftmax({ features: data.features, count: data.count, dim: data.dim, labelSets: sets, sampleWeights: new Float64Array(data.count).fill(1) }, { classes: 4, l2: 0.01 });
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

  it("does not collapse a coarse label onto a class it shares with a narrower label", async () => {
    // Class 0 photos only carry {0,1}; class 1 photos carry the full label {1}. Maximising P(set)
    // alone is satisfied by predicting class 1 everywhere; the within-set prior must prevent that.
    const data = clusters({ classes: 2, dim: 8, perClass: 100, noise: 0.8, seed: 5, separation: 1.5 });
    const sets = Uint32Array.from(data.labels, (label) => (label === 0 ? 0b11 : 0b10));
    const meanClass0ProbabilityOnClass0Photos = async (withinSetPriorWeight: number) => {
      const model = await trainSetSoftmax({ features: data.features, count: data.count, dim: data.dim, labelSets: sets, sampleWeights: new Float64Array(data.count).fill(1) }, { classes: 2, l2: 0.003, withinSetPriorWeight });
      const logits = computeLogits(model, data.features, data.count);
      let total = 0;
      data.labels.forEach((label, i) => label === 0 && (total += softmax(logits.subarray(i * 2, i * 2 + 2))[0]!));
      return total / 100;
    };
    expect(await meanClass0ProbabilityOnClass0Photos(0)).toBeLessThan(0.2); // the degenerate optimum
    expect(await meanClass0ProbabilityOnClass0Photos(1)).toBeGreaterThan(0.4); // uniform within {0,1}, evidence-free
  });
});

describe("calibration and thresholds", () => {
  it("temperature scaling lowers the ECE of an over-confident model", async () => {
    // Few samples, many dimensions, almost no regularisation: the fit is over-confident.
    const train = clusters({ classes: 3, dim: 60, perClass: 15, noise: 3, seed: 11, separation: 0.6 });
    const validation = clusters({ classes: 3, dim: 60, perClass: 150, noise: 3, seed: 11, separation: 0.6, noiseSeed: 12 });
    const model = await trainSetSoftmax(
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
  it("learns families from coarse labels, calibrates, and its gate flags no-firearm photos", async () => {
    const samples = syntheticSamples({ seed: 21 });
    const trained = await trainHead(samples, { labels: TYPOLOGY_KEYS, l2Grid: [0.1, 0.01], gateL2Grid: [0.1, 0.01], maxIterations: 150 });
    const test = buildTestReport(trained, samples, policyOfTrainedHead(trained));

    expect(test.n).toBeGreaterThan(100);
    expect(test.familyTop1.rate).toBeGreaterThan(0.9); // chance 0.5
    expect(test.labelSetTop1.rate).toBeGreaterThan(0.6);
    expect(trained.typology.weights).toHaveLength(12);
    expect(trained.typology.weights[0]).toHaveLength(24);
    expect(trained.familyThresholds.high.threshold).toBeGreaterThanOrEqual(trained.familyThresholds.medium.threshold);
    // The gate: weapons stay under the 2 % budget, most no-firearm photos are flagged.
    expect(test.noFirearm.auc).toBeGreaterThan(0.95);
    expect(test.noFirearm.weaponRejection["synthetic-weapons"]!.rate).toBeLessThanOrEqual(0.02);
    expect(test.noFirearm.noFirearmDetection.rate).toBeGreaterThan(0.5);
    expect(test.confusion.none?.[NO_FIREARM_COLUMN]).toBe(test.noFirearm.noFirearmDetection.hits);
  }, 20_000);

  it("is judged on the validation split only when candidates are compared (summariseValidation)", async () => {
    const samples = syntheticSamples({ seed: 5, perCoarseLabel: 150, fullLabels: [{ typology: "revolver", count: 60, spread: 0.3 }] });
    const trained = await trainHead(samples, { labels: TYPOLOGY_KEYS, l2Grid: [0.05], gateL2Grid: [0.1], maxIterations: 80 });
    const summary = summariseValidation(trained, samples);
    const validation = samples.filter((sample) => sample.split === "validation");
    const count = (predicate: (sample: LabelledSample) => boolean) => validation.filter(predicate).length;
    expect(summary.noFirearmFlagged.n).toBe(count((sample) => sample.kind === "no-firearm"));
    expect(summary.noFirearmFlagged.hits).toBeGreaterThan(summary.noFirearmFlagged.n / 2);
    expect(summary.weaponsRejected["synthetic-weapons"]!.n).toBe(count((sample) => sample.source === "synthetic-weapons"));
    expect(summary.weaponsRejected["synthetic-expert"]!.n).toBe(count((sample) => sample.source === "synthetic-expert"));
    // full labels: the SMG photos (a singleton set) and the expert revolvers
    expect(summary.top1.n).toBe(count((sample) => sample.kind === "weapon" && sample.allowedTypologies.length === 1));
    expect(summary.family).toBeGreaterThan(0.9);
    expect(validationCells(summary, trained.l2).split("|")).toHaveLength(VALIDATION_TABLE_HEADER.split("|").length - 1);
    expect(summary.outcomes).toHaveLength(count((sample) => sample.kind === "weapon"));
    expect(summary.outcomes.filter((outcome) => outcome.top1 !== null)).toHaveLength(summary.top1.n);
    // paired with itself: no difference, and refused against other photos
    expect(pairedValidationDeltas(summary, summary).family).toMatchObject({ delta: 0, low: 0, high: 0 });
    expect(() => pairedValidationDeltas(summary, { ...summary, outcomes: summary.outcomes.slice(1) })).toThrow(/same validation photos/);
  }, 20_000);

  it("writes its log lines in French, like the training worker's own (L2 grid, thresholds, gate)", async () => {
    const lines: string[] = [];
    await trainHead(syntheticSamples({ seed: 4, perCoarseLabel: 150 }), { labels: TYPOLOGY_KEYS, l2Grid: [0.05], gateL2Grid: [0.1], maxIterations: 80, log: (line) => lines.push(line) });
    const text = lines.join("\n");
    expect(text).toMatch(/typologie l2=0\.05 : NLL équilibrée de validation \d+,\d{4}/);
    expect(text).toMatch(/filtre « pas une arme » l2=0\.1 : /);
    expect(text).toContain("seuils famille : moyen ");
    expect(text).toMatch(/typologie semi_auto_style_militaire_autre : \d+ en tête en validation/);
    expect(text).toMatch(/seuil « pas une arme » \d,\d{6} \(fixé par /);
    // none of the former English wording is left
    expect(text).not.toMatch(/\b(validation balanced|threshold|thresholds|not reached|train \/|typology head|decided by|flags|coverage|precision)\b/);
  }, 20_000);

  it("never lets a typology without full labels above the low tier", async () => {
    // Only coarse labels (and only SMG, a singleton set, is full): revolver photos exist inside
    // HandGun but nothing names them, so revolver must not be trained, whatever the probabilities.
    const samples = syntheticSamples({ seed: 4, perCoarseLabel: 150 });
    const trained = await trainHead(samples, { labels: TYPOLOGY_KEYS, l2Grid: [0.05], gateL2Grid: [0.1], maxIterations: 80 });
    expect(trained.trainedTypologies).not.toContain("revolver");
    expect(Object.keys(trained.typologyThresholdReports)).toEqual(["semi_auto_style_militaire_autre"]);
    const policy = policyOfTrainedHead(trained);
    for (const typology of TYPOLOGY_KEYS.filter((key) => !trained.trainedTypologies.includes(key))) {
      const probabilities = Object.fromEntries(TYPOLOGY_KEYS.map((key) => [key, key === typology ? 0.989 : 0.001])) as Record<TypologyKey, number>;
      expect(assessForModel(policy, { probabilities, noFirearmScore: 0 }).tier).toBe("low");
    }
  }, 20_000);

  it("trains a typology whose full labels are precise enough on validation, and only that one", async () => {
    // An expert source with 150 clean, well-separated revolver photos (about 30 in validation) and HandGun
    // photos that are never revolvers: revolver predictions are checkably right, so revolver opens.
    const samples = syntheticSamples({
      seed: 8,
      perCoarseLabel: 150,
      typologySpread: 1.5,
      fullLabels: [{ typology: "revolver", count: 150, spread: 0.3 }],
      coarseTruths: { HandGun: ["pistolet_semi_auto_moderne", "autre_pistolet", "pistolet_mecanisme_ancien"] },
    });
    const trained = await trainHead(samples, { labels: TYPOLOGY_KEYS, l2Grid: [0.05], gateL2Grid: [0.1], maxIterations: 80 });
    const report = trained.typologyThresholdReports.revolver!;
    expect(trained.trainedTypologies).toContain("revolver");
    expect(report.medium.reached).toBe(true);
    expect(report.medium.lowerBound).toBeGreaterThanOrEqual(0.9);
    expect(trained.typologyThresholds.revolver!.medium).toBe(report.medium.threshold);
    expect(trained.trainedTypologies.every((key) => key === "revolver" || key === "semi_auto_style_militaire_autre")).toBe(true);
  }, 20_000);
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

describe("bestStrictCut", () => {
  it("reports the cut with the best strict lower bound and what undecidable photos would change", () => {
    // 30 confident predictions: 27 exact, 3 undecidable (coarse label allowing the typology); then 20 wrong.
    const rows = [
      ...Array.from({ length: 30 }, (_, i) => ({ confidence: 0.99 - i * 0.001, strict: i % 10 !== 9, undecidable: i % 10 === 9 })),
      ...Array.from({ length: 20 }, (_, i) => ({ confidence: 0.5 - i * 0.01, strict: false, undecidable: false })),
    ];
    const cut = bestStrictCut(rows, 20)!;
    expect(cut.support).toBe(29); // stops just before the third undecidable photo
    expect(cut.strictlyCorrect).toBe(27);
    expect(cut.undecidable).toBe(2);
    expect(cut.strictLowerBound).toBeCloseTo(wilsonLowerBound(27, 29), 12);
    expect(cut.optimisticLowerBound).toBeCloseTo(wilsonLowerBound(29, 29), 12);
    expect(bestStrictCut(rows.slice(0, 10), 20)).toBeNull(); // too few photos for any cut
  });
});
