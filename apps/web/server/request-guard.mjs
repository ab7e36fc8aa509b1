// What the web server checks and rewrites on every request before Next.js sees it (issue 12):
// - the client's address: the socket's peer, or, only when that peer is a configured proxy
//   (TRUSTED_PROXIES), the nearest address those proxies vouch for in X-Forwarded-For; the request then
//   carries exactly that address in X-Forwarded-For, and X-Forwarded-Host/Proto only when a trusted
//   proxy sent them (the app, Auth.js and the audit log never see a client's own claims);
// - state-changing requests (anything but GET, HEAD, OPTIONS) from a browser must come from the
//   configured public origin: tRPC mutations, uploads, server actions and sign-in alike.
// Plain JavaScript: server.mjs runs under node without a build step.
import { BlockList, isIP } from "node:net";

/** `::ffff:192.0.2.1` (an IPv4 peer on a dual-stack socket) → `192.0.2.1`. */
export function normalizeAddress(address) {
  if (!address) return null;
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1] : trimmed;
}

/**
 * TRUSTED_PROXIES: comma-separated addresses or CIDR ranges (IPv4 or IPv6), e.g.
 * `10.0.0.0/8, 127.0.0.1`. Empty: no proxy is trusted, forwarding headers are ignored.
 * Throws with the offending entry for anything else.
 */
export function parseTrustedProxies(value) {
  const list = new BlockList();
  const entries = (value ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split("/");
    const family = isIP(address ?? "");
    if (!family || extra !== undefined) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an address or a CIDR range`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) {
      list.addAddress(address, type);
    } else {
      const bits = Number(prefix);
      if (!/^\d+$/.test(prefix) || bits > (family === 6 ? 128 : 32)) throw new Error(`TRUSTED_PROXIES: "${entry}" has a bad prefix length`);
      list.addSubnet(address, bits, type);
    }
  }
  return { list, count: entries.length };
}

export function isTrusted(trusted, address) {
  if (!address || trusted.count === 0) return false;
  const family = isIP(address);
  if (!family) return false;
  return trusted.list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: the peer itself unless it is a trusted proxy; then X-Forwarded-For is read
 * from the right (the entries the trusted proxies appended) and the first address not trusted is the
 * client. A malformed entry stops the walk at the last trusted hop.
 */
export function establishClient(peerAddress, forwardedFor, trusted) {
  const peer = normalizeAddress(peerAddress);
  if (!isTrusted(trusted, peer)) return { address: peer, viaTrustedProxy: false };
  const hops = (forwardedFor ?? "").split(",").map(normalizeAddress).filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (!isIP(hop)) break;
    client = hop;
    if (!isTrusted(trusted, hop)) break;
  }
  return { address: client, viaTrustedProxy: true };
}

/**
 * The origins a browser may post from: PUBLIC_URL's, or, when it is not set (local use), this port on
 * localhost, 127.0.0.1 and [::1].
 */
export function allowedOrigins(publicUrl, port) {
  if (publicUrl) return new Set([new URL(publicUrl).origin]);
  return new Set(["localhost", "127.0.0.1", "[::1]"].map((host) => `http://${host}:${port}`));
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a request may change state. A browser sends Origin on every cross-origin request and on
 * same-origin POSTs, and Sec-Fetch-Site on all of them; a request with neither is not a browser's
 * (curl, another police system with its API key), which no other site can make on a user's behalf.
 */
export function originAllowed(method, headers, origins) {
  if (SAFE_METHODS.has((method ?? "GET").toUpperCase())) return true;
  const origin = headers.origin;
  if (typeof origin === "string" && origin !== "") return origins.has(origin);
  return headers["sec-fetch-site"] !== "cross-site";
}

/**
 * Rewrites the forwarding headers of a Node request in place (see the file's header) and says whether
 * it may go on. `config`: { trusted, origins }.
 */
export function guardRequest(req, config) {
  const headers = req.headers;
  const { address, viaTrustedProxy } = establishClient(req.socket?.remoteAddress, headers["x-forwarded-for"], config.trusted);
  if (address) headers["x-forwarded-for"] = address;
  else delete headers["x-forwarded-for"];
  if (!viaTrustedProxy) {
    delete headers["x-forwarded-host"];
    delete headers["x-forwarded-proto"];
    delete headers["x-forwarded-port"];
    delete headers["forwarded"];
    delete headers["x-real-ip"];
  }
  const https = viaTrustedProxy ? headers["x-forwarded-proto"] === "https" : Boolean(req.socket?.encrypted);
  return { allowed: originAllowed(req.method, headers, config.origins), https, clientAddress: address };
}
