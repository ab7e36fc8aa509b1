import { z } from "zod";

/**
 * What an admin may set for a training run; everything else is the ml package's default. The grids are
 * the L2 strengths tried (selection on the validation split), strongest first.
 */
export const trainingParametersSchema = z
  .object({
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
    l2Grid: z.array(z.number().positive().max(100)).min(1).max(8).optional(),
    gateL2Grid: z.array(z.number().positive().max(100)).min(1).max(8).optional(),
    maxIterations: z.number().int().min(5).max(2000).optional(),
    /** validation photos a tier needs before it can open (lower only for tiny experiments) */
    minTierSupport: z.number().int().min(1).max(1000).optional(),
    /** weight of one field label (expert verdict, officer feedback) against a web photo of its class; default from the learning curve */
    fieldLabelWeight: z.number().min(1).max(200).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type TrainingParameters = z.infer<typeof trainingParametersSchema>;

/** Parameters of an upload run, written by the api, read by the training worker. */
export interface UploadRunParameters {
  version: string;
  /** folder under MODEL_UPLOADS_DIR holding manifest.json and head.onnx */
  uploadFolder: string;
  onnxSha256: string;
  note?: string;
}

/** Parameters of an evaluation run. */
export interface EvaluateRunParameters {
  note?: string;
}
