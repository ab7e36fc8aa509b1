/**
 * Reads a request body while it streams in and stops at `maxBytes`, whatever Content-Length says (or
 * its absence): a refused body never sits in memory beyond the limit. Returns the request rebuilt on
 * the bytes read (for handlers that read the body themselves: tRPC, Auth.js), or null when too large.
 */
export async function withinBodyLimit(request: Request, maxBytes: number): Promise<Request | null> {
  if (!request.body || request.method === "GET" || request.method === "HEAD") return request;
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return null;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal });
}

export const tooLarge = (maxBytes: number) =>
  Response.json({ error: { code: "PAYLOAD_TOO_LARGE", message: `request body larger than ${maxBytes} bytes` } }, { status: 413, headers: { "cache-control": "no-store", connection: "close" } });
