import { createGemmKernels } from "./gemm.ts";
import { minimizeLbfgs } from "./lbfgs.ts";

/**
 * Multinomial logistic regression learnt from set-valued (partial) labels: each sample carries the
 * set S of classes it may belong to (a bitmask), and training maximises P(S | x) = Σ_{k∈S} softmax_k.
 * A singleton set is an ordinary label. A class that appears in no set still gets a row of weights;
 * nothing pulls it up, so it stays improbable.
 *
 * Maximising P(S) alone has degenerate optima: when a class sits in several sets (the typology of
 * SMG photos is also in the Rifle set), putting ALL of a set's mass on that shared class satisfies
 * every label at once, so every rifle would come out "AR-15/AK type" with high confidence. The
 * within-set split is not identifiable from coarse labels, so it is tied to a maximum-entropy prior:
 *
 * loss_i = −log P(S_i|x) + α · KL(uniform over S_i ‖ p(·|x, S_i))
 *
 * (α = 1 makes this exactly cross-entropy against a target spread uniformly over S). The set mass is
 * still learnt from the data; the split inside a set moves away from uniform only where photos with
 * narrower labels (a revolver, an SMG) give evidence. Loss is Σ_i w_i·loss_i / Σ_i w_i + (l2/2)·‖W‖²
 * (bias not regularised). Gradient wrt logit z_ik: w_i·[(p_ik − q_ik) + α·(q_ik − u_ik)] with
 * q_ik = p_ik·[k∈S_i]/P(S_i) and u_ik = [k∈S_i]/|S_i|.
 */
export interface SetSoftmaxData {
  /** Row-major [count, dim], already standardised. */
  features: Float32Array;
  count: number;
  dim: number;
  /** Bitmask of admissible classes per sample (class k <-> bit k). */
  labelSets: Uint32Array;
  sampleWeights: Float64Array;
}

export interface SetSoftmaxModel {
  classes: number;
  dim: number;
  /** Row-major [classes, dim]. */
  weights: Float64Array;
  bias: Float64Array;
}

export function computeLogits(model: SetSoftmaxModel, features: Float32Array, count: number): Float64Array {
  const { classes, dim, weights, bias } = model;
  const logits = new Float64Array(count * classes);
  for (let i = 0; i < count; i++) {
    const row = i * dim;
    for (let k = 0; k < classes; k++) logits[i * classes + k] = bias[k]! + dotRows(weights, k * dim, features, row, dim);
  }
  return logits;
}

/** Dot product of two row slices, unrolled by four (the training hot loop). */
function dotRows(a: Float64Array, aOffset: number, b: Float32Array, bOffset: number, length: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  for (; d + 3 < length; d += 4) {
    s0 += a[aOffset + d]! * b[bOffset + d]!;
    s1 += a[aOffset + d + 1]! * b[bOffset + d + 1]!;
    s2 += a[aOffset + d + 2]! * b[bOffset + d + 2]!;
    s3 += a[aOffset + d + 3]! * b[bOffset + d + 3]!;
  }
  for (; d < length; d++) s0 += a[aOffset + d]! * b[bOffset + d]!;
  return s0 + s1 + s2 + s3;
}

function unpack(parameters: Float64Array, classes: number, dim: number): SetSoftmaxModel {
  return { classes, dim, weights: parameters.subarray(0, classes * dim), bias: parameters.subarray(classes * dim) };
}

export async function trainSetSoftmax(
  data: SetSoftmaxData,
  options: { classes: number; l2: number; maxIterations?: number; tolerance?: number; initial?: SetSoftmaxModel; withinSetPriorWeight?: number },
): Promise<SetSoftmaxModel & { iterations: number; evaluations: number; loss: number }> {
  const { classes, l2 } = options;
  const alpha = options.withinSetPriorWeight ?? 1;
  const { features, count, dim, labelSets, sampleWeights } = data;
  if (classes > 31) throw new Error("At most 31 classes (label sets are 32-bit masks)");
  const totalWeight = sampleWeights.reduce((sum, weight) => sum + weight, 0);
  const parameterCount = classes * dim + classes;
  const initial = new Float64Array(parameterCount);
  if (options.initial) {
    initial.set(options.initial.weights, 0);
    initial.set(options.initial.bias, classes * dim);
  }
  const logitGradient = new Float64Array(count * classes);
  const logitGradient32 = new Float32Array(count * classes);
  const weights32 = new Float32Array(classes * dim);
  const kernels = await createGemmKernels();
  const featureTensor = kernels.featureTensor(features, count, dim);

  const objective = async (parameters: Float64Array, gradient: Float64Array): Promise<number> => {
    const bias = parameters.subarray(classes * dim);
    for (let j = 0; j < classes * dim; j++) weights32[j] = parameters[j]!;
    const logits = await kernels.rowsTimesWeightsT(featureTensor, weights32, classes);
    let loss = 0;
    for (let i = 0; i < count; i++) {
      const offset = i * classes;
      let max = -Infinity;
      for (let k = 0; k < classes; k++) max = Math.max(max, logits[offset + k]! + bias[k]!);
      let total = 0;
      let inSet = 0;
      const set = labelSets[i]!;
      for (let k = 0; k < classes; k++) {
        const e = Math.exp(logits[offset + k]! + bias[k]! - max);
        logitGradient[offset + k] = e;
        total += e;
        if (set & (1 << k)) inSet += e;
      }
      const weight = sampleWeights[i]! / totalWeight;
      const logSetProbability = Math.log(Math.max(inSet / total, 1e-300));
      let setSize = 0;
      let withinSetLogSum = 0;
      for (let k = 0; k < classes; k++) {
        if (!(set & (1 << k))) continue;
        setSize++;
        withinSetLogSum += Math.log(Math.max(logitGradient[offset + k]! / inSet, 1e-300));
      }
      // KL(u_S || p(.|S)) = −log|S| − (1/|S|)·Σ_{k∈S} log p(k|S)
      const withinSetKl = -Math.log(setSize) - withinSetLogSum / setSize;
      loss += weight * (-logSetProbability + alpha * withinSetKl);
      for (let k = 0; k < classes; k++) {
        const e = logitGradient[offset + k]!;
        const p = e / total;
        const member = set & (1 << k) ? 1 : 0;
        const q = member ? e / inSet : 0;
        const u = member / setSize;
        logitGradient[offset + k] = weight * (p - q + alpha * (q - u));
      }
    }
    logitGradient32.set(logitGradient);
    const weightProducts = await kernels.gradientTimesRows(logitGradient32, classes, featureTensor);
    const biasGradient = gradient.subarray(classes * dim);
    biasGradient.fill(0);
    for (let i = 0; i < count; i++) for (let k = 0; k < classes; k++) biasGradient[k]! += logitGradient[i * classes + k]!;
    let squaredNorm = 0;
    for (let j = 0; j < classes * dim; j++) {
      squaredNorm += parameters[j]! * parameters[j]!;
      gradient[j] = weightProducts[j]! + l2 * parameters[j]!;
    }
    return loss + 0.5 * l2 * squaredNorm;
  };

  try {
    const result = await minimizeLbfgs(objective, initial, { maxIterations: options.maxIterations ?? 300, tolerance: options.tolerance ?? 1e-9 });
    const model = unpack(result.parameters, classes, dim);
    return { ...model, weights: Float64Array.from(model.weights), bias: Float64Array.from(model.bias), iterations: result.iterations, evaluations: result.evaluations, loss: result.value };
  } finally {
    await kernels.close();
  }
}
