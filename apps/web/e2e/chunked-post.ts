import http from "node:http";

/**
 * POSTs `megabytes` with chunked transfer encoding, 64 KiB at a time, letting the event loop run between
 * writes as a real client reading its socket does, and stops writing once answered. Resolves the status,
 * or -1 when the connection was reset after the first bytes (the reset that can wipe an early answer).
 * Used by the e2e hardening spec and the lingering-close unit test.
 */
export function postChunked(target: { host: string; port: number | string; path: string; headers?: Record<string, string> }, megabytes: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request({ host: target.host, port: target.port, path: target.path, method: "POST", headers: { ...target.headers, "transfer-encoding": "chunked" } }, (res) => {
      answered = true;
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on("error", (error) => (sent > 0 ? resolve(-1) : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      if (answered) return;
      if (sent >= megabytes * 1024 * 1024) return void req.end();
      sent += chunk.length;
      if (req.write(chunk)) setImmediate(pump);
      else req.once("drain", () => setImmediate(pump));
    };
    pump();
  });
}
