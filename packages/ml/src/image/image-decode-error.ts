export type ImageDecodeFailure = "empty-input" | "too-many-pixels" | "unsupported-format" | "corrupt";

/** A photo that cannot be turned into model input. Callers map it to "ask for another photo". */
export class ImageDecodeError extends Error {
  override readonly name = "ImageDecodeError";
  constructor(
    readonly reason: ImageDecodeFailure,
    message: string,
    options?: { cause?: unknown; photoIndex?: number },
  ) {
    super(message, options);
    this.photoIndex = options?.photoIndex;
  }
  /** Position of the failing photo in the case, when raised while identifying a case. */
  readonly photoIndex: number | undefined;
}

/** Maps sharp/libvips error messages to a stable reason (messages are not an API, so stay lenient). */
export function classifySharpError(error: unknown): ImageDecodeError {
  const message = error instanceof Error ? error.message : String(error);
  let reason: ImageDecodeFailure = "corrupt";
  if (/pixel limit/i.test(message)) reason = "too-many-pixels";
  else if (/unsupported image format/i.test(message)) reason = "unsupported-format";
  return new ImageDecodeError(reason, `Image cannot be decoded (${reason}): ${message}`, { cause: error });
}
