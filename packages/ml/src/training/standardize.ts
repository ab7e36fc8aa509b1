/** Per-feature mean and standard deviation, learnt on the training rows only. */
export interface Standardizer {
  mean: Float64Array;
  std: Float64Array;
}

export function fitStandardizer(features: Float32Array, count: number, dim: number): Standardizer {
  const mean = new Float64Array(dim);
  const std = new Float64Array(dim);
  for (let i = 0; i < count; i++) for (let d = 0; d < dim; d++) mean[d]! += features[i * dim + d]!;
  for (let d = 0; d < dim; d++) mean[d]! /= count;
  for (let i = 0; i < count; i++)
    for (let d = 0; d < dim; d++) {
      const delta = features[i * dim + d]! - mean[d]!;
      std[d]! += delta * delta;
    }
  // Floor: constant (dead ReLU6) features must not blow up.
  for (let d = 0; d < dim; d++) std[d] = Math.max(Math.sqrt(std[d]! / count), 1e-3);
  return { mean, std };
}

export function applyStandardizer(standardizer: Standardizer, features: Float32Array, count: number, dim: number): Float32Array {
  const out = new Float32Array(count * dim);
  for (let i = 0; i < count; i++)
    for (let d = 0; d < dim; d++) out[i * dim + d] = (features[i * dim + d]! - standardizer.mean[d]!) / standardizer.std[d]!;
  return out;
}

/**
 * Folds standardisation into a linear layer so the exported head works on raw backbone features:
 * w·((x − μ)/σ) + b = (w/σ)·x + (b − Σ w·μ/σ).
 */
export function foldStandardizer(standardizer: Standardizer, weights: Float64Array, bias: number): { weights: Float64Array; bias: number } {
  const folded = new Float64Array(weights.length);
  let foldedBias = bias;
  for (let d = 0; d < weights.length; d++) {
    folded[d] = weights[d]! / standardizer.std[d]!;
    foldedBias -= folded[d]! * standardizer.mean[d]!;
  }
  return { weights: folded, bias: foldedBias };
}
