import { isSupportedPipeline, PREPROCESS_PIPELINES } from "./image/preprocess.ts";
import { z } from "zod";
import { FAMILIES, TYPOLOGY_KEYS } from "./domain.ts";
import { BLOCK16_OUTPUT_NAME, FEATURES_OUTPUT_NAME } from "./backbone/backbone-spec.ts";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const probability = z.number().min(0).max(1);
const typologyKey = z.enum(TYPOLOGY_KEYS);
const family = z.enum(FAMILIES as unknown as readonly ["handgun", "long_gun"]);

export const BackboneLayerSchema = z.enum([FEATURES_OUTPUT_NAME, BLOCK16_OUTPUT_NAME]);

export const TierThresholdsSchema = z
  .object({ medium: probability, high: probability })
  .refine((thresholds) => thresholds.medium <= thresholds.high, { message: "medium must not exceed high" });

/** Describes one trained model version: everything needed to run it and to know what it is worth. */
/** How a case's photos pool their probabilities: runtime/aggregate.ts says what each does. */
export const CaseAggregationSchema = z.enum(["linear", "logarithmic"]);
export type CaseAggregation = z.infer<typeof CaseAggregationSchema>;

export const ModelManifestSchema = z.object({
  schemaVersion: z.literal(1),
  /** e.g. "2026.11.25-1" */
  version: z.string().regex(/^\d{4}\.\d{2}\.\d{2}-\d+$/),
  createdAt: z.iso.datetime(),
  /** Output order of the head. */
  labels: z.array(typologyKey).length(TYPOLOGY_KEYS.length),
  backbone: z.object({
    id: z.string(),
    /** A file name, no directories: the shared backbone's, or a file in the model's own directory (bundled). */
    fileName: z.string().regex(/^[\w.-]+\.onnx$/),
    sha256,
    /**
     * true: the backbone ships with this model version (models/<version>/<fileName>, e.g. a fine-tuned
     * one); absent or false: the shared converted backbone (models/backbone/, `pnpm model:prepare`).
     */
    bundled: z.boolean().optional(),
    /** Width of the concatenated feature vector fed to the head. */
    featureDim: z.number().int().positive(),
    layers: z.array(z.object({ name: BackboneLayerSchema, dim: z.number().int().positive() })).min(1),
  }),
  preprocessing: z
    .object({
    size: z.number().int().positive(),
    /** "contain": letterbox (pipelines up to 3); "fill": stretch to the square (pipeline 4). */
    fit: z.enum(["contain", "fill"]),
    background: z.string().regex(/^#[0-9a-f]{6}$/i),
    trim: z.object({ enabled: z.boolean(), threshold: z.number().min(0).max(255) }),
    /**
     * Preprocessing pipeline the model was trained with (PREPROCESS_PIPELINE_VERSION when it was
     * trained). Absent: 3, the version every manifest written before the field became explicit used.
     */
    pipeline: z.number().int().positive().default(3),
    /** Average backbone features of the photo and its left-right mirror. */
    mirrorTTA: z.boolean(),
    })
    .refine((preprocessing) => !isSupportedPipeline(preprocessing.pipeline) || PREPROCESS_PIPELINES[preprocessing.pipeline].fit === preprocessing.fit, {
      message: "fit does not match the preprocessing pipeline (3: contain, 4: fill)",
    }),
  head: z.object({ file: z.string(), type: z.literal("linear-softmax+logistic-gate"), sha256 }),
  calibration: z.object({
    method: z.literal("temperature"),
    temperature: z.number().positive(),
    fittedOn: z.string(),
    /** How a case's photos pool their probabilities (runtime/aggregate.ts); absent: "linear", as up to 2026.12.06-4 (caseAggregationOf). */
    caseAggregation: CaseAggregationSchema.optional(),
  }),
  /**
   * Tier thresholds on the calibrated confidence of `unit`. With coarse training labels only the
   * family can be checked against ground truth, so thresholds are family-level; typology-level
   * thresholds exist only for typologies listed in trainedTypologies.
   */
  thresholds: z.object({
    unit: z.enum(["family", "typology"]),
    medium: probability,
    high: probability,
    targetPrecision: z.object({ medium: probability, high: probability }),
    typology: z.partialRecord(typologyKey, TierThresholdsSchema).default({}),
  }),
  noFirearm: z.object({
    /** Photos scoring above this are treated as showing no firearm (domain convention: score > threshold). */
    threshold: probability,
    maxWeaponRejectionRate: probability,
  }),
  /** Typologies with enough direct (not set-valued) labels to ever be shown as medium/high confidence. */
  trainedTypologies: z.array(typologyKey),
  families: z.array(family),
  training: z.object({
    datasets: z.array(z.object({ name: z.string(), licence: z.string(), images: z.number().int().nonnegative(), attribution: z.string() })),
    splits: z.object({ train: z.number().int(), validation: z.number().int(), test: z.number().int() }),
    seed: z.number().int(),
    l2: z.number().nonnegative(),
    gateL2: z.number().nonnegative(),
    notes: z.array(z.string()),
  }),
});

export type ModelManifest = z.infer<typeof ModelManifestSchema>;

/** The pooling a manifest serves; manifests written before it was recorded pool linearly. */
export function caseAggregationOf(manifest: Pick<ModelManifest, "calibration">): CaseAggregation {
  return manifest.calibration.caseAggregation ?? "linear";
}

export function parseModelManifest(value: unknown): ModelManifest {
  return ModelManifestSchema.parse(value);
}
