import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import busboy from "busboy";

/**
 * Reads a multipart upload while it streams in, enforcing the limits as bytes arrive, whatever the
 * headers say: a chunked body (no Content-Length) or a lying one is cut off at the limit, so the web
 * process never holds more than the limit of a refused body (`request.formData()` buffered the whole
 * body first: 400 MB took the process from 727 MB to 2.3 GB).
 */
export interface MultipartLimits {
  /** the whole body */
  maxBodyBytes: number;
  /** each file */
  maxFileBytes: number;
  /** files kept; one more is read so the caller can say "too many" */
  maxFiles: number;
}

export type MultipartFailure = "bodyTooLarge" | "fileTooLarge" | "notMultipart" | "malformed";

export class MultipartError extends Error {
  constructor(readonly reason: MultipartFailure) {
    super(`multipart upload refused: ${reason}`);
    this.name = "MultipartError";
  }
}

const MAX_FIELDS = 16;
const MAX_FIELD_BYTES = 4096;

/** The form (files as File objects), or a MultipartError saying why not. */
export async function readMultipart(request: Request, limits: MultipartLimits): Promise<FormData> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) throw new MultipartError("notMultipart");
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > limits.maxBodyBytes) throw new MultipartError("bodyTooLarge");
  if (!request.body) throw new MultipartError("malformed");

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles + 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: limits.maxFiles + 1 + MAX_FIELDS },
    });
  } catch {
    throw new MultipartError("malformed"); // no boundary
  }
  const source = Readable.fromWeb(request.body as NodeWebReadableStream<Uint8Array>);
  const form = new FormData();

  return new Promise<FormData>((resolve, reject) => {
    let settled = false;
    let received = 0;
    const fail = (reason: MultipartFailure) => {
      if (settled) return;
      settled = true;
      // stop reading: what the client still sends is never buffered here
      source.unpipe(parser);
      source.destroy();
      parser.removeAllListeners();
      parser.on("error", () => {});
      reject(new MultipartError(reason));
    };
    source.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBodyBytes) fail("bodyTooLarge");
    });
    source.on("error", () => fail("malformed"));
    parser.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => fail("fileTooLarge"));
      stream.on("end", () => {
        if (settled) return;
        const bytes = Buffer.concat(chunks);
        form.append(name, new File([new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)], info.filename || "upload", { type: info.mimeType }));
      });
    });
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) return fail("malformed");
      form.append(name, value);
    });
    parser.on("error", () => fail("malformed"));
    parser.on("close", () => {
      if (settled) return;
      settled = true;
      resolve(form);
    });
    source.pipe(parser);
  });
}
