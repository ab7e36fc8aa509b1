import { describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript module of the web server (server.mjs), without type declarations
import * as guard from "../server/request-guard.mjs";
// @ts-expect-error idem
import { loadServerConfig } from "../server/config.mjs";

interface Trusted {
  count: number;
}
const { allowedOrigins, establishClient, guardRequest, originAllowed, parseTrustedProxies } = guard as {
  allowedOrigins: (publicUrl: string | undefined, port: number) => Set<string>;
  establishClient: (peer: string | undefined, xff: string | undefined, trusted: Trusted) => { address: string | null; viaTrustedProxy: boolean };
  guardRequest: (
    req: { method: string; headers: Record<string, string | undefined>; socket: { remoteAddress?: string; encrypted?: boolean } },
    config: { trusted: Trusted; origins: Set<string> },
  ) => { allowed: boolean; https: boolean; clientAddress: string | null };
  originAllowed: (method: string, headers: Record<string, string | undefined>, origins: Set<string>) => boolean;
  parseTrustedProxies: (value: string | undefined) => Trusted;
};

describe("client address", () => {
  const none = parseTrustedProxies("");
  const proxies = parseTrustedProxies("10.0.0.0/8, 192.0.2.1, fd00::/8");

  it.each([
    ["no trusted proxy: the peer, whatever the client claims", "198.51.100.4", "203.0.113.66", none, "198.51.100.4", false],
    ["an untrusted peer's claim is ignored", "198.51.100.4", "203.0.113.66", proxies, "198.51.100.4", false],
    ["a trusted proxy: the address it appended", "10.1.2.3", "203.0.113.66", proxies, "203.0.113.66", true],
    ["a forged first entry behind a trusted proxy: the proxy's own entry wins", "10.1.2.3", "6.6.6.6, 203.0.113.66", proxies, "203.0.113.66", true],
    ["two trusted hops: the first untrusted from the right", "192.0.2.1", "203.0.113.66, 10.9.9.9", proxies, "203.0.113.66", true],
    ["IPv4-mapped IPv6 peers are read as IPv4", "::ffff:10.1.2.3", "203.0.113.66", proxies, "203.0.113.66", true],
    ["IPv6 proxies by range", "fd12::1", "2001:db8::5", proxies, "2001:db8::5", true],
    ["garbage in the header stops at the last trusted hop", "10.1.2.3", "not-an-ip", proxies, "10.1.2.3", true],
    ["a trusted proxy that sent no header: itself", "10.1.2.3", undefined, proxies, "10.1.2.3", true],
  ])("%s", (_what, peer, xff, trusted, address, via) => {
    expect(establishClient(peer, xff, trusted)).toEqual({ address, viaTrustedProxy: via });
  });

  it.each(["10.0.0.0/33", "not-an-ip", "10.0.0.0/8/1", "fd00::/129", "10.0.0.0/x"])("refuses TRUSTED_PROXIES entry %s", (entry) => {
    expect(() => parseTrustedProxies(entry)).toThrow(/TRUSTED_PROXIES/);
  });
});

describe("origin of state-changing requests", () => {
  const local = allowedOrigins(undefined, 3000);
  const deployed = allowedOrigins("https://basegun.interieur.gouv.fr/", 3000);

  it("defaults to this port on the loopback names, or the public URL's origin alone", () => {
    expect([...local].sort()).toEqual(["http://127.0.0.1:3000", "http://[::1]:3000", "http://localhost:3000"]);
    expect([...deployed]).toEqual(["https://basegun.interieur.gouv.fr"]);
  });

  it.each([
    ["GET from anywhere", "GET", { origin: "https://evil.example" }, true],
    ["POST from the public origin", "POST", { origin: "https://basegun.interieur.gouv.fr" }, true],
    ["POST from another site", "POST", { origin: "https://evil.example" }, false],
    ["POST from the public host over http", "POST", { origin: "http://basegun.interieur.gouv.fr" }, false],
    ["POST with Origin null (sandboxed frame)", "POST", { origin: "null" }, false],
    ["DELETE from another site", "DELETE", { origin: "https://evil.example" }, false],
    ["POST without Origin, cross-site by Sec-Fetch-Site", "POST", { "sec-fetch-site": "cross-site" }, false],
    ["POST without Origin from a non-browser client (API key)", "POST", {}, true],
  ])("%s", (_what, method, headers, allowed) => {
    expect(originAllowed(method, headers, deployed)).toBe(allowed);
  });
});

describe("guardRequest", () => {
  const config = { trusted: parseTrustedProxies("10.0.0.0/8"), origins: allowedOrigins(undefined, 3000) };

  it("rewrites X-Forwarded-For to the established address and drops an untrusted peer's X-Forwarded-Host/Proto", () => {
    const req = {
      method: "POST",
      headers: { origin: "http://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", "x-forwarded-for": "6.6.6.6" } as Record<string, string | undefined>,
      socket: { remoteAddress: "::ffff:127.0.0.1" },
    };
    expect(guardRequest(req, config)).toEqual({ allowed: false, https: false, clientAddress: "127.0.0.1" });
    expect(req.headers).toEqual({ origin: "http://evil.example", "x-forwarded-for": "127.0.0.1" });
  });

  it("keeps a trusted proxy's forwarding headers and says HTTPS when it does", () => {
    const req = {
      method: "POST",
      headers: { origin: "http://localhost:3000", "x-forwarded-host": "localhost:3000", "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.66" } as Record<string, string | undefined>,
      socket: { remoteAddress: "10.0.0.2" },
    };
    expect(guardRequest(req, config)).toEqual({ allowed: true, https: true, clientAddress: "203.0.113.66" });
    expect(req.headers["x-forwarded-host"]).toBe("localhost:3000");
  });
});

describe("loadServerConfig", () => {
  it("has local defaults and refuses bad values with the variable's name", () => {
    const config = loadServerConfig({}) as { PORT: number; REQUEST_TIMEOUT_MS: number; origins: Set<string>; publicHttps: boolean };
    expect(config.PORT).toBe(3000);
    expect(config.REQUEST_TIMEOUT_MS).toBe(30_000);
    expect(config.origins.has("http://localhost:3000")).toBe(true);
    expect(loadServerConfig({ PUBLIC_URL: "https://basegun.example" }).publicHttps).toBe(true);
    expect(() => loadServerConfig({ PUBLIC_URL: "not a url" })).toThrow(/PUBLIC_URL/);
    expect(() => loadServerConfig({ TRUSTED_PROXIES: "proxy.local" })).toThrow(/TRUSTED_PROXIES/);
    expect(() => loadServerConfig({ REQUEST_TIMEOUT_MS: "10" })).toThrow(/REQUEST_TIMEOUT_MS/);
  });
});
