import { softmax } from "../head/probabilities.ts";

/** Negative log-likelihood of the label sets under softmax(logits / T). */
export function setNegativeLogLikelihood(logits: Float64Array, classes: number, labelSets: Uint32Array, temperature: number): number {
  const count = labelSets.length;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const probabilities = softmax(logits.subarray(i * classes, (i + 1) * classes), temperature);
    let inSet = 0;
    for (let k = 0; k < classes; k++) if (labelSets[i]! & (1 << k)) inSet += probabilities[k]!;
    total -= Math.log(Math.max(inSet, 1e-300));
  }
  return total / count;
}

/**
 * Temperature scaling: the single T > 0 that minimises validation NLL of the label sets (golden
 * section search on log T). With coarse labels this calibrates what can be checked: the set/family.
 */
export function fitTemperature(logits: Float64Array, classes: number, labelSets: Uint32Array): number {
  let low = Math.log(0.05);
  let high = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  const loss = (logT: number) => setNegativeLogLikelihood(logits, classes, labelSets, Math.exp(logT));
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let lossA = loss(a);
  let lossB = loss(b);
  for (let iteration = 0; iteration < 60; iteration++) {
    if (lossA < lossB) {
      high = b;
      b = a;
      lossB = lossA;
      a = high - ratio * (high - low);
      lossA = loss(a);
    } else {
      low = a;
      a = b;
      lossA = lossB;
      b = low + ratio * (high - low);
      lossB = loss(b);
    }
  }
  return Math.exp((low + high) / 2);
}

/** Expected calibration error with equal-width confidence bins. */
export function expectedCalibrationError(confidences: ArrayLike<number>, correct: ArrayLike<boolean>, bins = 15): number {
  const count = confidences.length;
  if (count === 0) return 0;
  const sums = Array.from({ length: bins }, () => ({ n: 0, confidence: 0, correct: 0 }));
  for (let i = 0; i < count; i++) {
    const bin = sums[Math.min(bins - 1, Math.floor(confidences[i]! * bins))]!;
    bin.n++;
    bin.confidence += confidences[i]!;
    bin.correct += correct[i] ? 1 : 0;
  }
  return sums.reduce((total, bin) => (bin.n === 0 ? total : total + (bin.n / count) * Math.abs(bin.confidence / bin.n - bin.correct / bin.n)), 0);
}

/**
 * Prior correction: one additive logit offset per class, fitted on validation label sets (unweighted,
 * so at the split's natural class frequencies) by gradient descent on the set NLL plus (l2/2)·‖b‖².
 * The head is trained with classes balanced (a rare typology weighs up to 5×), which shifts its
 * priors: every photo leans towards rare classes and the probabilities are over-spread. Offsets
 * fold exactly into the head's bias. The L2 term keeps a class absent from validation from being
 * driven to −∞ (it stays in the expert's top three when a photo really shows it).
 */
export function fitPriorCorrection(logits: Float64Array, classes: number, labelSets: Uint32Array, options: { l2?: number; iterations?: number; learningRate?: number } = {}): Float64Array {
  const l2 = options.l2 ?? 0.05;
  const iterations = options.iterations ?? 400;
  const learningRate = options.learningRate ?? 2;
  const count = labelSets.length;
  const offsets = new Float64Array(classes);
  if (count === 0) return offsets;
  const gradient = new Float64Array(classes);
  const shifted = new Float64Array(classes);
  for (let iteration = 0; iteration < iterations; iteration++) {
    gradient.fill(0);
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < classes; k++) shifted[k] = logits[i * classes + k]! + offsets[k]!;
      const p = softmax(shifted, 1);
      let inSet = 0;
      for (let k = 0; k < classes; k++) if (labelSets[i]! & (1 << k)) inSet += p[k]!;
      for (let k = 0; k < classes; k++) gradient[k]! += p[k]! - (labelSets[i]! & (1 << k) ? p[k]! / Math.max(inSet, 1e-300) : 0);
    }
    for (let k = 0; k < classes; k++) offsets[k]! -= learningRate * (gradient[k]! / count + l2 * offsets[k]!);
  }
  return offsets;
}
