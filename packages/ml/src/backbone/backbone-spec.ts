/**
 * Contract of the converted backbone: what the ONNX file takes and gives. Preprocessing, the
 * runtime and training all depend on these names and sizes, so they live in one place.
 */
export const BACKBONE_ID = "nsfwjs-4.3.0/mobilenet_v2_mid";
export const BACKBONE_FILE_NAME = "mobilenet_v2_mid.onnx";
export const BACKBONE_INPUT_SIZE = 224;

/** Input: float32 NHWC [batch, 224, 224, 3], RGB in [0, 1] (the layout and range of the TF.js model). */
export const BACKBONE_INPUT_NAME = "input";

/** Pooled output of the final 1x1 expansion (Conv_1, after ReLU6): the network's feature vector. */
export const FEATURES_OUTPUT_NAME = "features";
export const FEATURES_DIM = 1792;

/** Pooled output of the last inverted-residual block (expanded_conv_16, 7x7, before Conv_1). */
export const BLOCK16_OUTPUT_NAME = "block16_features";
export const BLOCK16_DIM = 448;

/** The original nsfwjs 5-class softmax, kept only so parity tests cover every converted op. */
export const NSFW_PROBABILITIES_OUTPUT_NAME = "nsfw_probabilities";

export type BackboneLayer = typeof FEATURES_OUTPUT_NAME | typeof BLOCK16_OUTPUT_NAME;
export const BACKBONE_LAYER_DIMS: Record<BackboneLayer, number> = {
  [FEATURES_OUTPUT_NAME]: FEATURES_DIM,
  [BLOCK16_OUTPUT_NAME]: BLOCK16_DIM,
};
