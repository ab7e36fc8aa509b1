import { TYPOLOGIES, type Family, type TypologyKey } from "../domain.ts";
import { sigmoid } from "../head/probabilities.ts";
import type { ModelPolicy } from "../runtime/assess.ts";
import { fitPriorCorrection, fitTemperature, expectedCalibrationError, setNegativeLogLikelihood } from "./calibration.ts";
import type { CaseAggregation } from "../manifest.ts";
import { caseCalibration, chooseCaseAggregation, type CaseCalibrationReport } from "./case-evidence.ts";
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
export function calibrationFittedOn(calibrateOn: TrainHeadOptions["calibrateOn"], crossFitFolds = 0): string {
  const evidence = crossFitFolds > 0 ? `out-of-fold scores of ${crossFitFolds}-fold cross-fitting over train + validation` : "validation split";
  return calibrateOn === "typology" ? `${evidence}, typology NLL where the label names one, family NLL elsewhere` : `${evidence}, family-level NLL`;
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

/** What the platform's policy reads of a trained head: the manifest's thresholds, trainedTypologies and noFirearm. */
export function policyOfTrainedHead(trained: Pick<TrainedHead, "familyThresholds" | "typologyThresholds" | "trainedTypologies" | "noFirearmThreshold">): ModelPolicy {
  return {
    thresholds: {
      unit: "family",
      medium: trained.familyThresholds.medium.threshold,
      high: trained.familyThresholds.high.threshold,
      targetPrecision: DEFAULT_TRAIN_HEAD_OPTIONS.targetPrecision,
      typology: trained.typologyThresholds,
    },
    // the manifest's own key order (a re-run writes the same bytes)
    noFirearm: { threshold: trained.noFirearmThreshold, maxWeaponRejectionRate: DEFAULT_TRAIN_HEAD_OPTIONS.maxWeaponRejectionRate },
    trainedTypologies: trained.trainedTypologies,
  };
}

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
  /** How the served model pools a case's photos, chosen on held-out cases (chooseCaseAggregation). */
  caseAggregation: CaseAggregation;
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
  validation: {
    l2Scores: { l2: number; nll: number }[];
    gateScores: { l2: number; nll: number }[];
    eceBefore: number;
    eceAfter: number;
    familyAccuracy: number;
    typology: TypologySummary;
    /** The same held-out photos grouped into cases, under each way production can pool a case (case-evidence.ts). */
    cases: Record<CaseAggregation, CaseCalibrationReport>;
  };
  /** Cross-fitted heads (crossFitHead): the calibration above is out-of-fold, not the validation split's. */
  crossFit: CrossFitReport | null;
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
  if (validation.sets.length === 0 && grid.length > 1) throw new Error(`no validation photo to choose the ${name} L2 among ${grid.join(", ")}`);
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
    const nll = validation.sets.length === 0 ? Number.NaN : weightedSetNll(logits, classes, validation.sets, validation.weights);
    scores.push({ l2, nll });
    options.log(`  ${name === "typology" ? "typologie" : "filtre « pas une arme »"} l2=${l2} : ${Number.isNaN(nll) ? "pas de validation (l2 fixé)" : `NLL équilibrée de validation ${dec(nll, 4)}`} (${model.iterations} itérations, ${model.evaluations} évaluations, ${dec((performance.now() - started) / 1000, 1)} s)`);
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

/** The two heads fitted on the train split (L2 chosen on validation NLL when the grid has several values). */
interface FittedHeads {
  dim: number;
  standardizer: Standardizer;
  typologyModel: SetSoftmaxModel;
  gateModel: { weights: Float64Array; bias: number };
  l2: number;
  gateL2: number;
  l2Scores: { l2: number; nll: number }[];
  gateScores: { l2: number; nll: number }[];
  evaluations: number;
  typologySeconds: number;
  gateSeconds: number;
}

/** Photos the calibration is fitted on, with the raw (temperature 1, before prior correction) scores of the heads that never trained on them. */
export interface CalibrationEvidence {
  /** Weapon photos, and their raw typology logits (row-major, `labels` order). */
  weapons: LabelledSample[];
  typologyLogits: Float64Array;
  /** Every photo (weapons and no-firearm), and their gate logits. */
  all: LabelledSample[];
  gateLogits: number[];
}

const bySplit = (samples: readonly LabelledSample[], split: "train" | "validation", kind?: LabelledSample["kind"]) =>
  samples.filter((sample) => sample.split === split && (!kind || sample.kind === kind));

function typologyWeights(subset: readonly LabelledSample[], options: TrainHeadOptions): Float64Array {
  return hierarchicalWeights(subset.map((sample) => ({ group: familyOfSample(sample), key: sample.sourceLabel })), options.classWeightCap).map(
    (weight, i) => weight * (subset[i]!.labelWeight ?? 1) * (options.isFieldSource(subset[i]!.source) ? options.fieldLabelWeight : 1),
  );
}

function gateWeights(subset: readonly LabelledSample[], options: TrainHeadOptions): Float64Array {
  return hierarchicalWeights(subset.map((sample) => ({ group: sample.kind, key: sample.source })), options.gateSourceWeightCap).map(
    (weight, i) => weight * (options.isFieldSource(subset[i]!.source) ? options.fieldLabelWeight : 1),
  );
}

/** Standardisation, the typology head and the no-firearm gate, fitted on the train split. */
async function fitHeads(samples: readonly LabelledSample[], options: TrainHeadOptions): Promise<FittedHeads> {
  const { labels, log } = options;
  const classes = labels.length;
  const dim = samples[0]?.features.length ?? 0;
  const trainAll = bySplit(samples, "train");
  const standardizer = fitStandardizer(stackFeatures(trainAll, dim), trainAll.length, dim);
  const standardized = (subset: readonly LabelledSample[]) => applyStandardizer(standardizer, stackFeatures(subset, dim), subset.length, dim);

  // --- Typology head (weapons only, partial labels, class-balanced by source label) ---
  const typologyStarted = performance.now();
  const trainWeapons = bySplit(samples, "train", "weapon");
  const validationWeapons = bySplit(samples, "validation", "weapon");
  const typologyData = (subset: readonly LabelledSample[]): FitData => ({
    features: standardized(subset),
    sets: Uint32Array.from(subset, (sample) => labelSetMask(sample.allowedTypologies, labels)),
    weights: typologyWeights(subset, options),
  });
  log(`tête typologie : ${trainWeapons.length} photos d'armes en entraînement / ${validationWeapons.length} en validation, ${dim} caractéristiques`);
  const typologyFit = await fitWithGrid(typologyData(trainWeapons), typologyData(validationWeapons), classes, dim, options.l2Grid, options, "typology");
  const typologySeconds = (performance.now() - typologyStarted) / 1000;

  // --- No-firearm gate: weapons (any source) versus everyday objects, balanced by source ---
  const gateStarted = performance.now();
  const gateData = (subset: readonly LabelledSample[]): FitData => ({
    features: standardized(subset),
    sets: Uint32Array.from(subset, (sample) => (sample.kind === "no-firearm" ? 0b10 : 0b01)),
    weights: gateWeights(subset, options),
  });
  const gateValidationSamples = bySplit(samples, "validation");
  log(`filtre « pas une arme » : ${trainAll.length} photos en entraînement / ${gateValidationSamples.length} en validation`);
  const gateFit = await fitWithGrid(gateData(trainAll), gateData(gateValidationSamples), 2, dim, options.gateL2Grid, options, "gate");
  const gateWeightsVector = new Float64Array(dim);
  for (let d = 0; d < dim; d++) gateWeightsVector[d] = gateFit.model.weights[dim + d]! - gateFit.model.weights[d]!;
  const gateModel = { weights: gateWeightsVector, bias: gateFit.model.bias[1]! - gateFit.model.bias[0]! };
  return {
    dim,
    standardizer,
    typologyModel: typologyFit.model,
    gateModel,
    l2: typologyFit.l2,
    gateL2: gateFit.l2,
    l2Scores: typologyFit.scores,
    gateScores: gateFit.scores,
    evaluations: typologyFit.evaluations + gateFit.evaluations,
    typologySeconds,
    gateSeconds: (performance.now() - gateStarted) / 1000,
  };
}

/** Raw scores of a fitted pair of heads on the validation split: the evidence its calibration is fitted on. */
function validationEvidence(fitted: FittedHeads, samples: readonly LabelledSample[]): CalibrationEvidence {
  const all = bySplit(samples, "validation");
  const scored = scoreSamples(fitted, all);
  const classes = fitted.typologyModel.bias.length;
  const weaponIndices = all.flatMap((sample, i) => (sample.kind === "weapon" ? [i] : []));
  const typologyLogits = new Float64Array(weaponIndices.length * classes);
  weaponIndices.forEach((index, row) => typologyLogits.set(scored.typologyLogits.subarray(index * classes, (index + 1) * classes), row * classes));
  return { weapons: weaponIndices.map((index) => all[index]!), typologyLogits, all, gateLogits: scored.gateLogits };
}

/** Pools the evidence of several folds (each scored by heads that never trained on it). */
function poolEvidence(parts: readonly CalibrationEvidence[]): CalibrationEvidence {
  const length = parts.reduce((total, part) => total + part.typologyLogits.length, 0);
  const typologyLogits = new Float64Array(length);
  let offset = 0;
  for (const part of parts) {
    typologyLogits.set(part.typologyLogits, offset);
    offset += part.typologyLogits.length;
  }
  return { weapons: parts.flatMap((part) => part.weapons), typologyLogits, all: parts.flatMap((part) => part.all), gateLogits: parts.flatMap((part) => part.gateLogits) };
}

type Calibration = Pick<TrainedHead, "temperature" | "familyThresholds" | "typologyThresholds" | "typologyThresholdReports" | "trainedTypologies" | "noFirearmThreshold" | "gateThreshold"> & {
  priorOffsets: Float64Array | null;
  eceBefore: number;
  eceAfter: number;
  familyAccuracy: number;
  typology: TypologySummary;
  cases: Record<CaseAggregation, CaseCalibrationReport>;
  caseAggregation: CaseAggregation;
};

/**
 * Everything fitted on held-out scores: prior correction, temperature, family and typology tier
 * thresholds, the no-firearm threshold. The evidence is the validation split's (trainHead) or the
 * pooled out-of-fold scores of cross-fitting (crossFitHead).
 */
function calibrate(evidence: CalibrationEvidence, trainWeapons: readonly LabelledSample[], options: TrainHeadOptions): Calibration {
  const { labels, log } = options;
  const classes = labels.length;
  const { weapons } = evidence;
  const sets = Uint32Array.from(weapons, (sample) => labelSetMask(sample.allowedTypologies, labels));
  let priorOffsets: Float64Array | null = null;
  let logits = evidence.typologyLogits;
  if (options.priorCorrection) {
    const offsets = fitPriorCorrection(logits, classes, sets);
    priorOffsets = offsets;
    logits = logits.map((logit, index) => logit + offsets[index % classes]!);
    log(`correction des fréquences a priori (validation, fréquences naturelles) : ${labels.map((label, k) => `${label} ${dec(offsets[k]!, 2)}`).join(", ")}`);
  }
  // Calibrate what can be verified and what the tiers use: the family. (Fitting on the coarse sets
  // instead sharpens the within-family prior and worsens family calibration.)
  const calibrationSets = Uint32Array.from(weapons, (sample) =>
    options.calibrateOn === "typology" && sample.allowedTypologies.length === 1
      ? labelSetMask(sample.allowedTypologies, labels)
      : labelSetMask(labels.filter((label) => TYPOLOGIES[label].family === familyOfSample(sample)), labels),
  );
  const temperature = fitTemperature(logits, classes, calibrationSets);
  const validationBefore = evaluateSplit(weapons, logits, labels, 1);
  const validationAfter = evaluateSplit(weapons, logits, labels, temperature);
  const eceBefore = expectedCalibrationError(validationBefore.familyConfidence, validationBefore.familyCorrect);
  const eceAfter = expectedCalibrationError(validationAfter.familyConfidence, validationAfter.familyCorrect);
  log(`température ${dec(temperature, 3)} : ECE famille en validation ${dec(eceBefore, 4)} → ${dec(eceAfter, 4)}, top-1 famille ${dec(validationAfter.familyAccuracy, 4)}`);
  const validationTypology = summariseTypologies(validationAfter.rows, labels);
  const gateLogitOf = new Map(evidence.all.map((sample, i) => [sample.id, evidence.gateLogits[i]!]));
  const weaponGateLogits = weapons.map((sample) => gateLogitOf.get(sample.id)!);
  const cases = {
    linear: caseCalibration(validationAfter.rows, weaponGateLogits, labels, "linear"),
    logarithmic: caseCalibration(validationAfter.rows, weaponGateLogits, labels, "logarithmic"),
  };
  const caseAggregation = chooseCaseAggregation(cases);
  log(
    `par cas (${cases.linear.cases} cas dont ${cases.linear.multiPhotoCases} de plusieurs photos) : ECE typologie ${decOrDash(cases.linear.typologyEce, 4)} en moyenne des probabilités, ${decOrDash(cases.logarithmic.typologyEce, 4)} en moyenne géométrique ; NLL ${dec(cases.linear.nll, 4)} / ${dec(cases.logarithmic.nll, 4)} → ${caseAggregation === "linear" ? "moyenne des probabilités" : "moyenne géométrique"}`,
  );
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

  // --- No-firearm threshold on the held-out gate logits ---
  const gateThreshold = chooseGateThreshold(
    evidence.all.flatMap((sample, i) => (sample.kind === "weapon" ? [{ source: sample.source, logit: evidence.gateLogits[i]! }] : [])),
    { maxRejectionRate: options.maxWeaponRejectionRate, confidence: options.gateToleranceConfidence },
  );
  const validationNegatives = evidence.all.flatMap((sample, i) => (sample.kind === "no-firearm" ? [sigmoid(evidence.gateLogits[i]!)] : []));
  log(
    `seuil « pas une arme » ${dec(gateThreshold.threshold, 6)} (fixé par ${gateThreshold.decidedBy === "floor 0.5" ? "le plancher 0,5" : gateThreshold.decidedBy} ; ${gateThreshold.perSource.map((source) => `${source.source} : n ${source.n}, observé ${dec(source.empirical, 4)}, tolérance ${dec(source.tolerance, 4)}`).join(" ; ")}) ; écarte ${validationNegatives.filter((score) => score > gateThreshold.threshold).length}/${validationNegatives.length} photos sans arme de la validation`,
  );
  return {
    priorOffsets,
    temperature,
    eceBefore,
    eceAfter,
    familyAccuracy: validationAfter.familyAccuracy,
    typology: validationTypology,
    cases,
    caseAggregation,
    familyThresholds: { medium: familyMedium, high: familyHigh },
    typologyThresholds,
    typologyThresholdReports,
    trainedTypologies,
    noFirearmThreshold: gateThreshold.threshold,
    gateThreshold,
  };
}

/** The exported head: prior offsets folded into the bias, standardisation folded into the weights. */
function assembleHead(fitted: FittedHeads, calibration: Calibration, options: TrainHeadOptions, crossFit: CrossFitReport | null): TrainedHead {
  const { labels } = options;
  const { dim, standardizer, gateModel } = fitted;
  const offsets = calibration.priorOffsets;
  const typologyModel = offsets ? { ...fitted.typologyModel, bias: Float64Array.from(fitted.typologyModel.bias, (bias, k) => bias + offsets[k]!) } : fitted.typologyModel;
  const typologyWeightsOut: number[][] = [];
  const typologyBias: number[] = [];
  for (let k = 0; k < labels.length; k++) {
    const folded = foldStandardizer(standardizer, typologyModel.weights.subarray(k * dim, (k + 1) * dim), typologyModel.bias[k]!);
    typologyWeightsOut.push(Array.from(folded.weights));
    typologyBias.push(folded.bias);
  }
  const foldedGate = foldStandardizer(standardizer, gateModel.weights, gateModel.bias);
  return {
    labels,
    dim,
    standardizer,
    typologyModel,
    gateModel,
    typology: { weights: typologyWeightsOut, bias: typologyBias },
    noFirearm: { weights: Array.from(foldedGate.weights), bias: foldedGate.bias },
    temperature: calibration.temperature,
    caseAggregation: calibration.caseAggregation,
    priorOffsets: offsets ? Array.from(offsets, (value) => Number(value.toFixed(4))) : null,
    l2: fitted.l2,
    gateL2: fitted.gateL2,
    familyThresholds: calibration.familyThresholds,
    typologyThresholds: calibration.typologyThresholds,
    typologyThresholdReports: calibration.typologyThresholdReports,
    trainedTypologies: calibration.trainedTypologies,
    noFirearmThreshold: calibration.noFirearmThreshold,
    gateThreshold: calibration.gateThreshold,
    validation: {
      l2Scores: crossFit?.l2Scores ?? fitted.l2Scores,
      gateScores: crossFit?.gateScores ?? fitted.gateScores,
      eceBefore: calibration.eceBefore,
      eceAfter: calibration.eceAfter,
      familyAccuracy: calibration.familyAccuracy,
      typology: calibration.typology,
      cases: calibration.cases,
    },
    crossFit,
    timings: { typologySeconds: fitted.typologySeconds, gateSeconds: fitted.gateSeconds, objectiveEvaluations: fitted.evaluations },
  };
}

/**
 * Trains the 12-typology head from (partial) labels and the no-firearm gate, selects L2 and fits the
 * temperature, tier thresholds and gate threshold on validation. Never reads the test split: the
 * pipeline evaluates it once, afterwards (test-report.ts).
 */
export async function trainHead(samples: readonly LabelledSample[], partialOptions: Partial<TrainHeadOptions> & { labels: readonly TypologyKey[] }): Promise<TrainedHead> {
  const options: TrainHeadOptions = { ...DEFAULT_TRAIN_HEAD_OPTIONS, ...partialOptions };
  const fitted = await fitHeads(samples, options);
  const calibration = calibrate(validationEvidence(fitted, samples), bySplit(samples, "train", "weapon"), options);
  return assembleHead(fitted, calibration, options, null);
}

/** What cross-fitting measured fold by fold (the model card reports the spread). */
export interface CrossFitReport {
  folds: { fold: number; trainPhotos: number; heldOutPhotos: number; l2: number; gateL2: number; temperature: number; typologyTop1: number | null; typologyEce: number | null; familyAccuracy: number }[];
  /** Mean held-out NLL per L2 over the folds: what chose the final model's L2. */
  l2Scores: { l2: number; nll: number }[];
  gateScores: { l2: number; nll: number }[];
}

/** Mean NLL per L2 over folds, and the L2 with the lowest. */
function chooseByMeanNll(perFold: readonly { l2: number; nll: number }[][]): { scores: { l2: number; nll: number }[]; best: number } {
  const grid = [...new Set(perFold.flatMap((scores) => scores.map((score) => score.l2)))];
  const scores = grid.map((l2) => ({ l2, nll: perFold.reduce((total, fold) => total + fold.find((score) => score.l2 === l2)!.nll, 0) / perFold.length }));
  const best = scores.reduce((winner, score) => (score.nll < winner.nll ? score : winner));
  return { scores, best: best.l2 };
}

/**
 * Cross-fitting (issue 10 §4: calibration on ~250 validation groups did not transfer to the test
 * split). Each fold's heads train on the other folds (with the backbone fine-tuned without that fold)
 * and score the fold; the pooled out-of-fold scores, five times the validation split, fit the prior
 * correction, temperature, tier thresholds and gate threshold. The final heads train on every fold
 * (`finalSamples`: split "train" for all but the test split, features of the backbone fine-tuned on
 * every fold) with the L2 the folds chose, and take that calibration.
 */
export async function crossFitHead(foldSamples: readonly (readonly LabelledSample[])[], finalSamples: readonly LabelledSample[], partialOptions: Partial<TrainHeadOptions> & { labels: readonly TypologyKey[] }): Promise<TrainedHead> {
  const options: TrainHeadOptions = { ...DEFAULT_TRAIN_HEAD_OPTIONS, ...partialOptions };
  const { log } = options;
  if (foldSamples.length < 2) throw new Error(`cross-fitting needs at least 2 folds, got ${foldSamples.length}`);
  if (bySplit(finalSamples, "validation").length > 0) throw new Error("the final samples of cross-fitting must have no validation split (fold -1)");
  const heldOutIds = new Set<string>();
  const evidence: CalibrationEvidence[] = [];
  const fits: FittedHeads[] = [];
  const folds: CrossFitReport["folds"] = [];
  for (const [fold, samples] of foldSamples.entries()) {
    log(`— pli ${fold + 1}/${foldSamples.length}`);
    const fitted = await fitHeads(samples, options);
    const part = validationEvidence(fitted, samples);
    for (const sample of part.all) {
      if (heldOutIds.has(sample.id)) throw new Error(`photo ${sample.id} is held out by two folds: the folds must partition train + validation`);
      heldOutIds.add(sample.id);
    }
    const own = calibrate(part, bySplit(samples, "train", "weapon"), { ...options, log: () => {} });
    folds.push({
      fold,
      trainPhotos: bySplit(samples, "train").length,
      heldOutPhotos: part.all.length,
      l2: fitted.l2,
      gateL2: fitted.gateL2,
      temperature: Number(own.temperature.toFixed(4)),
      typologyTop1: own.typology.top1.rate,
      typologyEce: own.typology.ece,
      familyAccuracy: Number(own.familyAccuracy.toFixed(4)),
    });
    log(`pli ${fold + 1} : l2 ${fitted.l2}, filtre l2 ${fitted.gateL2}, température propre ${dec(own.temperature, 3)}, top-1 typologie ${decOrDash(own.typology.top1.rate, 4)}, ECE typologie ${decOrDash(own.typology.ece, 4)}`);
    evidence.push(part);
    fits.push(fitted);
  }
  const missing = finalSamples.filter((sample) => sample.split === "train" && !heldOutIds.has(sample.id)).length;
  if (missing > 0) log(`attention : ${missing} photos d'entraînement du modèle final ne sont tenues à l'écart par aucun pli`);
  const l2Choice = chooseByMeanNll(fits.map((fit) => fit.l2Scores));
  const gateChoice = chooseByMeanNll(fits.map((fit) => fit.gateScores));
  log(`modèle final : l2 ${l2Choice.best}, filtre l2 ${gateChoice.best} (NLL moyenne des plis), calibration sur ${heldOutIds.size} photos hors pli`);
  const fitted = await fitHeads(finalSamples, { ...options, l2Grid: [l2Choice.best], gateL2Grid: [gateChoice.best] });
  const calibration = calibrate(poolEvidence(evidence), bySplit(finalSamples, "train", "weapon"), options);
  return assembleHead(fitted, calibration, options, { folds, l2Scores: l2Choice.scores, gateScores: gateChoice.scores });
}
