// The weight averaging behind `pnpm model:soup`: tiny ONNX graphs built here, run by onnxruntime-node.
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { averageBackbones } from "../src/backbone/average-backbones.ts";
import { onnx } from "../src/backbone/onnx-proto.ts";

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

/** y = (x * scale) + shift, with `scale` the "fine-tuned" weight and `shift` a "frozen" one. */
function graph(scale: number[], shift: number[], options: { opType?: string; shape?: number[] } = {}): Uint8Array {
  const floats = (name: string, values: number[]) => onnx.TensorProto.create({ name, dataType: FLOAT, dims: [values.length], rawData: new Uint8Array(Float32Array.from(values).buffer) });
  const value = (name: string) => onnx.ValueInfoProto.create({ name, type: onnx.TypeProto.create({ tensorType: onnx.TypeProto.Tensor.create({ elemType: FLOAT, shape: onnx.TensorShapeProto.create({ dim: [onnx.TensorShapeProto.Dimension.create({ dimValue: 2 })] }) }) }) });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: "", version: 13 })],
    graph: onnx.GraphProto.create({
      name: "g",
      node: [
        onnx.NodeProto.create({ opType: options.opType ?? "Mul", input: ["x", "scale"], output: ["scaled"], name: "scale" }),
        onnx.NodeProto.create({ opType: "Add", input: ["scaled", "shift"], output: ["y"], name: "shift" }),
      ],
      initializer: [floats("scale", scale), floats("shift", shift), onnx.TensorProto.create({ name: "axes", dataType: INT64, dims: [1], int64Data: [options.shape?.[0] ?? 0] })],
      input: [value("x")],
      output: [value("y")],
    }),
  });
  return onnx.ModelProto.encode(model).finish();
}

async function run(bytes: Uint8Array, x: number[]): Promise<number[]> {
  const session = await ort.InferenceSession.create(bytes, { logSeverityLevel: 3 });
  const output = await session.run({ x: new ort.Tensor("float32", Float32Array.from(x), [2]) });
  return Array.from(output.y!.data as Float32Array);
}

describe("averageBackbones (model soup)", () => {
  it("averages the weights that differ and keeps the ones every copy shares", async () => {
    const soup = averageBackbones([graph([1, 2], [10, 20]), graph([3, 6], [10, 20]), graph([2, 1], [10, 20])]);
    expect(soup).toMatchObject({ averaged: 1, identical: 2 });
    // scale = mean([1,2],[3,6],[2,1]) = [2, 3]; shift unchanged
    expect(await run(soup.bytes, [1, 1])).toEqual([12, 23]);
  });

  it("refuses what cannot be a soup", () => {
    expect(() => averageBackbones([graph([1, 2], [0, 0])])).toThrow(/at least two/);
    expect(() => averageBackbones([graph([1, 2], [0, 0]), graph([1, 2], [0, 0])])).toThrow(/identical/);
    expect(() => averageBackbones([graph([1, 2], [0, 0]), graph([1, 2], [0, 0], { opType: "Sub" })])).toThrow(/nodes differ/);
    expect(() => averageBackbones([graph([1, 2], [0, 0]), graph([1, 2, 3], [0, 0])])).toThrow(/shape/);
    expect(() => averageBackbones([graph([1, 2], [0, 0]), graph([3, 2], [0, 0], { shape: [1] })])).toThrow(/not float/);
  });
});
