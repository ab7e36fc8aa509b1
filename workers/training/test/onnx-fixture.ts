import onnxProtoModule from "onnx-proto";
import type { HeadFile } from "@basegun/ml";

// onnx-proto is a CommonJS bundle whose exports are built at run time: take the namespace from the default export
const onnx = onnxProtoModule.onnx;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

const tensor = (name: string, dims: number[], values: Float32Array) => ({ name, dataType: FLOAT, dims, rawData: new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)) });
const valueInfo = (name: string, dims: (number | string)[]) => ({
  name,
  type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((dim) => (typeof dim === "number" ? { dimValue: dim } : { dimParam: dim })) } } },
});

/**
 * An ONNX head as a model trained elsewhere would ship it: MatMul + Add from `features` to
 * `typology_logits` and `no_firearm_logit`. `classes` other than 12, or a tanh on the logits, make invalid uploads.
 */
export function onnxHead(head: HeadFile, options: { classes?: number; nonLinear?: boolean } = {}): Uint8Array {
  const dim = head.featureDim;
  const classes = options.classes ?? head.typology.labels.length;
  const weights = new Float32Array(dim * classes);
  for (let k = 0; k < classes; k++) for (let d = 0; d < dim; d++) weights[d * classes + k] = head.typology.weights[k % head.typology.weights.length]![d]!;
  const bias = Float32Array.from({ length: classes }, (_, k) => head.typology.bias[k % head.typology.bias.length]!);
  const gateWeights = Float32Array.from(head.noFirearm.weights);
  const typologyOut = options.nonLinear ? "typology_linear" : "typology_logits";
  const nodes = [
    { name: "typology/matmul", opType: "MatMul", input: ["features", "W_typology"], output: ["typology_mm"] },
    { name: "typology/add", opType: "Add", input: ["typology_mm", "b_typology"], output: [typologyOut] },
    { name: "gate/matmul", opType: "MatMul", input: ["features", "W_gate"], output: ["gate_mm"] },
    { name: "gate/add", opType: "Add", input: ["gate_mm", "b_gate"], output: ["no_firearm_logit"] },
    ...(options.nonLinear ? [{ name: "typology/tanh", opType: "Tanh", input: [typologyOut], output: ["typology_logits"] }] : []),
  ];
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: "", version: 13 }],
    producerName: "basegun tests",
    graph: {
      name: "uploaded_head",
      node: nodes,
      initializer: [tensor("W_typology", [dim, classes], weights), tensor("b_typology", [classes], bias), tensor("W_gate", [dim, 1], gateWeights), tensor("b_gate", [1], Float32Array.of(head.noFirearm.bias))],
      input: [valueInfo("features", ["batch", dim])],
      output: [valueInfo("typology_logits", ["batch", classes]), valueInfo("no_firearm_logit", ["batch", 1])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
