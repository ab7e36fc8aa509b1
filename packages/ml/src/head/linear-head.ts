import { z } from "zod";
import { TYPOLOGY_KEYS, type TypologyKey } from "../domain.ts";
import { BackboneLayerSchema } from "../manifest.ts";

/**
 * The head is linear (12 typology logits + 1 "no firearm" logit over the pooled backbone features),
 * stored as JSON and evaluated in TypeScript: ~30k multiply-adds per photo, microseconds, against
 * ~1 GFLOP for the backbone. A second ONNX session would cost more in overhead than it computes, and
 * JSON weights stay diffable and reviewable. Feature standardisation is folded into the weights.
 */
export const HeadFileSchema = z.object({
  format: z.literal("basegun-linear-head/1"),
  featureDim: z.number().int().positive(),
  layers: z.array(z.object({ name: BackboneLayerSchema, dim: z.number().int().positive() })).min(1),
  typology: z.object({
    labels: z.array(z.enum(TYPOLOGY_KEYS)),
    weights: z.array(z.array(z.number())),
    bias: z.array(z.number()),
  }),
  noFirearm: z.object({ weights: z.array(z.number()), bias: z.number() }),
});
export type HeadFile = z.infer<typeof HeadFileSchema>;

export interface LinearHead {
  featureDim: number;
  labels: TypologyKey[];
  layers: HeadFile["layers"];
  /** Row-major [labels.length, featureDim]. */
  typologyWeights: Float64Array;
  typologyBias: Float64Array;
  gateWeights: Float64Array;
  gateBias: number;
}

export function loadHead(json: unknown): LinearHead {
  const file = HeadFileSchema.parse(json);
  const { featureDim } = file;
  const layerTotal = file.layers.reduce((total, layer) => total + layer.dim, 0);
  if (layerTotal !== featureDim) throw new Error(`Head layers add up to ${layerTotal}, featureDim is ${featureDim}`);
  const classes = file.typology.labels.length;
  if (file.typology.weights.length !== classes || file.typology.bias.length !== classes) throw new Error("Head typology weights do not match its labels");
  if (file.noFirearm.weights.length !== featureDim) throw new Error("Head gate weights do not match featureDim");
  const typologyWeights = new Float64Array(classes * featureDim);
  file.typology.weights.forEach((row, index) => {
    if (row.length !== featureDim) throw new Error(`Head row ${index} has ${row.length} weights, expected ${featureDim}`);
    typologyWeights.set(row, index * featureDim);
  });
  return {
    featureDim,
    labels: file.typology.labels,
    layers: file.layers,
    typologyWeights,
    typologyBias: Float64Array.from(file.typology.bias),
    gateWeights: Float64Array.from(file.noFirearm.weights),
    gateBias: file.noFirearm.bias,
  };
}

export interface HeadLogits {
  typologyLogits: Float64Array;
  noFirearmLogit: number;
}

export function evaluateHead(head: LinearHead, features: ArrayLike<number>): HeadLogits {
  const { featureDim } = head;
  if (features.length !== featureDim) throw new Error(`Expected ${featureDim} features, got ${features.length}`);
  const classes = head.labels.length;
  const typologyLogits = new Float64Array(classes);
  for (let k = 0; k < classes; k++) {
    let sum = head.typologyBias[k]!;
    const row = k * featureDim;
    for (let d = 0; d < featureDim; d++) sum += head.typologyWeights[row + d]! * features[d]!;
    typologyLogits[k] = sum;
  }
  let gate = head.gateBias;
  for (let d = 0; d < featureDim; d++) gate += head.gateWeights[d]! * features[d]!;
  return { typologyLogits, noFirearmLogit: gate };
}
