import sharp from "sharp";
import { BACKBONE_INPUT_SIZE } from "../backbone/backbone-spec.ts";
import { classifySharpError, ImageDecodeError } from "./image-decode-error.ts";

export type PreprocessFit = "contain" | "fill";

export interface PreprocessOptions {
  /** Side of the square model input. */
  size: number;
  /**
   * How the photo becomes a square. "contain" (pipelines 1-3): letterbox onto the background colour.
   * "fill" (pipeline 4): stretch the whole photo to the square, no bands whatever its aspect.
   */
  fit: PreprocessFit;
  /** Remove near-uniform borders (scanner margins, studio backdrops) before letterboxing. */
  trimBorders: boolean;
  /** sharp trim threshold: how far (0-255) a border pixel may differ from the corner colour. */
  trimThreshold: number;
  /** Letterbox colour ("contain" fit): white beat centre-cropping on real photos. */
  background: string;
  /** Refuse decompression bombs: photos above this many pixels are rejected before decoding. */
  maxInputPixels: number;
}

/**
 * Bump when the pixels produced for the same options change: cached training features depend on it,
 * and a model serves with the pipeline it was trained with (manifest.preprocessing.pipeline).
 * 3: the border trim is computed here on the reduced RGB buffer (about 1 ms) instead of sharp's trim()
 * (33 ms of the 38 ms a photo took); letterbox "contain" on white.
 * 4: stretch to the square ("fill"), no trim. Letterboxing gave white bands to exactly the photos that
 * were not square: in the training data the Caltech revolvers and no-firearm scenes (weapons-coarse is
 * all 360 × 360), in the field every photo; the model learnt "bands → revolver or no firearm".
 * Stretching leaves no artefact that differs by source; what still differs (aspect, framing, colour,
 * blur, JPEG) is augmented at training time (python/finetune.py).
 * New models are trained with the current version; older versions keep their own pipeline.
 */
export const PREPROCESS_PIPELINE_VERSION = 4;

/** The pipelines this build can still serve, and what each fixes (a manifest records its number). */
export const PREPROCESS_PIPELINES = {
  3: { fit: "contain", trim: { enabled: true, threshold: 10 } },
  4: { fit: "fill", trim: { enabled: false, threshold: 10 } },
} as const satisfies Record<number, { fit: PreprocessFit; trim: { enabled: boolean; threshold: number } }>;
export type PreprocessPipeline = keyof typeof PREPROCESS_PIPELINES;

export function isSupportedPipeline(pipeline: number): pipeline is PreprocessPipeline {
  return Object.hasOwn(PREPROCESS_PIPELINES, pipeline);
}

/** Pixel settings of the current pipeline, as new models are trained. */
export const CURRENT_PIPELINE_SETTINGS = PREPROCESS_PIPELINES[PREPROCESS_PIPELINE_VERSION];

/**
 * Options of a bare preprocessImage call: pipeline 3's letterbox (what callers that do not name a
 * pipeline always got). Models pass their own through preprocessOptionsOf(manifest).
 */
export const DEFAULT_PREPROCESS_OPTIONS: PreprocessOptions = {
  size: BACKBONE_INPUT_SIZE,
  fit: "contain",
  trimBorders: true,
  trimThreshold: 10,
  background: "#ffffff",
  maxInputPixels: 64_000_000,
};

/** A photo ready for the backbone: interleaved RGB bytes, size x size, row-major (HWC). */
export interface PreparedImage {
  rgb: Uint8Array;
  size: number;
  /** Dimensions after EXIF orientation, before trim and resize. */
  source: { width: number; height: number; format: string };
  /** Whether the border-trim step ran (sharp leaves an image with nothing to trim unchanged). */
  trimmed: boolean;
}

/**
 * Decode stage: orientation, transparency to the background, and a shrink to at most
 * `2 × size` per side. Shrinking here lets libvips decode JPEGs at reduced scale (shrink-on-load),
 * which keeps a 12-megapixel photo in the millisecond range; trimming the full-resolution image
 * instead cost 15 times more.
 */
async function decodeReduced(input: Buffer, options: PreprocessOptions): Promise<{ data: Buffer; width: number; height: number }> {
  // failOn "error": truncated or broken pixel data aborts; harmless warnings (odd markers) do not.
  const { data, info } = await sharp(input, { limitInputPixels: options.maxInputPixels, failOn: "error" })
    .rotate() // EXIF auto-orientation
    .flatten({ background: options.background }) // transparent pixels become the letterbox colour
    .resize(options.size * REDUCED_SCALE, options.size * REDUCED_SCALE, { fit: "inside", withoutEnlargement: true })
    .toColourspace("srgb")
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new ImageDecodeError("corrupt", `Unexpected channel count ${info.channels}`);
  return { data, width: info.width, height: info.height };
}

/** Intermediate resolution, in multiples of the model input size. */
const REDUCED_SCALE = 2;

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The smallest box holding the photo's content: rows and columns with at least two pixels farther than
 * `threshold` (on any channel) from the top-left corner's colour, the backdrop. Null when nothing differs.
 * Two pixels, not one, so that a speck of noise in a uniform margin does not stop the trim.
 */
export function contentBox(rgb: Uint8Array, width: number, height: number, threshold: number): Box | null {
  const [r0, g0, b0] = [rgb[0]!, rgb[1]!, rgb[2]!];
  const rowCounts = new Uint32Array(height);
  const columnCounts = new Uint32Array(width);
  for (let y = 0; y < height; y++) {
    let offset = y * width * 3;
    for (let x = 0; x < width; x++, offset += 3) {
      if (Math.abs(rgb[offset]! - r0) > threshold || Math.abs(rgb[offset + 1]! - g0) > threshold || Math.abs(rgb[offset + 2]! - b0) > threshold) {
        rowCounts[y]! += 1;
        columnCounts[x]! += 1;
      }
    }
  }
  const first = (counts: Uint32Array) => counts.findIndex((c) => c >= 2);
  const last = (counts: Uint32Array) => counts.length - 1 - [...counts].reverse().findIndex((c) => c >= 2);
  const top = first(rowCounts);
  const left = first(columnCounts);
  if (top < 0 || left < 0) return null;
  return { left, top, width: last(columnCounts) - left + 1, height: last(rowCounts) - top + 1 };
}

async function letterbox(reduced: { data: Buffer; width: number; height: number }, options: PreprocessOptions, trim: boolean): Promise<Uint8Array> {
  let image = sharp(reduced.data, { raw: { width: reduced.width, height: reduced.height, channels: 3 } });
  if (trim) {
    const box = contentBox(reduced.data, reduced.width, reduced.height, options.trimThreshold);
    // a degenerate box (a line, a dot) is no photo of a weapon: keep the whole image then
    if (!box || box.width < 8 || box.height < 8) throw new ImageDecodeError("corrupt", "nothing to keep after trimming");
    image = image.extract(box);
  }
  const { data, info } = await image
    .resize(options.size, options.size, { fit: "contain", background: options.background })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 || info.width !== options.size || info.height !== options.size) {
    throw new ImageDecodeError("corrupt", `Unexpected decoded shape ${info.width}x${info.height}x${info.channels}`);
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Pipeline 4: the whole photo stretched to the square (after orientation and flattening). */
async function stretchToSquare(input: Buffer, options: PreprocessOptions): Promise<Uint8Array> {
  const { data, info } = await sharp(input, { limitInputPixels: options.maxInputPixels, failOn: "error" })
    .rotate()
    .flatten({ background: options.background })
    .resize(options.size, options.size, { fit: "fill" })
    .toColourspace("srgb")
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 || info.width !== options.size || info.height !== options.size) {
    throw new ImageDecodeError("corrupt", `Unexpected decoded shape ${info.width}x${info.height}x${info.channels}`);
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Decodes one photo into backbone input: EXIF orientation, then either (fit "fill") a stretch to the
 * square, or (fit "contain") an optional border trim and a letterbox onto a square of the background
 * colour. Throws ImageDecodeError for empty, oversized, unknown or corrupt input.
 */
export async function preprocessImage(input: Buffer, overrides: Partial<PreprocessOptions> = {}): Promise<PreparedImage> {
  const options = { ...DEFAULT_PREPROCESS_OPTIONS, ...overrides };
  if (input.length === 0) throw new ImageDecodeError("empty-input", "Image is empty");
  try {
    const metadata = await sharp(input, { limitInputPixels: options.maxInputPixels }).metadata();
    const swapsSides = (metadata.orientation ?? 1) >= 5;
    const source = {
      width: (swapsSides ? metadata.height : metadata.width) ?? 0,
      height: (swapsSides ? metadata.width : metadata.height) ?? 0,
      format: metadata.format ?? "unknown",
    };
    if (options.fit === "fill") return { rgb: await stretchToSquare(input, options), size: options.size, source, trimmed: false };
    const reduced = await decodeReduced(input, options);
    if (options.trimBorders) {
      try {
        return { rgb: await letterbox(reduced, options, true), size: options.size, source, trimmed: true };
      } catch {
        // Trimming decoded pixels can only fail on a degenerate result: keep the untrimmed photo.
      }
    }
    return { rgb: await letterbox(reduced, options, false), size: options.size, source, trimmed: false };
  } catch (error) {
    if (error instanceof ImageDecodeError) throw error;
    throw classifySharpError(error);
  }
}

/** Left-right mirror, for test-time augmentation (a gun pointing left or right is the same gun). */
export function mirrorHorizontally(image: PreparedImage): PreparedImage {
  const { size, rgb } = image;
  const mirrored = new Uint8Array(rgb.length);
  for (let y = 0; y < size; y++) {
    const row = y * size * 3;
    for (let x = 0; x < size; x++) {
      const from = row + x * 3;
      const to = row + (size - 1 - x) * 3;
      mirrored[to] = rgb[from]!;
      mirrored[to + 1] = rgb[from + 1]!;
      mirrored[to + 2] = rgb[from + 2]!;
    }
  }
  return { ...image, rgb: mirrored };
}

/** Packs prepared images into one float32 NHWC batch with values in [0, 1] (the backbone's input). */
export function toNhwcBatch(images: readonly PreparedImage[]): { data: Float32Array; dims: [number, number, number, number] } {
  const first = images[0];
  if (!first) throw new Error("Cannot build an empty batch");
  const perImage = first.size * first.size * 3;
  const data = new Float32Array(images.length * perImage);
  images.forEach((image, index) => {
    if (image.size !== first.size) throw new Error("All images of a batch must have the same size");
    const offset = index * perImage;
    for (let i = 0; i < perImage; i++) data[offset + i] = image.rgb[i]! / 255;
  });
  return { data, dims: [images.length, first.size, first.size, 3] };
}
