import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { confusionMatrixSvg, reliabilityDiagramSvg, renderPng } from "../src/training/report-images.ts";
import { reliabilityBins } from "../src/training/test-report.ts";

describe("model card images", () => {
  it("renders a confusion matrix and a reliability diagram as small PNGs", async () => {
    const confusion = await renderPng(
      confusionMatrixSvg({ title: "test", rows: ["HandGun", "none"], columns: ["revolver", "epaule_a_pompe", "no_firearm"], counts: { HandGun: { revolver: 30, epaule_a_pompe: 2 }, none: { no_firearm: 5, revolver: 1 } } }),
    );
    const confidences = Array.from({ length: 200 }, (_, i) => 0.5 + (i % 50) / 100);
    const correct = confidences.map((confidence, i) => (i * 7919) % 100 < confidence * 100);
    const bins = reliabilityBins(confidences, correct);
    expect(bins.reduce((sum, bin) => sum + bin.n, 0)).toBe(200);
    const reliability = await renderPng(reliabilityDiagramSvg({ title: "test", before: bins, after: bins, from: 0.5, ece: { before: 0.05, after: 0.02 } }));
    for (const png of [confusion, reliability]) {
      const metadata = await sharp(png).metadata();
      expect(metadata.format).toBe("png");
      expect(metadata.width).toBeGreaterThan(300);
      expect(png.length).toBeLessThan(100_000);
    }
  });
});
