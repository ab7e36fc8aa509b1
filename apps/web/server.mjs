#!/usr/bin/env node
// The web app's HTTP server: Next.js behind a few checks that must run on every request, before any
// route (server/request-guard.mjs), and with bounded request times. `node server.mjs [--dev]`.
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { loadServerConfig } from "./server/config.mjs";
import { lingerOnEarlyClose } from "./server/lingering-close.mjs";
import { guardRequest } from "./server/request-guard.mjs";

const dev = process.argv.includes("--dev");
const dir = path.dirname(fileURLToPath(import.meta.url));
process.env.NEXT_TELEMETRY_DISABLED = "1";

let config;
try {
  config = loadServerConfig(process.env);
} catch (error) {
  console.error(`web: ${error.message}`);
  process.exit(2);
}

const HSTS = "max-age=31536000; includeSubDomains";
const refusal = JSON.stringify({
  type: "about:blank",
  title: "Forbidden",
  status: 403,
  code: "foreignOrigin",
  detail: "state-changing requests must come from this site's own pages",
});

// Turbopack in development, as `next dev` uses by default
const app = next({ dev, dir, port: config.PORT, hostname: "localhost", ...(dev ? { turbopack: true } : {}) });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer(
  {
    // a client that sends its request (headers and body) too slowly gets 408 and its connection closed;
    // the limits are checked every second instead of Node's default 30 s
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    headersTimeout: Math.min(config.REQUEST_TIMEOUT_MS, 20_000),
    connectionsCheckingInterval: 1000,
  },
  (req, res) => {
    // a refused body (413, 403) is drained for a moment after the answer, never reset under the client
    lingerOnEarlyClose(req);
    const verdict = guardRequest(req, config);
    if (verdict.https || config.publicHttps) res.setHeader("strict-transport-security", HSTS);
    if (!verdict.allowed) {
      res.writeHead(403, { "content-type": "application/problem+json", "cache-control": "no-store", connection: "close" });
      res.end(refusal);
      return;
    }
    void handle(req, res);
  },
);
if (dev) server.on("upgrade", (req, socket, head) => void app.getUpgradeHandler()(req, socket, head));

server.listen(config.PORT, () => {
  console.log(`web: listening on port ${config.PORT}${dev ? " (dev)" : ""}`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
