import * as ort from "onnxruntime-node";
import type { HeadFile } from "@basegun/ml";

/** The contract of an uploaded head: backbone features in, 12 typology logits and one gate logit out. */
export const ONNX_HEAD_CONTRACT = {
  input: "features",
  typologyOutput: "typology_logits",
  gateOutput: "no_firearm_logit",
} as const;

export class UploadRefusedError extends Error {
  constructor(readonly reasons: string[]) {
    super(`upload refused: ${reasons.join("; ")}`);
  }
}

const dimsOf = (metadata: ort.InferenceSession.ValueMetadata | undefined) => (metadata && metadata.isTensor ? metadata.shape : null);
const fixedDim = (value: number | string | undefined) => (typeof value === "number" && value > 0 ? value : null);

/** Input and output names and shapes against the contract; every mismatch is a reason. */
export function checkOnnxSignature(session: ort.InferenceSession, featureDim: number, labels: number): string[] {
  const reasons: string[] = [];
  const { input, typologyOutput, gateOutput } = ONNX_HEAD_CONTRACT;
  if (!session.inputNames.includes(input)) reasons.push(`the ONNX input must be named "${input}" (found ${session.inputNames.join(", ") || "none"})`);
  for (const name of [typologyOutput, gateOutput]) if (!session.outputNames.includes(name)) reasons.push(`the ONNX outputs must include "${name}" (found ${session.outputNames.join(", ") || "none"})`);
  const inputShape = dimsOf(session.inputMetadata[session.inputNames.indexOf(input)]);
  if (inputShape && (inputShape.length !== 2 || (fixedDim(inputShape[1]) !== null && fixedDim(inputShape[1]) !== featureDim))) {
    reasons.push(`input "${input}" has shape [${inputShape.join(", ")}], the backbone gives [batch, ${featureDim}]`);
  }
  const typologyShape = dimsOf(session.outputMetadata[session.outputNames.indexOf(typologyOutput)]);
  if (typologyShape && (typologyShape.length !== 2 || (fixedDim(typologyShape[1]) !== null && fixedDim(typologyShape[1]) !== labels))) {
    reasons.push(`output "${typologyOutput}" has shape [${typologyShape.join(", ")}], expected [batch, ${labels}]`);
  }
  const gateShape = dimsOf(session.outputMetadata[session.outputNames.indexOf(gateOutput)]);
  if (gateShape && !(gateShape.length === 1 || (gateShape.length === 2 && (fixedDim(gateShape[1]) === null || fixedDim(gateShape[1]) === 1)))) {
    reasons.push(`output "${gateOutput}" has shape [${gateShape.join(", ")}], expected [batch, 1]`);
  }
  return reasons;
}

export async function runOnnxHead(session: ort.InferenceSession, rows: Float32Array, count: number, featureDim: number, labels: number) {
  const outputs = await session.run({ [ONNX_HEAD_CONTRACT.input]: new ort.Tensor("float32", rows, [count, featureDim]) });
  const typology = outputs[ONNX_HEAD_CONTRACT.typologyOutput]?.data as Float32Array | undefined;
  const gate = outputs[ONNX_HEAD_CONTRACT.gateOutput]?.data as Float32Array | undefined;
  if (!typology || typology.length !== count * labels) throw new UploadRefusedError([`output "${ONNX_HEAD_CONTRACT.typologyOutput}" gave ${typology?.length ?? 0} values for ${count} rows, expected ${count * labels}`]);
  if (!gate || gate.length !== count) throw new UploadRefusedError([`output "${ONNX_HEAD_CONTRACT.gateOutput}" gave ${gate?.length ?? 0} values for ${count} rows, expected ${count}`]);
  return { typology, gate };
}

/**
 * The runtime serves linear heads (JSON weights evaluated in TypeScript). An uploaded ONNX head is read
 * back as weights by probing it with the zero vector and each unit vector, then checked to be linear on
 * real features (the test photo's, and random ones): a non-linear head is refused, not approximated.
 */
export async function extractLinearHead(
  session: ort.InferenceSession,
  options: { featureDim: number; labels: string[]; layers: HeadFile["layers"]; probes: Float32Array[] },
): Promise<HeadFile> {
  const { featureDim } = options;
  const classes = options.labels.length;
  const basis = new Float32Array((featureDim + 1) * featureDim);
  for (let d = 0; d < featureDim; d++) basis[(d + 1) * featureDim + d] = 1;
  const { typology, gate } = await runOnnxHead(session, basis, featureDim + 1, featureDim, classes);
  const bias = Array.from(typology.subarray(0, classes));
  const gateBias = gate[0]!;
  const weights = Array.from({ length: classes }, (_, k) => Array.from({ length: featureDim }, (_, d) => typology[(d + 1) * classes + k]! - bias[k]!));
  const gateWeights = Array.from({ length: featureDim }, (_, d) => gate[d + 1]! - gateBias);

  const probes = options.probes;
  const stacked = new Float32Array(probes.length * featureDim);
  probes.forEach((probe, i) => stacked.set(probe, i * featureDim));
  const actual = await runOnnxHead(session, stacked, probes.length, featureDim, classes);
  let worst = 0;
  probes.forEach((probe, i) => {
    for (let k = 0; k < classes; k++) {
      let expected = bias[k]!;
      for (let d = 0; d < featureDim; d++) expected += weights[k]![d]! * probe[d]!;
      const got = actual.typology[i * classes + k]!;
      worst = Math.max(worst, Math.abs(got - expected) / (1 + Math.abs(got)));
    }
    let expectedGate = gateBias;
    for (let d = 0; d < featureDim; d++) expectedGate += gateWeights[d]! * probe[d]!;
    worst = Math.max(worst, Math.abs(actual.gate[i]! - expectedGate) / (1 + Math.abs(actual.gate[i]!)));
  });
  if (!Number.isFinite(worst) || worst > 1e-3) {
    throw new UploadRefusedError([`the head is not linear in the backbone features (relative error ${worst.toPrecision(3)} on test inputs): only linear heads can be served`]);
  }
  return {
    format: "basegun-linear-head/1",
    featureDim,
    layers: options.layers,
    typology: { labels: options.labels as HeadFile["typology"]["labels"], weights, bias },
    noFirearm: { weights: gateWeights, bias: gateBias },
  };
}
