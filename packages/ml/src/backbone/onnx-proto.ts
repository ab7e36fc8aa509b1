// onnx-proto is a CommonJS bundle whose exports are built at run time, so Node's ESM loader cannot
// see named exports: take the namespace from the default export.
import onnxProtoModule from "onnx-proto";

export const onnx = onnxProtoModule.onnx;
export type OnnxNamespace = typeof onnxProtoModule.onnx;
