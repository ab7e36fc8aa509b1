import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TYPOLOGY_KEYS, type TypologyKey } from "../src/domain.ts";
import { parseLabelledCsv } from "../src/data/labelled-csv.ts";
import { buildEvalReport, type EvaluatedPhoto } from "../src/evaluation/eval-report.ts";
import { evaluateCsv } from "../src/evaluation/evaluate-csv.ts";
import { softmax } from "../src/head/probabilities.ts";
import type { ModelPolicy } from "../src/runtime/assess.ts";
import { prepareBackbone } from "../src/backbone/prepare-backbone.ts";
import { DEFAULT_BACKBONE_PATH } from "../src/paths.ts";
import { loadIdentifier } from "../src/runtime/identifier.ts";
import { writeFixtureModel } from "./fixtures/model-fixture.ts";

/** A distribution with the given masses; what is left is spread evenly over the other typologies. */
function distribution(masses: Partial<Record<TypologyKey, number>>): Record<TypologyKey, number> {
  const given = Object.values(masses).reduce((sum, value) => sum + value, 0);
  const others = TYPOLOGY_KEYS.filter((key) => masses[key] === undefined);
  return Object.fromEntries(TYPOLOGY_KEYS.map((key) => [key, masses[key] ?? (1 - given) / others.length])) as Record<TypologyKey, number>;
}

// Revolver is trained with its own thresholds (0.7 / 0.95); the family fallback (0.6 / 0.9) must not be used for it.
const policy: ModelPolicy = {
  thresholds: { unit: "family", medium: 0.6, high: 0.9, targetPrecision: { medium: 0.9, high: 0.98 }, typology: { revolver: { medium: 0.7, high: 0.95 } } },
  trainedTypologies: ["revolver"],
  noFirearm: { threshold: 0.8, maxWeaponRejectionRate: 0.02 },
};

const photos: EvaluatedPhoto[] = [
  { file: "1.jpg", label: "revolver", probabilities: distribution({ revolver: 0.97 }), noFirearmScore: 0.1 }, // high, right
  { file: "2.jpg", label: "revolver", probabilities: distribution({ revolver: 0.75 }), noFirearmScore: 0.1 }, // medium, right
  { file: "3.jpg", label: "pistolet_semi_auto_moderne", probabilities: distribution({ revolver: 0.8, pistolet_semi_auto_moderne: 0.15 }), noFirearmScore: 0.1 }, // medium, wrong, top-3 right
  { file: "4.jpg", label: "epaule_a_pompe", probabilities: distribution({ epaule_a_pompe: 0.9 }), noFirearmScore: 0.2 }, // untrained: low, right
  // 0.65 ≥ family medium 0.6 but < revolver's own 0.7: low. Top-3 = revolver, autre_pistolet, then the
  // 0.02 ties in catalogue order (pistolet_semi_auto_moderne): the label is not in it.
  { file: "5.jpg", label: "epaule_a_verrou", probabilities: distribution({ revolver: 0.65, autre_pistolet: 0.15 }), noFirearmScore: 0.3 },
  { file: "6.jpg", label: "revolver", probabilities: distribution({ revolver: 0.9 }), noFirearmScore: 0.95 }, // gate fires: low, a weapon rejected
  { file: "7.jpg", label: "none", probabilities: distribution({ revolver: 0.5 }), noFirearmScore: 0.9 }, // flagged
  { file: "8.jpg", label: "none", probabilities: distribution({ revolver: 0.96 }), noFirearmScore: 0.3 }, // missed, and shown as a high-tier revolver
];

describe("buildEvalReport (model:eval's figures)", () => {
  it("matches the hand-computed case", () => {
    const report = buildEvalReport("2026.01.01-1", photos, policy);
    expect(report.n).toBe(8);
    expect(report.weapons).toBe(6);
    expect(report.top1).toBeCloseTo(4 / 6, 4); // photos 1, 2, 4, 6
    expect(report.top3).toBeCloseTo(5 / 6, 4); // all but 5
    expect(report.family).toBeCloseTo(5 / 6, 4); // all but 5 (handgun 0.84 for a bolt rifle)
    // 15 bins; |confidence − accuracy| per bin: 0.97→0.03, 0.75→0.25, 0.8→0.8, {0.9, 0.9}→0.1 (×2), 0.65→0.65.
    expect(report.ece).toBeCloseTo((0.03 + 0.25 + 0.8 + 0.2 + 0.65) / 6, 4);
    expect(report.tiers.high).toMatchObject({ count: 1, share: 0.1667, precision: 1 });
    expect(report.tiers.medium).toMatchObject({ count: 2, share: 0.3333, precision: 0.5 });
    expect(report.tiers.low).toMatchObject({ count: 3, share: 0.5, precision: 0.6667 });
    expect(report.noFirearm).toMatchObject({ threshold: 0.8, n: 2, flagged: 1, identifiedAboveLow: 1, weaponsRejected: 1 });
    // revolver: 5 predicted (1, 2, 3, 5, 6), 3 right out of 3 → P 0.6, R 1, F1 0.75.
    expect(report.perClass.revolver).toEqual({ support: 3, predicted: 5, precision: 0.6, recall: 1, f1: 0.75 });
    expect(report.perClass.pistolet_semi_auto_moderne).toEqual({ support: 1, predicted: 0, precision: null, recall: 0, f1: 0 });
    expect(report.perClass.epaule_a_pompe).toEqual({ support: 1, predicted: 1, precision: 1, recall: 1, f1: 1 });
    expect(report.perClass.epaule_a_verrou).toEqual({ support: 1, predicted: 0, precision: null, recall: 0, f1: 0 });
    expect(report.macroF1).toBeCloseTo((0.75 + 0 + 1 + 0) / 4, 4);
    expect(report.confusion.epaule_a_verrou).toEqual({ revolver: 1 });
  });

  it("gives the ECEs a bootstrap interval that draws whole groups", () => {
    const report = buildEvalReport("2026.01.01-1", photos, policy);
    const [low, high] = report.intervals.ece!;
    expect(low).toBeLessThanOrEqual(report.ece!);
    expect(high).toBeGreaterThanOrEqual(report.ece!);
    expect(report.intervals.familyEce![0]).toBeLessThanOrEqual(report.familyEce!);
    // the same photos as one group: every draw is the whole set, the interval shrinks to the point
    const oneGroup = buildEvalReport("2026.01.01-1", photos.map((photo) => ({ ...photo, group: "case-1" })), policy);
    expect(oneGroup.intervals.ece).toEqual([report.ece, report.ece]);
    expect(oneGroup.intervals.familyEce).toEqual([report.familyEce, report.familyEce]);
  });

  it("says what a perfectly calibrated model would read with the same confidences", () => {
    const report = buildEvalReport("2026.01.01-1", photos, policy);
    const { ece, familyEce } = report.eceIfCalibrated;
    // six weapon photos: a calibrated model's ECE on so few is far from 0
    expect(ece!.mean).toBeGreaterThan(0.05);
    expect(ece!.p95).toBeGreaterThanOrEqual(ece!.mean);
    expect(familyEce!.p95).toBeLessThanOrEqual(1);
    expect(buildEvalReport("2026.01.01-1", photos, policy).eceIfCalibrated).toEqual(report.eceIfCalibrated); // seeded
  });

  it("is empty but well-formed without weapon photos", () => {
    const report = buildEvalReport("x", photos.slice(6), policy);
    expect(report).toMatchObject({ n: 2, weapons: 0, top1: null, macroF1: null, ece: null });
    expect(report.intervals).toMatchObject({ ece: null, familyEce: null });
    expect(report.eceIfCalibrated).toEqual({ ece: null, familyEce: null });
    expect(report.tiers.low).toMatchObject({ count: 0, share: 0, precision: null });
  });
});

describe("labelled CSV", () => {
  it.each([
    { name: "header in any order, quotes, group, blank lines", text: 'typology,file,group\nrevolver,"a, b.jpg",case-1\n\nnone,sub/c.png,\n', ok: true },
    { name: "unknown typology", text: "file,typology\na.jpg,pistol\n", error: /:2: unknown typology "pistol"/ },
    { name: "missing column", text: "file,label\na.jpg,revolver\n", error: /needs the columns file and typology/ },
    { name: "empty file name", text: "file,typology\n,revolver\n", error: /:2: empty file/ },
  ])("$name", ({ text, ok, error }) => {
    if (ok) {
      const rows = parseLabelledCsv(text, "/data/set/photos.csv");
      expect(rows).toEqual([
        { path: "/data/set/a, b.jpg", file: "a, b.jpg", label: "revolver", group: "case-1" },
        { path: "/data/set/sub/c.png", file: "sub/c.png", label: "none", group: "sub/c.png" },
      ]);
    } else {
      expect(() => parseLabelledCsv(text, "/data/set/photos.csv")).toThrow(error);
    }
  });
});

describe("evaluateCsv with a real (fixture) model", () => {
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), "basegun-ml-eval-"));
    await prepareBackbone(DEFAULT_BACKBONE_PATH);
  });
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  it("identifies each listed photo as a one-photo case, counts unreadable ones, and scores them", async () => {
    // Bias-only head: every photo gets the same, known probabilities (revolver on top) and gate score.
    const modelDir = path.join(workDir, "model");
    await writeFixtureModel(modelDir, { typologyBias: { revolver: 3, epaule_a_pompe: 1 }, gateBias: -2, mirrorTTA: false });
    const image = (r: number) => sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g: 100, b: 50 } } }).png().toBuffer();
    await writeFile(path.join(workDir, "a.png"), await image(10));
    await writeFile(path.join(workDir, "b.png"), await image(200));
    await writeFile(path.join(workDir, "broken.png"), Buffer.from("not an image"));
    const csv = path.join(workDir, "photos.csv");
    await writeFile(csv, "file,typology\na.png,revolver\nb.png,epaule_a_pompe\nbroken.png,revolver\nmissing.png,none\n");
    const identifier = await loadIdentifier({ modelDir, backbonePath: DEFAULT_BACKBONE_PATH, executionProvider: "cpu" });
    const report = await evaluateCsv(csv, identifier).finally(() => identifier.close());
    expect(report.perCase).toBeNull(); // no group with two photos
    const expected = softmax(TYPOLOGY_KEYS.map((key) => (key === "revolver" ? 3 : key === "epaule_a_pompe" ? 1 : 0)));
    expect(report.n).toBe(2);
    expect(report.unreadable).toBe(2);
    expect(report.unreadableFiles.map((item) => item.file)).toEqual(["broken.png", "missing.png"]);
    expect(report.top1).toBe(0.5);
    expect(report.family).toBe(0.5);
    // The fixture has no trained typology: everything is low, whatever the probabilities.
    expect(report.tiers.low.count).toBe(2);
    expect(report.perClass.revolver).toMatchObject({ support: 1, predicted: 2, recall: 1 });
    // Both photos fall in the same confidence bin: |mean confidence − accuracy| = |p(revolver) − 1/2|.
    expect(report.ece).toBeCloseTo(Math.abs(expected[0]! - 0.5), 4);
    expect(report.noFirearm.weaponsRejected).toBe(0); // sigmoid(−2) = 0.12 < 0.9
  }, 30_000);

  it("also scores cases: the photos of one group identified together, as production aggregates them", async () => {
    const modelDir = path.join(workDir, "model-cases");
    await writeFixtureModel(modelDir, { typologyBias: { revolver: 3 }, gateBias: -2, mirrorTTA: false });
    const image = (r: number) => sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g: 100, b: 50 } } }).png().toBuffer();
    for (const [name, r] of [["c1.png", 10], ["c2.png", 90], ["c3.png", 170]] as const) await writeFile(path.join(workDir, name), await image(r));
    const csv = path.join(workDir, "cases.csv");
    await writeFile(csv, "file,typology,group\nc1.png,revolver,case-a\nc2.png,revolver,case-a\nc3.png,epaule_a_pompe,case-b\n");
    const identifier = await loadIdentifier({ modelDir, backbonePath: DEFAULT_BACKBONE_PATH, executionProvider: "cpu" });
    const report = await evaluateCsv(csv, identifier).finally(() => identifier.close());
    expect(report.n).toBe(3);
    expect(report.perCase).toMatchObject({ n: 2, cases: 2, photosPerCase: 1.5, weapons: 2, top1: 0.5 });
    await writeFile(csv, "file,typology,group\nc1.png,revolver,case-a\nc2.png,epaule_a_pompe,case-a\n");
    const again = await loadIdentifier({ modelDir, backbonePath: DEFAULT_BACKBONE_PATH, executionProvider: "cpu" });
    await expect(evaluateCsv(csv, again).finally(() => again.close())).rejects.toThrow(/group case-a mixes labels/);
  });
});
