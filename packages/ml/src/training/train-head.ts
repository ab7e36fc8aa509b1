import { TYPOLOGIES, type Family, type TypologyKey } from "../domain.ts";
import { sigmoid } from "../head/probabilities.ts";
import { fitTemperature, expectedCalibrationError, setNegativeLogLikelihood } from "./calibration.ts";
import { labelSetMask, stackFeatures, type LabelledSample } from "./samples.ts";
import { computeLogits, trainSetSoftmax, type SetSoftmaxModel } from "./set-softmax-regression.ts";
import { applyStandardizer, fitStandardizer, foldStandardizer, type Standardizer } from "./standardize.ts";
import { chooseThreshold, UNREACHABLE_THRESHOLD, type ThresholdChoice } from "./thresholds.ts";
import { buildTestMetrics, evaluateSplit, gateThresholdFor, type TestMetrics } from "./evaluate.ts";

export interface TrainHeadOptions {
  labels: readonly TypologyKey[];
  l2Grid: readonly number[];
  gateL2Grid: readonly number[];
  targetPrecision: { medium: number; high: number };
  /** At most this share of held-out weapon photos of any source may be called "no firearm". */
  maxWeaponRejectionRate: number;
  /** Validation photos a tier needs before it can open. */
  minTierSupport: number;
  /** Cap on a class's up-weighting when balancing (a 41-photo class must not dominate). */
  classWeightCap: number;
  maxIterations: number;
  log: (line: string) => void;
}

export const DEFAULT_TRAIN_HEAD_OPTIONS: Omit<TrainHeadOptions, "labels"> = {
  // Coarse grids keep retraining in the minute range on 2 cores; warm starts make each step cheap.
  l2Grid: [0.3, 0.05, 0.01],
  gateL2Grid: [0.3, 0.03],
  targetPrecision: { medium: 0.9, high: 0.98 },
  maxWeaponRejectionRate: 0.02,
  minTierSupport: 20,
  classWeightCap: 5,
  maxIterations: 150,
  log: () => {},
};

export interface TrainedHead {
  standardizer: Standardizer;
  /** Exported weights: standardisation folded in, work on raw backbone features. */
  typology: { weights: number[][]; bias: number[] };
  noFirearm: { weights: number[]; bias: number };
  temperature: number;
  l2: number;
  gateL2: number;
  familyThresholds: { medium: ThresholdChoice; high: ThresholdChoice };
  typologyThresholds: Partial<Record<TypologyKey, { medium: number; high: number }>>;
  trainedTypologies: TypologyKey[];
  noFirearmThreshold: number;
  validation: { l2Scores: { l2: number; nll: number }[]; gateScores: { l2: number; nll: number }[]; eceBefore: number; eceAfter: number; familyAccuracy: number };
  test: TestMetrics;
}

export function familyOfSample(sample: LabelledSample): Family {
  const families = new Set(sample.allowedTypologies.map((key) => TYPOLOGIES[key].family));
  if (families.size !== 1) throw new Error(`Sample ${sample.id}: label set spans ${families.size} families`);
  return [...families][0]!;
}

/** Inverse-frequency weights per key (label or source), capped so tiny classes do not dominate. */
export function balancedWeights(keys: readonly string[], cap: number): Float64Array {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const meanCount = keys.length / counts.size;
  return Float64Array.from(keys, (key) => Math.min(cap, meanCount / counts.get(key)!));
}

/**
 * Balances labels inside each group, then the groups against each other: with one handgun label and
 * three long-gun labels, plain per-label balancing would give long guns three times the weight and
 * bias every doubtful photo towards "long gun".
 */
export function hierarchicalWeights(items: readonly { group: string; key: string }[], cap: number): Float64Array {
  const weights = balancedWeights(items.map((item) => item.key), cap);
  const groupTotals = new Map<string, number>();
  items.forEach((item, i) => groupTotals.set(item.group, (groupTotals.get(item.group) ?? 0) + weights[i]!));
  const target = items.length / groupTotals.size;
  return weights.map((weight, i) => (weight * target) / groupTotals.get(items[i]!.group)!);
}

function fitWithGrid(
  train: { features: Float32Array; sets: Uint32Array; weights: Float64Array },
  validation: { features: Float32Array; sets: Uint32Array; weights: Float64Array },
  classes: number,
  dim: number,
  grid: readonly number[],
  maxIterations: number,
  log: (line: string) => void,
  name: string,
): { model: SetSoftmaxModel; l2: number; scores: { l2: number; nll: number }[] } {
  const scores: { l2: number; nll: number }[] = [];
  let best: { model: SetSoftmaxModel; l2: number; nll: number } | undefined;
  let previous: SetSoftmaxModel | undefined;
  // From strong to weak regularisation, warm-starting each fit from the previous one.
  for (const l2 of [...grid].sort((a, b) => b - a)) {
    const started = performance.now();
    const model = trainSetSoftmax(
      { features: train.features, count: train.sets.length, dim, labelSets: train.sets, sampleWeights: train.weights },
      { classes, l2, maxIterations, ...(previous ? { initial: previous } : {}) },
    );
    previous = model;
    const logits = computeLogits(model, validation.features, validation.sets.length);
    const nll = weightedSetNll(logits, classes, validation.sets, validation.weights);
    scores.push({ l2, nll });
    log(`  ${name} l2=${l2}: validation balanced NLL ${nll.toFixed(4)} (${model.iterations} iterations, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    if (!best || nll < best.nll) best = { model, l2, nll };
  }
  if (!best) throw new Error("Empty L2 grid");
  return { model: best.model, l2: best.l2, scores };
}

function weightedSetNll(logits: Float64Array, classes: number, sets: Uint32Array, weights: Float64Array): number {
  let total = 0;
  let weightSum = 0;
  for (let i = 0; i < sets.length; i++) {
    total += weights[i]! * setNegativeLogLikelihood(logits.subarray(i * classes, (i + 1) * classes), classes, sets.subarray(i, i + 1), 1);
    weightSum += weights[i]!;
  }
  return total / weightSum;
}

/**
 * Trains the 12-typology head from (partial) labels and the no-firearm gate, selects L2 and fits the
 * temperature, tier thresholds and gate threshold on validation, then evaluates on test once.
 */
export function trainHead(samples: readonly LabelledSample[], partialOptions: Partial<TrainHeadOptions> & { labels: readonly TypologyKey[] }): TrainedHead {
  const options: TrainHeadOptions = { ...DEFAULT_TRAIN_HEAD_OPTIONS, ...partialOptions };
  const { labels, log } = options;
  const classes = labels.length;
  const dim = samples[0]?.features.length ?? 0;
  const bySplit = (split: LabelledSample["split"], kind?: LabelledSample["kind"]) => samples.filter((sample) => sample.split === split && (!kind || sample.kind === kind));

  const trainAll = bySplit("train");
  const standardizer = fitStandardizer(stackFeatures(trainAll, dim), trainAll.length, dim);
  const standardized = (subset: readonly LabelledSample[]) => applyStandardizer(standardizer, stackFeatures(subset, dim), subset.length, dim);

  // --- Typology head (weapons only, partial labels, class-balanced by source label) ---
  const trainWeapons = bySplit("train", "weapon");
  const validationWeapons = bySplit("validation", "weapon");
  const typologyData = (subset: readonly LabelledSample[]) => ({
    features: standardized(subset),
    sets: Uint32Array.from(subset, (sample) => labelSetMask(sample.allowedTypologies, labels)),
    weights: hierarchicalWeights(subset.map((sample) => ({ group: familyOfSample(sample), key: sample.sourceLabel })), options.classWeightCap),
  });
  log(`typology head: ${trainWeapons.length} train / ${validationWeapons.length} validation weapon photos, ${dim} features`);
  const typologyTrain = typologyData(trainWeapons);
  const typologyValidation = typologyData(validationWeapons);
  const typologyFit = fitWithGrid(typologyTrain, typologyValidation, classes, dim, options.l2Grid, options.maxIterations, log, "typology");

  const validationLogits = computeLogits(typologyFit.model, typologyValidation.features, validationWeapons.length);
  // Calibrate what can be verified and what the tiers use: the family. (Fitting on the coarse sets
  // instead sharpens the within-family prior and worsens family calibration.)
  const familySets = Uint32Array.from(validationWeapons, (sample) => labelSetMask(labels.filter((label) => TYPOLOGIES[label].family === familyOfSample(sample)), labels));
  const temperature = fitTemperature(validationLogits, classes, familySets);
  const validationBefore = evaluateSplit(validationWeapons, validationLogits, labels, 1);
  const validationAfter = evaluateSplit(validationWeapons, validationLogits, labels, temperature);
  const eceBefore = expectedCalibrationError(validationBefore.familyConfidence, validationBefore.familyCorrect);
  const eceAfter = expectedCalibrationError(validationAfter.familyConfidence, validationAfter.familyCorrect);
  log(`temperature ${temperature.toFixed(3)}: validation family ECE ${eceBefore.toFixed(4)} -> ${eceAfter.toFixed(4)}`);

  // --- Tier thresholds, family level (the unit the coarse labels can verify) ---
  const familyHigh = chooseThreshold(validationAfter.familyConfidence, validationAfter.familyCorrect, options.targetPrecision.high, options.minTierSupport);
  const familyMediumChoice = chooseThreshold(validationAfter.familyConfidence, validationAfter.familyCorrect, options.targetPrecision.medium, options.minTierSupport);
  const familyMedium = { ...familyMediumChoice, threshold: Math.min(familyMediumChoice.threshold, familyHigh.threshold) };
  log(`family thresholds: medium ${familyMedium.threshold.toFixed(4)} (validation precision ${familyMedium.precision.toFixed(3)}, coverage ${familyMedium.coverage.toFixed(3)}), high ${familyHigh.threshold.toFixed(4)} (precision ${familyHigh.precision.toFixed(3)}, coverage ${familyHigh.coverage.toFixed(3)})`);

  // --- Typology-level thresholds: only typologies with singleton (full) labels can be checked ---
  const typologyThresholds: Partial<Record<TypologyKey, { medium: number; high: number }>> = {};
  const trainedTypologies: TypologyKey[] = [];
  const singletonTypologies = new Set(trainWeapons.filter((sample) => sample.allowedTypologies.length === 1).map((sample) => sample.allowedTypologies[0]!));
  for (const typology of labels.filter((label) => singletonTypologies.has(label))) {
    const predicted = validationAfter.rows.filter((row) => row.topTypology === typology);
    // Strict: correct only when the photo's label is exactly this typology (a coarse "Rifle" photo
    // predicted as AR-15 type might be right, but nothing proves it), so this is a lower bound.
    const medium = chooseThreshold(predicted.map((row) => row.topTypologyProbability), predicted.map((row) => row.strictTypologyCorrect), options.targetPrecision.medium, options.minTierSupport);
    const high = chooseThreshold(predicted.map((row) => row.topTypologyProbability), predicted.map((row) => row.strictTypologyCorrect), options.targetPrecision.high, options.minTierSupport);
    log(`typology ${typology}: ${predicted.length} validation top-1; medium ${medium.reached ? medium.threshold.toFixed(4) : "not reached"}, high ${high.reached ? high.threshold.toFixed(4) : "not reached"}`);
    if (medium.reached) {
      trainedTypologies.push(typology);
      typologyThresholds[typology] = { medium: Math.min(medium.threshold, high.threshold), high: high.reached ? high.threshold : UNREACHABLE_THRESHOLD };
    }
  }

  // --- No-firearm gate: weapons (any source) versus everyday objects, balanced by source ---
  const gateData = (subset: readonly LabelledSample[]) => ({
    features: standardized(subset),
    sets: Uint32Array.from(subset, (sample) => (sample.kind === "no-firearm" ? 0b10 : 0b01)),
    weights: hierarchicalWeights(subset.map((sample) => ({ group: sample.kind, key: sample.source })), options.classWeightCap),
  });
  const gateTrainSamples = trainAll;
  const gateValidationSamples = bySplit("validation");
  log(`no-firearm gate: ${gateTrainSamples.length} train / ${gateValidationSamples.length} validation photos`);
  const gateFit = fitWithGrid(gateData(gateTrainSamples), gateData(gateValidationSamples), 2, dim, options.gateL2Grid, options.maxIterations, log, "gate");
  const gateWeights = new Float64Array(dim);
  for (let d = 0; d < dim; d++) gateWeights[d] = gateFit.model.weights[dim + d]! - gateFit.model.weights[d]!;
  const gateBias = gateFit.model.bias[1]! - gateFit.model.bias[0]!;
  const gateScore = (subset: readonly LabelledSample[]) => {
    const features = standardized(subset);
    return subset.map((_, i) => {
      let logit = gateBias;
      for (let d = 0; d < dim; d++) logit += gateWeights[d]! * features[i * dim + d]!;
      return sigmoid(logit);
    });
  };
  const validationGateScores = gateScore(gateValidationSamples);
  // Half the allowed rate on validation, leaving a margin for unseen photos.
  const noFirearmThreshold = gateThresholdFor(gateValidationSamples, validationGateScores, options.maxWeaponRejectionRate / 2);
  log(`no-firearm threshold ${noFirearmThreshold.toFixed(4)}`);

  // --- Export (fold standardisation) ---
  const typologyWeights: number[][] = [];
  const typologyBias: number[] = [];
  for (let k = 0; k < classes; k++) {
    const folded = foldStandardizer(standardizer, typologyFit.model.weights.subarray(k * dim, (k + 1) * dim), typologyFit.model.bias[k]!);
    typologyWeights.push(Array.from(folded.weights));
    typologyBias.push(folded.bias);
  }
  const foldedGate = foldStandardizer(standardizer, gateWeights, gateBias);

  // --- Test split, touched once, with everything above frozen ---
  const testWeapons = bySplit("test", "weapon");
  const testAll = bySplit("test");
  const testLogits = computeLogits(typologyFit.model, standardized(testWeapons), testWeapons.length);
  const test = buildTestMetrics({
    before: evaluateSplit(testWeapons, testLogits, labels, 1),
    after: evaluateSplit(testWeapons, testLogits, labels, temperature),
    thresholds: { medium: familyMedium.threshold, high: familyHigh.threshold },
    typologyThresholds,
    gate: { samples: testAll, scores: gateScore(testAll), threshold: noFirearmThreshold },
  });

  return {
    standardizer,
    typology: { weights: typologyWeights, bias: typologyBias },
    noFirearm: { weights: Array.from(foldedGate.weights), bias: foldedGate.bias },
    temperature,
    l2: typologyFit.l2,
    gateL2: gateFit.l2,
    familyThresholds: { medium: familyMedium, high: familyHigh },
    typologyThresholds,
    trainedTypologies,
    noFirearmThreshold,
    validation: {
      l2Scores: typologyFit.scores,
      gateScores: gateFit.scores,
      eceBefore,
      eceAfter,
      familyAccuracy: validationAfter.familyAccuracy,
    },
    test,
  };
}
