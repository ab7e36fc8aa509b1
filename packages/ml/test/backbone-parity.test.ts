import { describe, expect, it, beforeAll } from "vitest";
import * as tf from "@tensorflow/tfjs";
import * as ort from "onnxruntime-node";
import sharp from "sharp";
import { loadNsfwjsMidModelFiles, type NsfwjsModelFiles } from "../src/backbone/nsfwjs-model-files.ts";
import { convertNsfwjsMidToOnnx } from "../src/backbone/convert-nsfwjs.ts";
import { BLOCK16_OUTPUT_NAME, FEATURES_DIM, FEATURES_OUTPUT_NAME, NSFW_PROBABILITIES_OUTPUT_NAME } from "../src/backbone/backbone-spec.ts";

const TF_PREFIX = "StatefulPartitionedCall/sequential/keras_layer/StatefulPartitionedCall/StatefulPartitionedCall/StatefulPartitionedCall/predict/";
const TF_FEATURES = `${TF_PREFIX}feature_vector/SpatialSqueeze`;
const TF_BLOCK16 = `${TF_PREFIX}MobilenetV2/expanded_conv_16/project/BatchNorm/FusedBatchNormV3`;
const TF_PROBABILITIES = "Identity";

/** A deterministic synthetic photo: gradients plus shapes, so every channel and position varies. */
async function syntheticRgb224(): Promise<Float32Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="224" height="224">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#2a6"/><stop offset="1" stop-color="#d84"/></linearGradient></defs>
    <rect width="224" height="224" fill="url(#g)"/>
    <rect x="30" y="90" width="150" height="28" fill="#222"/>
    <rect x="40" y="115" width="24" height="60" fill="#333" transform="rotate(-12 52 145)"/>
    <circle cx="170" cy="50" r="30" fill="#eee"/></svg>`;
  const raw = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer();
  return Float32Array.from(raw, (value) => value / 255);
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let index = 0; index < a.length; index++) max = Math.max(max, Math.abs(a[index]! - b[index]!));
  return max;
}

describe("converted backbone matches the TF.js graph model", () => {
  let files: NsfwjsModelFiles;
  let pixels: Float32Array;
  beforeAll(async () => {
    files = loadNsfwjsMidModelFiles();
    pixels = await syntheticRgb224();
  });

  it("gives the same features, block-16 activations and probabilities (max abs diff < 1e-3)", async () => {
    await tf.setBackend("cpu");
    const tfModel = await tf.loadGraphModel(
      tf.io.fromMemory({
        modelTopology: files.modelJson.modelTopology,
        weightSpecs: files.modelJson.weightsManifest.flatMap((group) => group.weights),
        weightData: files.weightBytes.buffer.slice(files.weightBytes.byteOffset, files.weightBytes.byteOffset + files.weightBytes.byteLength) as ArrayBuffer,
      }),
    );
    const inputTensor = tf.tensor4d(pixels, [1, 224, 224, 3]);
    const tfOutputs = tfModel.execute(inputTensor, [TF_FEATURES, TF_BLOCK16, TF_PROBABILITIES]) as tf.Tensor[];
    const [tfFeatures, tfBlock16Map, tfProbabilities] = tfOutputs as [tf.Tensor, tf.Tensor, tf.Tensor];
    const tfBlock16 = tfBlock16Map.mean([1, 2]);
    const expected = {
      features: await tfFeatures.data(),
      block16: await tfBlock16.data(),
      probabilities: await tfProbabilities.data(),
    };
    tf.dispose([inputTensor, ...tfOutputs, tfBlock16]);
    tfModel.dispose();

    const session = await ort.InferenceSession.create(convertNsfwjsMidToOnnx(files));
    const outputs = await session.run({ input: new ort.Tensor("float32", pixels, [1, 224, 224, 3]) });
    await session.release();

    const features = outputs[FEATURES_OUTPUT_NAME]!.data as Float32Array;
    expect(features.length).toBe(FEATURES_DIM);
    const featureDiff = maxAbsDifference(features, expected.features);
    const block16Diff = maxAbsDifference(outputs[BLOCK16_OUTPUT_NAME]!.data as Float32Array, expected.block16);
    const probabilityDiff = maxAbsDifference(outputs[NSFW_PROBABILITIES_OUTPUT_NAME]!.data as Float32Array, expected.probabilities);
    console.info(`backbone parity: features ${featureDiff.toExponential(2)}, block16 ${block16Diff.toExponential(2)}, probabilities ${probabilityDiff.toExponential(2)}`);
    // Guard against a vacuous pass: the features must carry signal.
    expect(Math.max(...expected.features)).toBeGreaterThan(0.1);
    expect(featureDiff).toBeLessThan(1e-3);
    expect(block16Diff).toBeLessThan(1e-3);
    expect(probabilityDiff).toBeLessThan(1e-3);
  }, 60_000);

  it("is deterministic: two conversions give identical bytes", () => {
    const first = convertNsfwjsMidToOnnx(files);
    const second = convertNsfwjsMidToOnnx(files);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });
});
