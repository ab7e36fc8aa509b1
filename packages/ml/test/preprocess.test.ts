import { describe, expect, it } from "vitest";
import sharp, { type Sharp } from "sharp";
import { mirrorHorizontally, preprocessImage, toNhwcBatch, type PreparedImage } from "../src/image/preprocess.ts";
import { ImageDecodeError } from "../src/image/image-decode-error.ts";

type Rgb = [number, number, number];
const WHITE: Rgb = [255, 255, 255];
const RED: Rgb = [255, 0, 0];
const GREEN: Rgb = [0, 255, 0];
const BLUE: Rgb = [0, 0, 255];
const BLACK: Rgb = [0, 0, 0];

function pixel(image: PreparedImage, x: number, y: number): Rgb {
  const offset = (y * image.size + x) * 3;
  return [image.rgb[offset]!, image.rgb[offset + 1]!, image.rgb[offset + 2]!];
}
function expectColour(actual: Rgb, expected: Rgb, tolerance = 12): void {
  actual.forEach((value, channel) => expect(Math.abs(value - expected[channel]!)).toBeLessThanOrEqual(tolerance));
}
function solid(width: number, height: number, colour: Rgb): Sharp {
  return sharp({ create: { width, height, channels: 3, background: { r: colour[0], g: colour[1], b: colour[2] } } });
}
/** A canvas with a rectangle of another colour on it. */
async function withRectangle(canvas: { width: number; height: number; colour: Rgb }, rect: { left: number; top: number; width: number; height: number; colour: Rgb }, format: "png" | "jpeg" = "png"): Promise<Buffer> {
  const overlay = await solid(rect.width, rect.height, rect.colour).png().toBuffer();
  return solid(canvas.width, canvas.height, canvas.colour).composite([{ input: overlay, left: rect.left, top: rect.top }])[format]().toBuffer();
}

describe("preprocessImage", () => {
  it("produces a 224x224 RGB square", async () => {
    const image = await preprocessImage(await solid(640, 480, BLUE).jpeg().toBuffer(), { trimBorders: false });
    expect(image.size).toBe(224);
    expect(image.rgb.length).toBe(224 * 224 * 3);
    expect(image.source).toEqual({ width: 640, height: 480, format: "jpeg" });
  });

  it("letterboxes a wide photo on white instead of cropping it", async () => {
    const image = await preprocessImage(await solid(400, 100, BLUE).png().toBuffer(), { trimBorders: false });
    expectColour(pixel(image, 112, 5), WHITE); // band above
    expectColour(pixel(image, 112, 218), WHITE); // band below
    expectColour(pixel(image, 2, 112), BLUE); // full width kept
    expectColour(pixel(image, 221, 112), BLUE);
  });

  it("trims near-uniform borders before letterboxing, only when asked", async () => {
    const input = await withRectangle({ width: 400, height: 400, colour: WHITE }, { left: 100, top: 175, width: 200, height: 50, colour: BLACK });
    const trimmed = await preprocessImage(input, { trimBorders: true });
    const untrimmed = await preprocessImage(input, { trimBorders: false });
    expect(trimmed.trimmed).toBe(true);
    expectColour(pixel(trimmed, 4, 112), BLACK); // the object now spans the width
    expectColour(pixel(untrimmed, 4, 112), WHITE);
    expectColour(pixel(untrimmed, 112, 112), BLACK);
  });

  it("keeps a uniform photo (nothing to trim) instead of failing", async () => {
    const image = await preprocessImage(await solid(120, 80, GREEN).png().toBuffer(), { trimBorders: true });
    expectColour(pixel(image, 112, 112), GREEN);
    expectColour(pixel(image, 2, 112), GREEN); // nothing trimmed away: still letterboxed at 3:2
    expectColour(pixel(image, 112, 2), WHITE);
  });

  it("applies EXIF orientation", async () => {
    // Stored landscape: left half red, right half green; orientation 6 means "rotate 90° clockwise to view".
    const stored = await withRectangle({ width: 200, height: 100, colour: GREEN }, { left: 0, top: 0, width: 100, height: 100, colour: RED }, "jpeg");
    const tagged = await sharp(stored).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const image = await preprocessImage(tagged, { trimBorders: false });
    expect(image.source).toMatchObject({ width: 100, height: 200 });
    expectColour(pixel(image, 112, 30), RED, 40); // the left half is now on top
    expectColour(pixel(image, 112, 190), GREEN, 40);
    expectColour(pixel(image, 10, 112), WHITE, 20); // portrait: white bands left and right
  });

  it("turns grayscale and transparent input into RGB on white", async () => {
    const gray = await preprocessImage(await solid(50, 50, [128, 128, 128]).toColourspace("b-w").png().toBuffer(), { trimBorders: false });
    expectColour(pixel(gray, 112, 112), [128, 128, 128], 3);
    const transparent = await sharp({ create: { width: 60, height: 60, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const flattened = await preprocessImage(transparent, { trimBorders: false });
    expectColour(pixel(flattened, 112, 112), WHITE, 1);
  });
});

describe("preprocessImage rejects what it cannot decode", () => {
  const cases: { name: string; input: () => Promise<Buffer>; options?: object; reason: ImageDecodeError["reason"] }[] = [
    { name: "empty buffer", input: async () => Buffer.alloc(0), reason: "empty-input" },
    { name: "not an image", input: async () => Buffer.from("this is a text file, not a photo"), reason: "unsupported-format" },
    {
      name: "truncated JPEG",
      input: async () => {
        const full = await withRectangle({ width: 300, height: 300, colour: BLUE }, { left: 50, top: 50, width: 100, height: 100, colour: RED }, "jpeg");
        return full.subarray(0, Math.floor(full.length * 0.6));
      },
      reason: "corrupt",
    },
    { name: "more pixels than allowed", input: async () => solid(200, 200, RED).png().toBuffer(), options: { maxInputPixels: 10_000 }, reason: "too-many-pixels" },
  ];
  it.each(cases)("$name -> ImageDecodeError($reason)", async ({ input, options, reason }) => {
    const error = await preprocessImage(await input(), { trimBorders: false, ...options }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImageDecodeError);
    expect((error as ImageDecodeError).reason).toBe(reason);
  });
});

describe("mirror and batching", () => {
  it("mirrors left-right and packs NHWC floats in [0,1]", async () => {
    const input = await withRectangle({ width: 224, height: 224, colour: WHITE }, { left: 0, top: 0, width: 112, height: 224, colour: RED });
    const image = await preprocessImage(input, { trimBorders: false });
    const mirrored = mirrorHorizontally(image);
    expectColour(pixel(image, 10, 100), RED);
    expectColour(pixel(mirrored, 10, 100), WHITE);
    expectColour(pixel(mirrored, 213, 100), RED);

    const batch = toNhwcBatch([image, mirrored]);
    expect(batch.dims).toEqual([2, 224, 224, 3]);
    const secondImageOffset = 224 * 224 * 3;
    expect(batch.data[(100 * 224 + 10) * 3]).toBeCloseTo(pixel(image, 10, 100)[0] / 255, 6);
    expect(batch.data[secondImageOffset + (100 * 224 + 213) * 3]).toBeCloseTo(pixel(mirrored, 213, 100)[0] / 255, 6);
    expect(Math.max(...batch.data.subarray(0, 5000))).toBeLessThanOrEqual(1);
  });
});

describe("preprocessImage, pipeline 4 (fit fill)", () => {
  it("stretches a wide photo to the whole square: no band whatever the aspect", async () => {
    const image = await preprocessImage(await solid(400, 100, BLUE).png().toBuffer(), { fit: "fill" });
    for (const [x, y] of [[112, 2], [112, 221], [2, 112], [221, 112], [2, 2], [221, 221]] as const) expectColour(pixel(image, x, y), BLUE);
    expect(image.trimmed).toBe(false);
  });

  it("keeps the photo's layout: a rectangle in the left half stays in the left half, stretched", async () => {
    const input = await withRectangle({ width: 800, height: 200, colour: WHITE }, { left: 0, top: 0, width: 400, height: 200, colour: RED });
    const image = await preprocessImage(input, { fit: "fill" });
    expectColour(pixel(image, 50, 200), RED);
    expectColour(pixel(image, 170, 20), WHITE);
  });

  it("ignores border trimming (no source-dependent crop) and orients by EXIF like pipeline 3", async () => {
    const input = await withRectangle({ width: 400, height: 400, colour: WHITE }, { left: 100, top: 175, width: 200, height: 50, colour: BLACK });
    const image = await preprocessImage(input, { fit: "fill", trimBorders: true });
    expectColour(pixel(image, 4, 112), WHITE); // margins kept: trimming is a pipeline-3 step only
    expectColour(pixel(image, 112, 112), BLACK);
    const tall = await sharp(await solid(100, 300, GREEN).png().toBuffer()).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const oriented = await preprocessImage(tall, { fit: "fill" });
    expect(oriented.source).toEqual({ width: 300, height: 100, format: "jpeg" });
  });

  it("rejects what it cannot decode with the same errors", async () => {
    await expect(preprocessImage(Buffer.from("not an image"), { fit: "fill" })).rejects.toBeInstanceOf(ImageDecodeError);
  });
});
