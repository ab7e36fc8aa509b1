import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PREPROCESS_PIPELINE_VERSION, PREPROCESS_PIPELINES } from "../src/image/preprocess.ts";
import { parseModelManifest } from "../src/manifest.ts";
import { MODELS_DIR } from "../src/paths.ts";
import { assertServablePreprocessing, backbonePathOf, preprocessOptionsOf } from "../src/runtime/identifier.ts";

const shipped = () => JSON.parse(readFileSync(path.join(MODELS_DIR, "2026.11.25-3", "manifest.json"), "utf8")) as { preprocessing: Record<string, unknown>; backbone: Record<string, unknown> } & Record<string, unknown>;

describe("model manifests record their preprocessing pipeline", () => {
  it("the current pipeline stretches to the square without trimming", () => {
    expect(PREPROCESS_PIPELINE_VERSION).toBe(4);
    expect(PREPROCESS_PIPELINES[4]).toEqual({ fit: "fill", trim: { enabled: false, threshold: 10 } });
  });

  it("2026.11.25-3 keeps pipeline 3: letterbox and trim, served as before", () => {
    const manifest = parseModelManifest(shipped());
    assertServablePreprocessing(manifest);
    expect(preprocessOptionsOf(manifest)).toEqual({ size: 224, fit: "contain", background: "#ffffff", trimBorders: true, trimThreshold: 10 });
  });

  it("a manifest without a pipeline number is read as pipeline 3 (written before the field was explicit)", () => {
    const { pipeline: _pipeline, ...preprocessing } = shipped().preprocessing;
    expect(parseModelManifest({ ...shipped(), preprocessing }).preprocessing.pipeline).toBe(3);
  });

  it("refuses a fit that contradicts the pipeline, and a pipeline this build cannot serve", () => {
    expect(() => parseModelManifest({ ...shipped(), preprocessing: { ...shipped().preprocessing, pipeline: 4 } })).toThrow(/fit does not match/);
    const unknown = parseModelManifest({ ...shipped(), preprocessing: { ...shipped().preprocessing, pipeline: 9 } });
    expect(() => assertServablePreprocessing(unknown)).toThrow(/pipeline 9; this build serves 3, 4/);
  });

  it("a bundled backbone is read from the model's directory, the shared one otherwise", () => {
    const manifest = parseModelManifest(shipped());
    expect(backbonePathOf(manifest, "/m/v", "/shared/b.onnx")).toBe("/shared/b.onnx");
    const bundled = parseModelManifest({ ...shipped(), backbone: { ...shipped().backbone, fileName: "backbone.onnx", bundled: true } });
    expect(backbonePathOf(bundled, "/m/v", "/shared/b.onnx")).toBe(path.join("/m/v", "backbone.onnx"));
    expect(() => parseModelManifest({ ...shipped(), backbone: { ...shipped().backbone, fileName: "../escape.onnx", bundled: true } })).toThrow();
  });
});
