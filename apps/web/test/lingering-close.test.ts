import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postChunked } from "../e2e/chunked-post";
import { lingerOnEarlyClose } from "../server/lingering-close.mjs";

/** A server that reads a body up to 1 MiB and then refuses it (413, Connection: close), as the body limits do. */
function refusingServer(linger: boolean): Server {
  return createServer((req, res) => {
    if (linger) lingerOnEarlyClose(req);
    let received = 0;
    req.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received <= 1024 * 1024 || res.headersSent) return;
      req.pause();
      res.writeHead(413, { connection: "close", "content-type": "text/plain" });
      res.end("too large");
    });
  });
}

const post = (port: number, megabytes: number) => postChunked({ host: "127.0.0.1", port, path: "/" }, megabytes);

// The reset itself does not reproduce on loopback in a unit test (the e2e hardening spec shows it under
// load); this checks that the lingering close keeps the answer readable and closes the connection.
describe("lingering close after an early answer", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = refusingServer(true);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("the client always reads the 413, never a reset, while it keeps sending", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push(await post(port, 8));
    expect(statuses.filter((status) => status !== 413)).toEqual([]);
  });

  it("keeps no connection open beyond the lingering window", async () => {
    expect(await post(port, 8)).toBe(413);
    const connections = () => new Promise<number>((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
    const started = performance.now();
    while ((await connections()) > 0 && performance.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 50));
    console.info(`connections closed after ${(performance.now() - started).toFixed(0)} ms`);
    expect(await connections()).toBe(0);
  });
});
