import { describe, expect, it } from "vitest";
import { contentBox } from "../src/image/preprocess.ts";

/** A width × height RGB image of one colour with optional painted rectangles and single pixels. */
function image(width: number, height: number, paint: Array<{ x: number; y: number; w?: number; h?: number; value?: number }> = []) {
  const rgb = new Uint8Array(width * height * 3).fill(250);
  for (const { x, y, w = 1, h = 1, value = 20 } of paint) {
    for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) rgb.fill(value, (yy * width + xx) * 3, (yy * width + xx) * 3 + 3);
  }
  return rgb;
}

describe("contentBox", () => {
  it.each([
    ["a uniform image has no content", image(40, 30), null],
    ["a dark block on a light backdrop", image(40, 30, [{ x: 5, y: 7, w: 20, h: 10 }]), { left: 5, top: 7, width: 20, height: 10 }],
    ["a block touching the far edges", image(40, 30, [{ x: 10, y: 10, w: 30, h: 20 }]), { left: 10, top: 10, width: 30, height: 20 }],
    ["a lone speck of noise is not content", image(40, 30, [{ x: 5, y: 7, w: 20, h: 10 }, { x: 38, y: 1 }]), { left: 5, top: 7, width: 20, height: 10 }],
    ["differences within the threshold are backdrop", image(40, 30, [{ x: 0, y: 0, w: 40, h: 15, value: 245 }, { x: 12, y: 20, w: 4, h: 4 }]), { left: 12, top: 20, width: 4, height: 4 }],
  ])("%s", (_label, rgb, expected) => {
    expect(contentBox(rgb, 40, 30, 10)).toEqual(expected);
  });
});
