import type { TfjsWeightSpec } from "./nsfwjs-model-files.ts";

export interface DenseWeight {
  shape: number[];
  values: Float32Array;
}

function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, 1);
}

/**
 * Decodes the concatenated weight bytes into float32 tensors. Quantised weights are restored the way
 * TF.js restores them (`q * scale + min`, computed in double then stored as float32), so the converted
 * graph sees exactly the numbers TF.js sees.
 */
export function dequantizeWeights(specs: readonly TfjsWeightSpec[], bytes: Uint8Array): Map<string, DenseWeight> {
  const weights = new Map<string, DenseWeight>();
  let offset = 0;
  for (const spec of specs) {
    const count = elementCount(spec.shape);
    const values = new Float32Array(count);
    if (spec.quantization) {
      if (spec.quantization.dtype !== "uint8") throw new Error(`Unsupported quantisation ${spec.quantization.dtype} for ${spec.name}`);
      const { scale, min } = spec.quantization;
      for (let index = 0; index < count; index++) values[index] = bytes[offset + index]! * scale + min;
      offset += count;
    } else {
      if (spec.dtype !== "float32") throw new Error(`Unsupported dtype ${String(spec.dtype)} for ${spec.name}`);
      values.set(new Float32Array(bytes.slice(offset, offset + count * 4).buffer));
      offset += count * 4;
    }
    weights.set(spec.name, { shape: [...spec.shape], values });
  }
  if (offset !== bytes.length) throw new Error(`Weight bytes mismatch: consumed ${offset} of ${bytes.length}`);
  return weights;
}
