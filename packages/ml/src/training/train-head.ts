import { TYPOLOGIES, type Family, type TypologyKey } from "../domain.ts";
import { sigmoid } from "../head/probabilities.ts";
import { fitPriorCorrection, fitTemperature, expectedCalibrationError, setNegativeLogLikelihood } from "./calibration.ts";
import { evaluateSplit } from "./evaluate.ts";
import { FIELD_LABEL_WEIGHT, isFieldSource } from "./field-labels.ts";
import { chooseGateThreshold, type GateThresholdChoice } from "./gate-threshold.ts";
import { summariseTypologies, type TypologySummary } from "./typology-report.ts";
import { labelSetMask, stackFeatures, type LabelledSample } from "./samples.ts";
import { computeLogits, trainSetSoftmax, type SetSoftmaxModel } from "./set-softmax-regression.ts";
import { applyStandardizer, fitStandardizer, foldStandardizer, type Standardizer } from "./standardize.ts";
import { chooseThreshold, UNREACHABLE_THRESHOLD, wilsonLowerBound, type ThresholdChoice } from "./thresholds.ts";

// Log lines are read by admins in the training page beside the worker's own lines: French, decimal comma.
const dec = (value: number, digits: number) => value.toFixed(digits).replace(".", ",");
const decOrDash = (value: number | null, digits: number) => (value === null ? "—" : dec(value, digits));

export interface TrainHeadOptions {
  labels: readonly TypologyKey[];
  l2Grid: readonly number[];
  gateL2Grid: readonly number[];
  targetPrecision: { medium: number; high: number };
  /** At most this share of held-out weapon photos of any source may be called "no firearm". */
  maxWeaponRejectionRate: number;
  /** Confidence of the per-source tolerance bound behind the no-firearm threshold. */
  gateToleranceConfidence: number;
  /** Validation photos a tier needs before it can open. */
  minTierSupport: number;
  /** Cap on a class's up-weighting when balancing (a 41-photo class must not dominate). */
  classWeightCap: number;
  /**
   * The same cap for the no-firearm gate, where sources are balanced instead of labels. Higher: the
   * small catalogue-photo revolver source must weigh as much as the web photos, or the gate learns
   * "catalogue photo = no firearm" from the catalogue-style negatives.
   */
  gateSourceWeightCap: number;
  maxIterations: number;
  /**
   * Fit per-class logit offsets on validation (fitPriorCorrection) before the temperature, undoing the
   * prior shift of class balancing. Off by default (models up to 2026.11.25-3 were trained without).
   */
  priorCorrection: boolean;
  /**
   * What the temperature is fitted on (validation NLL): "family", each photo's family (models up to
   * 2026.12.06-2); "typology", the typology where the label names one and the family elsewhere, so the
   * typology probability the officer reads is the calibrated one (issue 10 §4).
   */
  calibrateOn: "family" | "typology";
  /** Multiplies the weight of every photo of a field source in both heads (field-labels.ts). */
  fieldLabelWeight: number;
  /** Which sources carry field labels (default: the platform's and extra CSVs, isFieldSource). */
  isFieldSource: (source: string) => boolean;
  /** L-BFGS stops when one step lowers the objective by less than this (relative). */
  tolerance: number;
  log: (line: string) => void;
}

/** The manifest's `calibration.fittedOn` for a calibrateOn choice. */
export function calibrationFittedOn(calibrateOn: TrainHeadOptions["calibrateOn"]): string {
  return calibrateOn === "typology" ? "validation split, typology NLL where the label names one, family NLL elsewhere" : "validation split, family-level NLL";
}

export const DEFAULT_TRAIN_HEAD_OPTIONS: Omit<TrainHeadOptions, "labels"> = {
  // Warm starts make each step of the grid cheap (strongest regularisation first).
  l2Grid: [0.3, 0.05, 0.01],
  gateL2Grid: [1, 0.3, 0.1, 0.03],
  targetPrecision: { medium: 0.9, high: 0.98 },
  maxWeaponRejectionRate: 0.02,
  gateToleranceConfidence: 0.9,
  minTierSupport: 20,
  classWeightCap: 5,
  gateSourceWeightCap: 5,
  maxIterations: 150,
  priorCorrection: false,
  fieldLabelWeight: FIELD_LABEL_WEIGHT,
  isFieldSource,
  calibrateOn: "typology",
  tolerance: 1e-9,
  log: () => {},
};

/** Validation evidence for one typology with full labels: can it leave the low tier? */
export interface TypologyThresholdReport {
  /** Validation weapon photos whose top-1 typology is this one. */
  predictedTop1: number;
  /** Of those, photos whose label is exactly this typology (full label): surely right. */
  strictlyCorrect: number;
  /** Of those, photos with a coarse label that allows it (might be right, cannot be checked). */
  undecidable: number;
  medium: ThresholdChoice;
  high: ThresholdChoice;
  /** The cut (≥ minTierSupport photos) with the best strict lower bound, whether or not it reaches a target. */
  bestCut: BestCut | null;
}

export interface BestCut {
  threshold: number;
  support: number;
  strictlyCorrect: number;
  undecidable: number;
  /** One-sided 95 % Wilson lower bound, undecidable photos counted wrong (what decides). */
  strictLowerBound: number;
  /** The same, undecidable photos counted right: what the bound would be if they all were. */
  optimisticLowerBound: number;
}

/** Scans the confidence-ranked predictions of one typology for the cut with the best strict lower bound. */
export function bestStrictCut(rows: readonly { confidence: number; strict: boolean; undecidable: boolean }[], minSupport: number): BestCut | null {
  const ranked = [...rows].sort((a, b) => b.confidence - a.confidence);
  let best: BestCut | null = null;
  let strict = 0;
  let undecidable = 0;
  ranked.forEach((row, index) => {
    strict += row.strict ? 1 : 0;
    undecidable += row.undecidable ? 1 : 0;
    const support = index + 1;
    if (support < minSupport || ranked[index + 1]?.confidence === row.confidence) return;
    const strictLowerBound = wilsonLowerBound(strict, support);
    if (!best || strictLowerBound > best.strictLowerBound) best = { threshold: row.confidence, support, strictlyCorrect: strict, undecidable, strictLowerBound, optimisticLowerBound: wilsonLowerBound(strict + undecidable, support) };
  });
  return best;
}

export interface TrainedHead {
  labels: readonly TypologyKey[];
  dim: number;
  standardizer: Standardizer;
  /** In standardised feature space (for evaluation during training). */
  typologyModel: SetSoftmaxModel;
  gateModel: { weights: Float64Array; bias: number };
  /** Exported weights: standardisation folded in, work on raw backbone features. */
  typology: { weights: number[][]; bias: number[] };
  noFirearm: { weights: number[]; bias: number };
  temperature: number;
  l2: number;
  gateL2: number;
  familyThresholds: { medium: ThresholdChoice; high: ThresholdChoice };
  typologyThresholds: Partial<Record<TypologyKey, { medium: number; high: number }>>;
  /** Every typology with full training labels, whether or not it became trained. */
  typologyThresholdReports: Partial<Record<TypologyKey, TypologyThresholdReport>>;
  trainedTypologies: TypologyKey[];
  noFirearmThreshold: number;
  gateThreshold: GateThresholdChoice;
  /** Per-class logit offsets fitted on validation and folded into the bias (null: not fitted). */
  priorOffsets: number[] | null;
  validation: { l2Scores: { l2: number; nll: number }[]; gateScores: { l2: number; nll: number }[]; eceBefore: number; eceAfter: number; familyAccuracy: number; typology: TypologySummary };
  timings: { typologySeconds: number; gateSeconds: number; objectiveEvaluations: number };
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

interface FitData {
  features: Float32Array;
  sets: Uint32Array;
  weights: Float64Array;
}

async function fitWithGrid(
  train: FitData,
  validation: FitData,
  classes: number,
  dim: number,
  grid: readonly number[],
  options: Pick<TrainHeadOptions, "maxIterations" | "tolerance" | "log">,
  name: string,
): Promise<{ model: SetSoftmaxModel; l2: number; scores: { l2: number; nll: number }[]; evaluations: number }> {
  const scores: { l2: number; nll: number }[] = [];
  let best: { model: SetSoftmaxModel; l2: number; nll: number } | undefined;
  let previous: SetSoftmaxModel | undefined;
  let evaluations = 0;
  // From strong to weak regularisation, warm-starting each fit from the previous one.
  for (const l2 of [...grid].sort((a, b) => b - a)) {
    const started = performance.now();
    const model = await trainSetSoftmax(
      { features: train.features, count: train.sets.length, dim, labelSets: train.sets, sampleWeights: train.weights },
      { classes, l2, maxIterations: options.maxIterations, tolerance: options.tolerance, ...(previous ? { initial: previous } : {}) },
    );
    previous = model;
    evaluations += model.evaluations;
    const logits = computeLogits(model, validation.features, validation.sets.length);
    const nll = weightedSetNll(logits, classes, validation.sets, validation.weights);
    scores.push({ l2, nll });
    options.log(`  ${name === "typology" ? "typologie" : "filtre « pas une arme »"} l2=${l2} : NLL équilibrée de validation ${dec(nll, 4)} (${model.iterations} itérations, ${model.evaluations} évaluations, ${dec((performance.now() - started) / 1000, 1)} s)`);
    if (!best || nll < best.nll) best = { model, l2, nll };
  }
  if (!best) throw new Error("Empty L2 grid");
  return { model: best.model, l2: best.l2, scores, evaluations };
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

/** Raw (temperature 1) typology logits and gate logits of samples, in training space. */
export function scoreSamples(head: Pick<TrainedHead, "standardizer" | "typologyModel" | "gateModel" | "dim">, samples: readonly LabelledSample[]): { typologyLogits: Float64Array; gateLogits: number[] } {
  const { dim } = head;
  const features = applyStandardizer(head.standardizer, stackFeatures(samples, dim), samples.length, dim);
  const gateLogits = samples.map((_, i) => {
    let logit = head.gateModel.bias;
    for (let d = 0; d < dim; d++) logit += head.gateModel.weights[d]! * features[i * dim + d]!;
    return logit;
  });
  return { typologyLogits: computeLogits(head.typologyModel, features, samples.length), gateLogits };
}

/**
 * Trains the 12-typology head from (partial) labels and the no-firearm gate, selects L2 and fits the
 * temperature, tier thresholds and gate threshold on validation. Never reads the test split: the
 * pipeline evaluates it once, afterwards (test-report.ts).
 */
export async function trainHead(samples: readonly LabelledSample[], partialOptions: Partial<TrainHeadOptions> & { labels: readonly TypologyKey[] }): Promise<TrainedHead> {
  const options: TrainHeadOptions = { ...DEFAULT_TRAIN_HEAD_OPTIONS, ...partialOptions };
  const { labels, log } = options;
  const classes = labels.length;
  const dim = samples[0]?.features.length ?? 0;
  const bySplit = (split: "train" | "validation", kind?: LabelledSample["kind"]) => samples.filter((sample) => sample.split === split && (!kind || sample.kind === kind));

  const trainAll = bySplit("train");
  const standardizer = fitStandardizer(stackFeatures(trainAll, dim), trainAll.length, dim);
  const standardized = (subset: readonly LabelledSample[]) => applyStandardizer(standardizer, stackFeatures(subset, dim), subset.length, dim);

  // --- Typology head (weapons only, partial labels, class-balanced by source label) ---
  const typologyStarted = performance.now();
  const trainWeapons = bySplit("train", "weapon");
  const validationWeapons = bySplit("validation", "weapon");
  const typologyData = (subset: readonly LabelledSample[]): FitData => ({
    features: standardized(subset),
    sets: Uint32Array.from(subset, (sample) => labelSetMask(sample.allowedTypologies, labels)),
    weights: hierarchicalWeights(subset.map((sample) => ({ group: familyOfSample(sample), key: sample.sourceLabel })), options.classWeightCap).map(
      (weight, i) => weight * (subset[i]!.labelWeight ?? 1) * (options.isFieldSource(subset[i]!.source) ? options.fieldLabelWeight : 1),
    ),
  });
  log(`tête typologie : ${trainWeapons.length} photos d'armes en entraînement / ${validationWeapons.length} en validation, ${dim} caractéristiques`);
  const typologyValidation = typologyData(validationWeapons);
  const typologyFit = await fitWithGrid(typologyData(trainWeapons), typologyValidation, classes, dim, options.l2Grid, options, "typology");
  const typologySeconds = (performance.now() - typologyStarted) / 1000;

  let priorOffsets: Float64Array | null = null;
  if (options.priorCorrection) {
    const offsets = fitPriorCorrection(computeLogits(typologyFit.model, typologyValidation.features, validationWeapons.length), classes, typologyValidation.sets);
    priorOffsets = offsets;
    typologyFit.model = { ...typologyFit.model, bias: Float64Array.from(typologyFit.model.bias, (bias, k) => bias + offsets[k]!) };
    log(`correction des fréquences a priori (validation, fréquences naturelles) : ${labels.map((label, k) => `${label} ${dec(offsets[k]!, 2)}`).join(", ")}`);
  }
  const validationLogits = computeLogits(typologyFit.model, typologyValidation.features, validationWeapons.length);
  // Calibrate what can be verified and what the tiers use: the family. (Fitting on the coarse sets
  // instead sharpens the within-family prior and worsens family calibration.)
  const calibrationSets = Uint32Array.from(validationWeapons, (sample) =>
    options.calibrateOn === "typology" && sample.allowedTypologies.length === 1
      ? labelSetMask(sample.allowedTypologies, labels)
      : labelSetMask(labels.filter((label) => TYPOLOGIES[label].family === familyOfSample(sample)), labels),
  );
  const temperature = fitTemperature(validationLogits, classes, calibrationSets);
  const validationBefore = evaluateSplit(validationWeapons, validationLogits, labels, 1);
  const validationAfter = evaluateSplit(validationWeapons, validationLogits, labels, temperature);
  const eceBefore = expectedCalibrationError(validationBefore.familyConfidence, validationBefore.familyCorrect);
  const eceAfter = expectedCalibrationError(validationAfter.familyConfidence, validationAfter.familyCorrect);
  log(`température ${dec(temperature, 3)} : ECE famille en validation ${dec(eceBefore, 4)} → ${dec(eceAfter, 4)}, top-1 famille ${dec(validationAfter.familyAccuracy, 4)}`);
  const validationTypology = summariseTypologies(validationAfter.rows, labels);
  log(`validation, photos à étiquette exacte (${validationTypology.fullLabelled}) : top-1 typologie ${decOrDash(validationTypology.top1.rate, 4)}, top-3 ${decOrDash(validationTypology.top3.rate, 4)}, ECE typologie ${decOrDash(validationTypology.ece, 4)}`);

  // --- Tier thresholds, family level (the unit the coarse labels can verify) ---
  const familyHigh = chooseThreshold(validationAfter.familyConfidence, validationAfter.familyCorrect, options.targetPrecision.high, options.minTierSupport);
  const familyMediumChoice = chooseThreshold(validationAfter.familyConfidence, validationAfter.familyCorrect, options.targetPrecision.medium, options.minTierSupport);
  const familyMedium = { ...familyMediumChoice, threshold: Math.min(familyMediumChoice.threshold, familyHigh.threshold) };
  log(`seuils famille : moyen ${dec(familyMedium.threshold, 4)} (précision en validation ${dec(familyMedium.precision, 3)}, couverture ${dec(familyMedium.coverage, 3)}), élevé ${dec(familyHigh.threshold, 4)} (précision ${dec(familyHigh.precision, 3)}, couverture ${dec(familyHigh.coverage, 3)})`);

  // --- Typology-level thresholds: only typologies with full (singleton) labels can be checked ---
  const typologyThresholds: Partial<Record<TypologyKey, { medium: number; high: number }>> = {};
  const typologyThresholdReports: Partial<Record<TypologyKey, TypologyThresholdReport>> = {};
  const trainedTypologies: TypologyKey[] = [];
  const singletonTypologies = new Set(trainWeapons.filter((sample) => sample.allowedTypologies.length === 1).map((sample) => sample.allowedTypologies[0]!));
  for (const typology of labels.filter((label) => singletonTypologies.has(label))) {
    const predicted = validationAfter.rows.filter((row) => row.topTypology === typology);
    // Strict: right only when the photo's label is exactly this typology. A coarse "Rifle" photo
    // predicted as AR-15 type may be right, but nothing proves it, so it counts as wrong: the
    // precision used here is a lower bound, and its Wilson bound a lower bound of that.
    const confidences = predicted.map((row) => row.topTypologyProbability);
    const correct = predicted.map((row) => row.strictTypologyCorrect);
    const medium = chooseThreshold(confidences, correct, options.targetPrecision.medium, options.minTierSupport);
    const high = chooseThreshold(confidences, correct, options.targetPrecision.high, options.minTierSupport);
    typologyThresholdReports[typology] = {
      predictedTop1: predicted.length,
      strictlyCorrect: correct.filter(Boolean).length,
      undecidable: predicted.filter((row) => !row.strictTypologyCorrect && row.inLabelSet).length,
      medium,
      high,
      bestCut: bestStrictCut(
        predicted.map((row) => ({ confidence: row.topTypologyProbability, strict: row.strictTypologyCorrect, undecidable: !row.strictTypologyCorrect && row.inLabelSet })),
        options.minTierSupport,
      ),
    };
    log(`typologie ${typology} : ${predicted.length} en tête en validation (${correct.filter(Boolean).length} avec exactement cette étiquette) ; moyen ${medium.reached ? `${dec(medium.threshold, 4)} (${medium.support} photos, borne basse ${dec(medium.lowerBound, 3)})` : "non atteint"}, élevé ${high.reached ? dec(high.threshold, 4) : "non atteint"}`);
    if (medium.reached) {
      trainedTypologies.push(typology);
      typologyThresholds[typology] = { medium: Math.min(medium.threshold, high.threshold), high: high.reached ? high.threshold : UNREACHABLE_THRESHOLD };
    }
  }

  // --- No-firearm gate: weapons (any source) versus everyday objects, balanced by source ---
  const gateStarted = performance.now();
  const gateData = (subset: readonly LabelledSample[]): FitData => ({
    features: standardized(subset),
    sets: Uint32Array.from(subset, (sample) => (sample.kind === "no-firearm" ? 0b10 : 0b01)),
    weights: hierarchicalWeights(subset.map((sample) => ({ group: sample.kind, key: sample.source })), options.gateSourceWeightCap).map(
      (weight, i) => weight * (options.isFieldSource(subset[i]!.source) ? options.fieldLabelWeight : 1),
    ),
  });
  const gateValidationSamples = bySplit("validation");
  log(`filtre « pas une arme » : ${trainAll.length} photos en entraînement / ${gateValidationSamples.length} en validation`);
  const gateFit = await fitWithGrid(gateData(trainAll), gateData(gateValidationSamples), 2, dim, options.gateL2Grid, options, "gate");
  const gateWeights = new Float64Array(dim);
  for (let d = 0; d < dim; d++) gateWeights[d] = gateFit.model.weights[dim + d]! - gateFit.model.weights[d]!;
  const gateModel = { weights: gateWeights, bias: gateFit.model.bias[1]! - gateFit.model.bias[0]! };
  const gateSeconds = (performance.now() - gateStarted) / 1000;

  const scored = scoreSamples({ standardizer, typologyModel: typologyFit.model, gateModel, dim }, gateValidationSamples);
  const gateThreshold = chooseGateThreshold(
    gateValidationSamples.flatMap((sample, i) => (sample.kind === "weapon" ? [{ source: sample.source, logit: scored.gateLogits[i]! }] : [])),
    { maxRejectionRate: options.maxWeaponRejectionRate, confidence: options.gateToleranceConfidence },
  );
  const validationNegatives = gateValidationSamples.flatMap((sample, i) => (sample.kind === "no-firearm" ? [sigmoid(scored.gateLogits[i]!)] : []));
  log(
    `seuil « pas une arme » ${dec(gateThreshold.threshold, 6)} (fixé par ${gateThreshold.decidedBy === "floor 0.5" ? "le plancher 0,5" : gateThreshold.decidedBy} ; ${gateThreshold.perSource.map((source) => `${source.source} : n ${source.n}, observé ${dec(source.empirical, 4)}, tolérance ${dec(source.tolerance, 4)}`).join(" ; ")}) ; écarte ${validationNegatives.filter((score) => score > gateThreshold.threshold).length}/${validationNegatives.length} photos sans arme de la validation`,
  );

  // --- Export (fold standardisation) ---
  const typologyWeights: number[][] = [];
  const typologyBias: number[] = [];
  for (let k = 0; k < classes; k++) {
    const folded = foldStandardizer(standardizer, typologyFit.model.weights.subarray(k * dim, (k + 1) * dim), typologyFit.model.bias[k]!);
    typologyWeights.push(Array.from(folded.weights));
    typologyBias.push(folded.bias);
  }
  const foldedGate = foldStandardizer(standardizer, gateModel.weights, gateModel.bias);

  return {
    labels,
    dim,
    standardizer,
    typologyModel: typologyFit.model,
    gateModel,
    typology: { weights: typologyWeights, bias: typologyBias },
    noFirearm: { weights: Array.from(foldedGate.weights), bias: foldedGate.bias },
    temperature,
    priorOffsets: priorOffsets ? Array.from(priorOffsets, (value) => Number(value.toFixed(4))) : null,
    l2: typologyFit.l2,
    gateL2: gateFit.l2,
    familyThresholds: { medium: familyMedium, high: familyHigh },
    typologyThresholds,
    typologyThresholdReports,
    trainedTypologies,
    noFirearmThreshold: gateThreshold.threshold,
    gateThreshold,
    validation: { l2Scores: typologyFit.scores, gateScores: gateFit.scores, eceBefore, eceAfter, familyAccuracy: validationAfter.familyAccuracy, typology: summariseTypologies(validationAfter.rows, labels) },
    timings: { typologySeconds, gateSeconds, objectiveEvaluations: typologyFit.evaluations + gateFit.evaluations },
  };
}
