import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { acceptPhoto, detectImageType, PhotoIntakeError, UPLOAD_LIMITS } from "../src/intake.ts";

const solid = (format: "jpeg" | "png" | "webp", width = 320, height = 200) =>
  sharp({ create: { width, height, channels: 3, background: { r: 120, g: 90, b: 60 } } })[format]().toBuffer();

async function expectIntakeError(bytes: Buffer, code: string) {
  const error = await acceptPhoto(bytes).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PhotoIntakeError);
  expect((error as PhotoIntakeError).code).toBe(code);
}

describe("detectImageType", () => {
  it.each([
    ["jpeg", "image/jpeg"],
    ["png", "image/png"],
    ["webp", "image/webp"],
  ] as const)("recognises %s by its bytes", async (format, mime) => {
    expect(detectImageType(await solid(format))?.mime).toBe(mime);
  });
  it("rejects other content whatever it claims to be", () => {
    expect(detectImageType(Buffer.from("%PDF-1.7 not an image"))).toBeNull();
    expect(detectImageType(Buffer.from("GIF89a......"))).toBeNull();
    expect(detectImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe("acceptPhoto", () => {
  it("re-encodes to a metadata-free JPEG derivative and hashes both", async () => {
    const withExif = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#336699" } })
      .jpeg()
      .withExif({ IFD0: { Make: "EvidenceCam", Model: "X1" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 0/1" } })
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();

    const accepted = await acceptPhoto(withExif);
    expect(accepted.original.bytes.equals(withExif)).toBe(true);
    expect(accepted.original.sha256).toMatch(/^[0-9a-f]{64}$/);
    const meta = await sharp(accepted.derivative.bytes).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect([accepted.derivative.width, accepted.derivative.height]).toEqual([400, 300]);
  });

  it("applies EXIF orientation to the derivative", async () => {
    const rotated = await sharp({ create: { width: 400, height: 200, channels: 3, background: "#000" } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const accepted = await acceptPhoto(rotated);
    expect([accepted.derivative.width, accepted.derivative.height]).toEqual([200, 400]);
  });

  it("downscales huge-but-legal photos for the derivative only", async () => {
    const big = await solid("png", 4000, 3000);
    const accepted = await acceptPhoto(big);
    expect(Math.max(accepted.derivative.width, accepted.derivative.height)).toBe(UPLOAD_LIMITS.derivativeMaxSide);
  });

  it("refuses empty, non-image, truncated, tiny and pixel-flood files with a clear code", async () => {
    await expectIntakeError(Buffer.alloc(0), "empty");
    await expectIntakeError(Buffer.from("<html>not a photo</html>"), "unsupported_type");
    const jpeg = await solid("jpeg", 800, 600);
    await expectIntakeError(jpeg.subarray(0, Math.floor(jpeg.length / 2)), "corrupt");
    await expectIntakeError(await solid("png", 40, 40), "too_small");
    // 10000 x 6000 = 60 MP of a single colour compresses to a few kB but would decode to 180 MB
    const flood = await sharp({ create: { width: 10000, height: 6000, channels: 3, background: "#fff" } }).png({ compressionLevel: 9 }).toBuffer();
    expect(flood.length).toBeLessThan(UPLOAD_LIMITS.maxBytesPerPhoto);
    await expectIntakeError(flood, "too_many_pixels");
  });

  it("refuses files above the byte limit before decoding them", async () => {
    const huge = Buffer.concat([await solid("jpeg"), Buffer.alloc(UPLOAD_LIMITS.maxBytesPerPhoto)]);
    await expectIntakeError(huge, "too_large");
  });
});
