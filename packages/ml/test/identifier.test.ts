import { mkdtemp, rm, writeFile, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { TYPOLOGY_KEYS } from "../src/domain.ts";
import { prepareBackbone } from "../src/backbone/prepare-backbone.ts";
import { DEFAULT_BACKBONE_PATH } from "../src/paths.ts";
import { loadIdentifier } from "../src/runtime/identifier.ts";
import { caseTiers } from "../src/runtime/tiers.ts";
import { ImageDecodeError } from "../src/image/image-decode-error.ts";
import { softmax } from "../src/head/probabilities.ts";
import { writeFixtureModel } from "./fixtures/model-fixture.ts";
import { latestModelVersion, resolveModelVersionDir } from "../src/model-versions.ts";

let workDir: string;
const photo = (r: number, g: number, b: number) =>
  sharp({ create: { width: 320, height: 200, channels: 3, background: { r, g, b } } })
    .composite([{ input: { create: { width: 200, height: 40, channels: 3, background: { r: 20, g: 20, b: 20 } } }, left: 60, top: 80 }])
    .jpeg()
    .toBuffer();

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), "basegun-ml-identifier-"));
  await prepareBackbone(DEFAULT_BACKBONE_PATH); // idempotent set-up step (skips when present)
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe("loadIdentifier / identify", () => {
  it("applies the head, the temperature and family sums exactly (bias-only head)", async () => {
    const modelDir = path.join(workDir, "bias-only");
    const bias = { revolver: 2, epaule_a_pompe: 1 };
    await writeFixtureModel(modelDir, { typologyBias: bias, gateBias: -3, temperature: 2 });
    const identifier = await loadIdentifier({ modelDir, backbonePath: DEFAULT_BACKBONE_PATH, executionProvider: "cpu" });
    try {
      expect(identifier.executionProvider).toBe("cpu");
      const result = await identifier.identify([await photo(200, 180, 160), await photo(90, 120, 200)]);
      const expected = softmax(TYPOLOGY_KEYS.map((key) => (bias as Record<string, number>)[key] ?? 0), 2);
      const expectedRaw = softmax(TYPOLOGY_KEYS.map((key) => (bias as Record<string, number>)[key] ?? 0), 1);
      TYPOLOGY_KEYS.forEach((key, index) => {
        expect(result.probabilities[key]).toBeCloseTo(expected[index]!, 6);
        expect(result.rawProbabilities[key]).toBeCloseTo(expectedRaw[index]!, 6);
      });
      expect(result.topTypology).toBe("revolver");
      expect(result.familyProbabilities.handgun + result.familyProbabilities.long_gun).toBeCloseTo(1, 9);
      expect(result.familyProbabilities.handgun).toBeCloseTo(expected[0]! + expected[1]! + expected[2]! + expected[3]!, 6);
      expect(result.noFirearmScore).toBeCloseTo(1 / (1 + Math.exp(3)), 6);
      expect(result.perPhoto).toHaveLength(2);
      // Both photos and their mirrors go through the backbone in one batch.
      expect(result.timings.backboneBatchSize).toBe(4);
      expect(result.timings.backboneMs).toBeGreaterThan(0);

      const tiers = caseTiers(result, identifier.manifest);
      expect(tiers.typology.tier).toBe("low"); // no trained typology in this fixture
    } finally {
      await identifier.close();
    }
  }, 30_000);

  it("gives different photos different probabilities and aggregates them", async () => {
    const modelDir = path.join(workDir, "random");
    await writeFixtureModel(modelDir, { randomWeightsScale: 0.05, mirrorTTA: false });
    const identifier = await loadIdentifier({ modelDir, backbonePath: DEFAULT_BACKBONE_PATH, executionProvider: "cpu" });
    try {
      const [a, b] = [await photo(230, 230, 230), await photo(30, 90, 40)];
      const single = await identifier.identify([a]);
      const pair = await identifier.identify([a, b]);
      expect(pair.timings.backboneBatchSize).toBe(2);
      const [first, second] = pair.perPhoto as [(typeof pair.perPhoto)[0], (typeof pair.perPhoto)[0]];
      expect(first.probabilities.revolver).toBeCloseTo(single.probabilities.revolver, 4); // batching does not change a photo's result
      expect(Math.abs(first.probabilities.revolver - second.probabilities.revolver)).toBeGreaterThan(1e-4);
      const weighted = (first.weight * first.probabilities.revolver + second.weight * second.probabilities.revolver) / (first.weight + second.weight);
      expect(pair.probabilities.revolver).toBeCloseTo(weighted, 9);
      expect(pair.noFirearmScore).toBeCloseTo(Math.min(first.noFirearmScore, second.noFirearmScore), 12);
    } finally {
      await identifier.close();
    }
  }, 30_000);

  it("pools a case by the manifest's caseAggregation (normalised weighted geometric mean)", async () => {
    const modelDir = path.join(workDir, "logarithmic");
    await writeFixtureModel(modelDir, { randomWeightsScale: 0.05, mirrorTTA: false, caseAggregation: "logarithmic" });
    const identifier = await loadIdentifier({ modelDir, backbonePath: DEFAULT_BACKBONE_PATH, executionProvider: "cpu" });
    try {
      const pair = await identifier.identify([await photo(230, 230, 230), await photo(30, 90, 40)]);
      const [first, second] = pair.perPhoto as [(typeof pair.perPhoto)[0], (typeof pair.perPhoto)[0]];
      const total = first.weight + second.weight;
      const unnormalised = (key: (typeof TYPOLOGY_KEYS)[number]) => Math.exp((first.weight * Math.log(first.probabilities[key]) + second.weight * Math.log(second.probabilities[key])) / total);
      const norm = TYPOLOGY_KEYS.reduce((sum, key) => sum + unnormalised(key), 0);
      for (const key of TYPOLOGY_KEYS) expect(pair.probabilities[key]).toBeCloseTo(unnormalised(key) / norm, 9);
      const linear = (first.weight * first.probabilities.revolver + second.weight * second.probabilities.revolver) / total;
      expect(Math.abs(pair.probabilities.revolver - linear)).toBeGreaterThan(1e-6);
    } finally {
      await identifier.close();
    }
  }, 30_000);

  it("reports which photo could not be decoded", async () => {
    const modelDir = path.join(workDir, "decode");
    await writeFixtureModel(modelDir, {});
    const identifier = await loadIdentifier({ modelDir, backbonePath: DEFAULT_BACKBONE_PATH, executionProvider: "cpu" });
    try {
      const error = await identifier.identify([await photo(1, 2, 3), Buffer.from("not a photo")]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ImageDecodeError);
      expect((error as ImageDecodeError).photoIndex).toBe(1);
    } finally {
      await identifier.close();
    }
  }, 30_000);

  it("refuses a head whose hash differs from the manifest, and a backbone from another conversion", async () => {
    const tampered = path.join(workDir, "tampered");
    await writeFixtureModel(tampered, {});
    const headPath = path.join(tampered, "head.json");
    await writeFile(headPath, (await readFile(headPath, "utf8")).replace('"bias":0', '"bias":1'));
    await expect(loadIdentifier({ modelDir: tampered, backbonePath: DEFAULT_BACKBONE_PATH, executionProvider: "cpu" })).rejects.toThrow(/sha256/);

    const otherBackbone = path.join(workDir, "other-backbone");
    await writeFixtureModel(otherBackbone, { backboneSha256: "0".repeat(64) });
    await expect(loadIdentifier({ modelDir: otherBackbone, backbonePath: DEFAULT_BACKBONE_PATH, executionProvider: "cpu" })).rejects.toThrow(/needs 0000/);
  });

  it("runs a bundled backbone from the model's own directory, verified by its hash", async () => {
    const modelDir = path.join(workDir, "bundled");
    await writeFixtureModel(modelDir, { typologyBias: { revolver: 3 } });
    const manifestPath = path.join(modelDir, "manifest.json");
    const manifest = JSON.parse(await readFile(manifestPath, "utf8"));
    await writeFile(manifestPath, JSON.stringify({ ...manifest, backbone: { ...manifest.backbone, fileName: "backbone.onnx", bundled: true } }));
    // no backbone.onnx in the folder yet: the shared one is not used in its place
    await expect(loadIdentifier({ modelDir, backbonePath: DEFAULT_BACKBONE_PATH, executionProvider: "cpu" })).rejects.toThrow(/backbone.onnx of model .* is missing/);
    await writeFile(path.join(modelDir, "backbone.onnx"), await readFile(DEFAULT_BACKBONE_PATH));
    const identifier = await loadIdentifier({ modelDir, backbonePath: path.join(workDir, "no-such-shared.onnx"), executionProvider: "cpu" });
    try {
      expect((await identifier.identify([await photo(200, 30, 30)])).topTypology).toBe("revolver");
    } finally {
      await identifier.close();
    }
    await writeFile(path.join(modelDir, "backbone.onnx"), Buffer.from("not the trained backbone"));
    await expect(loadIdentifier({ modelDir, backbonePath: DEFAULT_BACKBONE_PATH, executionProvider: "cpu" })).rejects.toThrow(/needs/);
  });

  it("falls back to the CPU explicitly when CUDA is requested but unavailable", async () => {
    const modelDir = path.join(workDir, "cuda");
    await writeFixtureModel(modelDir, {});
    const identifier = await loadIdentifier({ modelDir, backbonePath: DEFAULT_BACKBONE_PATH, executionProvider: "cuda" });
    try {
      if (identifier.executionProvider === "cpu") expect(identifier.fallbackReason).toMatch(/cuda|CUDA|shared/);
      else expect(identifier.fallbackReason).toBeUndefined();
      const result = await identifier.identify([await photo(10, 200, 10)]);
      expect(result.executionProvider).toBe(identifier.executionProvider);
    } finally {
      await identifier.close();
    }
  }, 30_000);

  it("loads the committed model version (schema, hashes) and returns calibrated distributions", async () => {
    const version = latestModelVersion();
    expect(version).toBeDefined();
    const identifier = await loadIdentifier({ modelDir: resolveModelVersionDir(version!), backbonePath: DEFAULT_BACKBONE_PATH, executionProvider: "cpu" });
    try {
      const result = await identifier.identify([await photo(240, 240, 240)]);
      const total = Object.values(result.probabilities).reduce((sum, p) => sum + p, 0);
      expect(total).toBeCloseTo(1, 9);
      expect(result.noFirearmScore).toBeGreaterThanOrEqual(0);
      expect(result.noFirearmScore).toBeLessThanOrEqual(1);
      // Honesty invariant: without a trained typology, no typology tier above low.
      if (identifier.manifest.trainedTypologies.length === 0) expect(caseTiers(result, identifier.manifest).typology.tier).toBe("low");
    } finally {
      await identifier.close();
    }
  }, 30_000);
});
