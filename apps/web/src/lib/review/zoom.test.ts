import { describe, expect, it } from "vitest";
import { clampPan, IDENTITY, MAX_SCALE, panBy, wheelFactor, zoomAt, zoomCentre } from "./zoom";

const frame = { width: 800, height: 600 };

describe("zoom", () => {
  it("keeps the point under the mouse still", () => {
    const next = zoomAt(IDENTITY, 2, 200, 150, frame);
    expect(next.scale).toBe(2);
    // image point (200,150) at scale 2 lands at 2*200 + x = 200
    expect(2 * 200 + next.x).toBeCloseTo(200);
    expect(2 * 150 + next.y).toBeCloseTo(150);
  });

  it.each([
    ["never below the fitted size", 0.1, 1],
    ["never beyond the maximum", 100, MAX_SCALE],
  ])("%s", (_name, factor, scale) => {
    expect(zoomCentre(IDENTITY, factor, frame).scale).toBe(scale);
  });

  it("zooming back out to 1 recentres the image", () => {
    const zoomed = zoomAt(IDENTITY, 4, 700, 500, frame);
    expect(zoomCentre(zoomed, 0.01, frame)).toEqual({ scale: 1, x: 0, y: 0 });
  });

  it.each([
    ["cannot pan past the left/top edge", 500, 500, { x: 0, y: 0 }],
    ["cannot pan past the right/bottom edge", -5000, -5000, { x: -800, y: -600 }],
    ["pans freely inside", -100, -50, { x: -500, y: -350 }],
  ])("%s", (_name, dx, dy, expected) => {
    const start = clampPan({ scale: 2, x: -400, y: -300 }, frame);
    const moved = panBy(start, dx, dy, frame);
    expect({ x: moved.x, y: moved.y }).toEqual(expected);
  });

  it("does not pan at scale 1", () => {
    expect(panBy(IDENTITY, 100, 100, frame)).toEqual(IDENTITY);
  });

  it.each([
    [-100, 1.25],
    [100, 0.8],
    [0, 1],
    [-10_000, 1.25 ** 3],
  ])("wheel delta %d zooms by %d", (delta, factor) => {
    expect(wheelFactor(delta)).toBeCloseTo(factor);
  });
});
