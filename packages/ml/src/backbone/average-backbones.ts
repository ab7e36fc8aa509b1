import type { onnx as OnnxTypes } from "onnx-proto";
import { onnx } from "./onnx-proto.ts";

const FLOAT = onnx.TensorProto.DataType.FLOAT;
type Tensor = OnnxTypes.ITensorProto;
type Node = OnnxTypes.INodeProto;

export interface AveragedBackbone {
  bytes: Uint8Array;
  /** Initialisers whose values differed between the inputs (the fine-tuned ones), now averaged. */
  averaged: number;
  /** Initialisers identical in every input (the frozen part). */
  identical: number;
}

function floatValues(tensor: Tensor): Float32Array {
  if (tensor.rawData && tensor.rawData.length > 0) {
    const raw = tensor.rawData;
    // copy: rawData may be a view at an offset that is not 4-aligned inside the decoded buffer
    return new Float32Array(Uint8Array.from(raw).buffer);
  }
  return Float32Array.from(tensor.floatData ?? []);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

function nodeSignature(node: Node): string {
  return `${node.opType}(${(node.input ?? []).join(",")})->${(node.output ?? []).join(",")}`;
}

/**
 * Uniform weight averaging ("model soup", Wortsman et al. 2022) of fine-tuned copies of one graph:
 * every float initialiser becomes the mean of the inputs' values. It is only meaningful for copies
 * fine-tuned from the same pretrained weights (python/finetune.py writes its weights back into the
 * converted graph, so the copies share every node); the frozen blocks must come out identical, which
 * the `identical` count shows. Anything else that differs (nodes, names, shapes, non-float tensors)
 * is refused: averaging two different networks gives a meaningless one.
 */
export function averageBackbones(models: readonly Uint8Array[]): AveragedBackbone {
  if (models.length < 2) throw new Error(`a soup needs at least two backbones, got ${models.length}`);
  const decoded = models.map((bytes) => onnx.ModelProto.decode(bytes));
  const [first, ...others] = decoded;
  const graph = first!.graph!;
  const nodes = (graph.node ?? []).map(nodeSignature);
  const initialisers = graph.initializer ?? [];
  others.forEach((model, index) => {
    const otherNodes = (model.graph?.node ?? []).map(nodeSignature);
    if (otherNodes.length !== nodes.length || otherNodes.some((signature, i) => signature !== nodes[i])) {
      throw new Error(`backbone ${index + 2} does not have the graph of backbone 1 (nodes differ): not copies of one network`);
    }
    const otherInitialisers = model.graph?.initializer ?? [];
    if (otherInitialisers.length !== initialisers.length) throw new Error(`backbone ${index + 2} has ${otherInitialisers.length} initialisers, backbone 1 has ${initialisers.length}`);
    otherInitialisers.forEach((tensor, i) => {
      const reference = initialisers[i]!;
      const dims = (t: typeof tensor) => (t.dims ?? []).map(Number).join("×");
      if (tensor.name !== reference.name || tensor.dataType !== reference.dataType || dims(tensor) !== dims(reference)) {
        throw new Error(`initialiser ${i} differs in name, type or shape: ${reference.name} [${dims(reference)}] vs ${tensor.name} [${dims(tensor)}]`);
      }
    });
  });

  let averaged = 0;
  let identical = 0;
  initialisers.forEach((tensor, i) => {
    const copies = decoded.map((model) => model.graph!.initializer![i]!);
    const encoded = copies.map((copy) => onnx.TensorProto.encode(copy).finish());
    if (encoded.every((bytes) => sameBytes(bytes, encoded[0]!))) {
      identical += 1;
      return;
    }
    if (tensor.dataType !== FLOAT) throw new Error(`initialiser ${tensor.name} differs between backbones and is not float: cannot average it`);
    const values = copies.map(floatValues);
    const mean = new Float32Array(values[0]!.length);
    for (let k = 0; k < mean.length; k += 1) {
      let sum = 0;
      for (const copy of values) sum += copy[k]!;
      mean[k] = sum / values.length;
    }
    graph.initializer![i] = onnx.TensorProto.create({ name: tensor.name, dataType: FLOAT, dims: tensor.dims, rawData: new Uint8Array(mean.buffer) });
    averaged += 1;
  });
  if (averaged === 0) throw new Error("the backbones are identical: nothing to average");
  return { bytes: onnx.ModelProto.encode(first!).finish(), averaged, identical };
}
