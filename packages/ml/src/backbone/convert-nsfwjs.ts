import type { onnx as OnnxTypes } from "onnx-proto";
import { onnx } from "./onnx-proto.ts";
import { dequantizeWeights, type DenseWeight } from "./dequantize.ts";
import type { NsfwjsModelFiles, TfjsAttrValue, TfjsGraphNode } from "./nsfwjs-model-files.ts";
import {
  BACKBONE_INPUT_NAME,
  BACKBONE_INPUT_SIZE,
  BLOCK16_DIM,
  BLOCK16_OUTPUT_NAME,
  FEATURES_DIM,
  FEATURES_OUTPUT_NAME,
  NSFW_PROBABILITIES_OUTPUT_NAME,
} from "./backbone-spec.ts";

const OPSET_VERSION = 13;
const IR_VERSION = 7;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

/** Prefixes added by the Keras/TF-Hub export; dropping them keeps node names readable. */
const NAME_PREFIXES = [
  "StatefulPartitionedCall/sequential/keras_layer/StatefulPartitionedCall/StatefulPartitionedCall/StatefulPartitionedCall/predict/",
  "StatefulPartitionedCall/sequential/",
];
/** Where the feature vector and the last inverted-residual block come out in the TF graph. */
const TF_FEATURES_NODE = "feature_vector/SpatialSqueeze";
const TF_BLOCK16_NODE = "MobilenetV2/expanded_conv_16/project/BatchNorm/FusedBatchNormV3";

function shortName(tfName: string): string {
  for (const prefix of NAME_PREFIXES) if (tfName.startsWith(prefix)) return tfName.slice(prefix.length);
  return tfName;
}

function stringAttr(node: TfjsGraphNode, key: string): string | undefined {
  const encoded = node.attr?.[key]?.s;
  return encoded === undefined ? undefined : Buffer.from(encoded, "base64").toString("utf8");
}

function intListAttr(node: TfjsGraphNode, key: string): number[] {
  const list = node.attr?.[key]?.list?.i;
  if (!list) throw new Error(`${node.name}: missing int list attribute ${key}`);
  return list.map(Number);
}

function stringListAttr(node: TfjsGraphNode, key: string): string[] {
  return (node.attr?.[key] as TfjsAttrValue | undefined)?.list?.s?.map((value) => Buffer.from(value, "base64").toString("utf8")) ?? [];
}

function ints(name: string, values: number[]): OnnxTypes.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INTS, ints: values };
}
function int(name: string, value: number): OnnxTypes.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i: value };
}
function text(name: string, value: string): OnnxTypes.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.STRING, s: new Uint8Array(Buffer.from(value, "utf8")) };
}

function floatTensor(name: string, dims: number[], values: Float32Array): OnnxTypes.ITensorProto {
  return { name, dataType: FLOAT, dims, rawData: new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)) };
}

/** TF Conv2D filter [kh, kw, in, out] -> ONNX Conv weight [out, in, kh, kw]. */
export function hwioToOihw(weight: DenseWeight): DenseWeight {
  const [kh, kw, cin, cout] = weight.shape as [number, number, number, number];
  const out = new Float32Array(weight.values.length);
  for (let h = 0; h < kh; h++)
    for (let w = 0; w < kw; w++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++)
          out[((o * cin + i) * kh + h) * kw + w] = weight.values[((h * kw + w) * cin + i) * cout + o]!;
  return { shape: [cout, cin, kh, kw], values: out };
}

/** TF depthwise filter [kh, kw, channels, multiplier] -> ONNX grouped Conv weight [channels*multiplier, 1, kh, kw]. */
export function depthwiseToGroupedOihw(weight: DenseWeight): DenseWeight {
  const [kh, kw, channels, multiplier] = weight.shape as [number, number, number, number];
  const out = new Float32Array(weight.values.length);
  for (let h = 0; h < kh; h++)
    for (let w = 0; w < kw; w++)
      for (let c = 0; c < channels; c++)
        for (let m = 0; m < multiplier; m++)
          out[((c * multiplier + m) * kh + h) * kw + w] = weight.values[((h * kw + w) * channels + c) * multiplier + m]!;
  return { shape: [channels * multiplier, 1, kh, kw], values: out };
}

function tfPaddingToAutoPad(node: TfjsGraphNode): string {
  const padding = stringAttr(node, "padding");
  // TF "SAME" puts the odd extra pixel at the end, which is ONNX SAME_UPPER.
  if (padding === "SAME") return "SAME_UPPER";
  if (padding === "VALID") return "VALID";
  throw new Error(`${node.name}: unsupported padding ${String(padding)}`);
}

function requireNhwc(node: TfjsGraphNode): void {
  const format = stringAttr(node, "data_format");
  if (format !== undefined && format !== "NHWC") throw new Error(`${node.name}: unsupported data_format ${format}`);
}

function valueInfo(name: string, dims: (number | string)[]): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: { dim: dims.map((dim) => (typeof dim === "number" ? { dimValue: dim } : { dimParam: dim })) },
      },
    },
  };
}

/**
 * Converts nsfwjs's MobileNetV2 (width 1.4, 224x224) TF.js graph model to ONNX. Deterministic: the
 * same package files always give the same bytes (no timestamps, stable node order).
 *
 * The ONNX input keeps the TF.js contract (NHWC, RGB in [0, 1]) and transposes to NCHW itself, so the
 * preprocessing can hand sharp's interleaved pixels over without reordering them in JavaScript.
 */
export function convertNsfwjsMidToOnnx(files: NsfwjsModelFiles): Uint8Array {
  const specs = files.modelJson.weightsManifest.flatMap((group) => group.weights);
  const weights = dequantizeWeights(specs, files.weightBytes);
  const nodes = files.modelJson.modelTopology.node;

  const initializers: OnnxTypes.ITensorProto[] = [];
  const onnxNodes: OnnxTypes.INodeProto[] = [];
  /** TF tensor name -> ONNX tensor name, for everything already converted. */
  const tensorNames = new Map<string, string>();

  const weight = (tfName: string): DenseWeight => {
    const found = weights.get(tfName);
    if (!found) throw new Error(`Missing weight ${tfName}`);
    return found;
  };
  const addInitializer = (name: string, dense: DenseWeight): string => {
    initializers.push(floatTensor(name, dense.shape, dense.values));
    return name;
  };
  const input = (tfName: string): string => {
    const name = tensorNames.get(tfName);
    if (name !== undefined) return name;
    if (weights.has(tfName)) {
      const converted = addInitializer(shortName(tfName), weight(tfName));
      tensorNames.set(tfName, converted);
      return converted;
    }
    throw new Error(`Input ${tfName} used before it was produced`);
  };

  const relu6Min = addInitializer("relu6_min", { shape: [], values: new Float32Array([0]) });
  const relu6Max = addInitializer("relu6_max", { shape: [], values: new Float32Array([6]) });

  /** Applies the activation a fused TF op carries after its BiasAdd. */
  const activation = (node: TfjsGraphNode, preActivation: string, output: string): void => {
    const fused = stringListAttr(node, "fused_ops");
    if (fused[0] !== "BiasAdd") throw new Error(`${node.name}: expected BiasAdd first, got ${fused.join(",")}`);
    const rest = fused.slice(1);
    if (rest.length === 0) {
      if (preActivation !== output) throw new Error("internal: activation output mismatch");
      return;
    }
    if (rest.length === 1 && rest[0] === "Relu6") {
      onnxNodes.push({ name: `${output}/clip`, opType: "Clip", input: [preActivation, relu6Min, relu6Max], output: [output] });
      return;
    }
    if (rest.length === 1 && rest[0] === "Relu") {
      onnxNodes.push({ name: `${output}/relu`, opType: "Relu", input: [preActivation], output: [output] });
      return;
    }
    throw new Error(`${node.name}: unsupported fused ops ${fused.join(",")}`);
  };
  const hasActivation = (node: TfjsGraphNode): boolean => stringListAttr(node, "fused_ops").length > 1;

  let featuresTensor: string | undefined;
  let block16Tensor: string | undefined;
  let probabilitiesTensor: string | undefined;

  for (const node of nodes) {
    const name = shortName(node.name);
    const inputs = node.input ?? [];
    switch (node.op) {
      case "Const":
        break; // materialised lazily as initializers by input()
      case "Placeholder": {
        // NHWC [0,1] in, NCHW after this node.
        onnxNodes.push({ name: "input/to_nchw", opType: "Transpose", input: [BACKBONE_INPUT_NAME], output: ["input_nchw"], attribute: [ints("perm", [0, 3, 1, 2])] });
        tensorNames.set(node.name, "input_nchw");
        break;
      }
      case "Mul":
      case "Sub":
      case "AddV2": {
        const opType = node.op === "AddV2" ? "Add" : node.op;
        onnxNodes.push({ name, opType, input: inputs.map(input), output: [name] });
        tensorNames.set(node.name, name);
        break;
      }
      case "_FusedConv2D":
      case "FusedDepthwiseConv2dNative": {
        requireNhwc(node);
        const [dataName, filterName, biasName] = inputs as [string, string, string];
        const depthwise = node.op === "FusedDepthwiseConv2dNative";
        const filter = weight(filterName);
        const converted = depthwise ? depthwiseToGroupedOihw(filter) : hwioToOihw(filter);
        const filterTensor = addInitializer(shortName(filterName), converted);
        const biasTensor = input(biasName);
        const strides = intListAttr(node, "strides");
        const dilations = intListAttr(node, "dilations");
        const preActivation = hasActivation(node) ? `${name}/pre_activation` : name;
        onnxNodes.push({
          name: `${name}/conv`,
          opType: "Conv",
          input: [input(dataName), filterTensor, biasTensor],
          output: [preActivation],
          attribute: [
            text("auto_pad", tfPaddingToAutoPad(node)),
            ints("kernel_shape", converted.shape.slice(2)),
            ints("strides", [strides[1]!, strides[2]!]),
            ints("dilations", [dilations[1]!, dilations[2]!]),
            int("group", depthwise ? (filter.shape[2] as number) : 1),
          ],
        });
        activation(node, preActivation, name);
        tensorNames.set(node.name, name);
        if (shortName(node.name) === TF_BLOCK16_NODE) block16Tensor = name;
        break;
      }
      case "AvgPool": {
        requireNhwc(node);
        const kernel = intListAttr(node, "ksize");
        const strides = intListAttr(node, "strides");
        onnxNodes.push({
          name,
          opType: "AveragePool",
          input: [input(inputs[0]!)],
          output: [name],
          attribute: [text("auto_pad", tfPaddingToAutoPad(node)), ints("kernel_shape", [kernel[1]!, kernel[2]!]), ints("strides", [strides[1]!, strides[2]!])],
        });
        tensorNames.set(node.name, name);
        break;
      }
      case "Squeeze": {
        // NHWC squeeze of H and W == NCHW flatten of [N, C, 1, 1].
        const squeezeDims = intListAttr(node, "squeeze_dims");
        if (squeezeDims.join(",") !== "1,2") throw new Error(`${node.name}: unsupported squeeze dims ${squeezeDims.join(",")}`);
        const output = shortName(node.name) === TF_FEATURES_NODE ? FEATURES_OUTPUT_NAME : name;
        onnxNodes.push({ name, opType: "Flatten", input: [input(inputs[0]!)], output: [output], attribute: [int("axis", 1)] });
        tensorNames.set(node.name, output);
        if (output === FEATURES_OUTPUT_NAME) featuresTensor = output;
        break;
      }
      case "_FusedMatMul": {
        const [a, b, bias] = inputs as [string, string, string];
        if (node.attr?.transpose_a?.b || node.attr?.transpose_b?.b) throw new Error(`${node.name}: transposed MatMul not supported`);
        const preActivation = hasActivation(node) ? `${name}/pre_activation` : name;
        onnxNodes.push({ name: `${name}/gemm`, opType: "Gemm", input: [input(a), input(b), input(bias)], output: [preActivation] });
        activation(node, preActivation, name);
        tensorNames.set(node.name, name);
        break;
      }
      case "Softmax": {
        onnxNodes.push({ name, opType: "Softmax", input: [input(inputs[0]!)], output: [NSFW_PROBABILITIES_OUTPUT_NAME], attribute: [int("axis", -1)] });
        tensorNames.set(node.name, NSFW_PROBABILITIES_OUTPUT_NAME);
        probabilitiesTensor = NSFW_PROBABILITIES_OUTPUT_NAME;
        break;
      }
      case "Identity":
        tensorNames.set(node.name, input(inputs[0]!));
        break;
      default:
        throw new Error(`Unsupported TF.js op ${node.op} (${node.name})`);
    }
  }

  if (!featuresTensor || !block16Tensor || !probabilitiesTensor) throw new Error("Converted graph is missing an expected output");
  onnxNodes.push({ name: "block16/pool", opType: "GlobalAveragePool", input: [block16Tensor], output: ["block16/pooled"] });
  onnxNodes.push({ name: "block16/flatten", opType: "Flatten", input: ["block16/pooled"], output: [BLOCK16_OUTPUT_NAME], attribute: [int("axis", 1)] });

  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: "", version: OPSET_VERSION }],
    producerName: "basegun-ml convert-nsfwjs",
    producerVersion: "1",
    docString: `MobileNetV2 1.4 (224) from nsfwjs@${files.packageVersion} dist/models/mobilenet_v2_mid, dequantised. Input NHWC RGB in [0,1].`,
    graph: {
      name: "mobilenet_v2_mid",
      node: onnxNodes,
      initializer: initializers,
      input: [valueInfo(BACKBONE_INPUT_NAME, ["batch", BACKBONE_INPUT_SIZE, BACKBONE_INPUT_SIZE, 3])],
      output: [
        valueInfo(FEATURES_OUTPUT_NAME, ["batch", FEATURES_DIM]),
        valueInfo(BLOCK16_OUTPUT_NAME, ["batch", BLOCK16_DIM]),
        valueInfo(NSFW_PROBABILITIES_OUTPUT_NAME, ["batch", 5]),
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
