import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { postChunked } from "./chunked-post";
import { e2eEnv } from "./e2e-env.mjs";
import { signIn } from "./helpers";

// Security behaviours checked through the real browser and the real server (issue 12).

test.describe("sessions end server-side", () => {
  test("a session cookie kept from before sign-out no longer works", async ({ page, browser }) => {
    await signIn(page);
    await expect(page).toHaveURL(/\/$/);
    const kept = await page.context().cookies();
    expect(kept.some((c) => c.name.includes("authjs.session-token"))).toBe(true);

    await page.getByText("Menu principal").click();
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);

    // an attacker (or a shared computer) replays the cookie captured before sign-out
    const replay = await browser.newContext({ baseURL: page.url() });
    await replay.addCookies(kept);
    const replayPage = await replay.newPage();
    await replayPage.goto("/identifications");
    await expect(replayPage).toHaveURL(/\/sign-in/);
    const me = await replay.request.get("/api/trpc/me.get");
    expect(me.status()).toBe(401);
    const session = await replay.request.get("/api/auth/session");
    expect(await session.json()).toBeNull();
    await replay.close();
  });
});

test.describe("state-changing requests and forwarded headers", () => {
  test("a tRPC mutation with a foreign Origin is refused, even signed in; the same from the site's own origin is not", async ({ page }) => {
    await signIn(page);
    await expect(page).toHaveURL(/\/$/);
    const body = { json: { id: "cnotacase0000000000000000" } };
    const foreign = await page.request.post("/api/trpc/identification.retry", { headers: { Origin: "https://evil.example", "Content-Type": "application/json" }, data: body });
    expect(foreign.status()).toBe(403);
    expect(await foreign.json()).toMatchObject({ code: "foreignOrigin" });
    const own = await page.request.post("/api/trpc/identification.retry", { headers: { Origin: new URL(page.url()).origin, "Content-Type": "application/json" }, data: body });
    expect(own.status()).not.toBe(403);
  });

  test("the upload route's origin check is not fooled by X-Forwarded-Host from an untrusted client", async ({ page }) => {
    await signIn(page);
    await expect(page).toHaveURL(/\/$/);
    const response = await page.request.post("/api/identifications", {
      headers: { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" },
      multipart: { photos: { name: "a.jpg", mimeType: "image/jpeg", buffer: Buffer.from([0xff, 0xd8, 0xff]) } },
    });
    expect(response.status()).toBe(403);
  });

  test("the audit log records the peer's address, not the X-Forwarded-For a client made up", async ({ page }) => {
    await signIn(page);
    await expect(page).toHaveURL(/\/$/);
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 90, g: 90, b: 90 } } }).jpeg().toBuffer();
    const response = await page.request.post("/api/identifications", {
      headers: { Origin: new URL(page.url()).origin, "X-Forwarded-For": "203.0.113.66" },
      multipart: { photos: { name: "a.jpg", mimeType: "image/jpeg", buffer: photo } },
    });
    expect(response.status()).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const ip = execFileSync("psql", [e2eEnv.DATABASE_URL, "-qtAc", `SELECT ip FROM "AuditLog" WHERE "resourceId" = '${id}' ORDER BY id LIMIT 1`], { encoding: "utf8" }).trim();
    expect(ip).toBe("127.0.0.1");
  });
});

test.describe("headers", () => {
  test("pages carry a nonce-based CSP with no third party, Next's scripts carry the nonce, and nothing is blocked", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto("/sign-in");
    const policy = response!.headers()["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(policy).toContain("script-src 'self' 'nonce-");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toMatch(/https?:\/\//);
    // every script the server wrote carries this response's nonce; chunks that Next's own scripts load
    // later are trusted through 'strict-dynamic' (and the console listener below sees anything blocked)
    const html = await response!.text();
    const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scriptTags.length).toBeGreaterThan(0);
    expect(scriptTags.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
    // a second response gets another nonce
    const again = await page.request.get("/sign-in");
    expect(again.headers()["content-security-policy"]).not.toContain(nonce!);

    // the app still runs under the policy: sign in, open the upload page (client components, tRPC)
    await signIn(page);
    await expect(page).toHaveURL(/\/$/);
    await page.goto("/identifications/new");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("tRPC answers are never cached; no HSTS over plain HTTP, whatever an untrusted client claims", async ({ page }) => {
    await signIn(page);
    await expect(page).toHaveURL(/\/$/);
    const me = await page.request.get("/api/trpc/me.get", { headers: { "X-Forwarded-Proto": "https" } });
    expect(me.status()).toBe(200);
    expect(me.headers()["cache-control"]).toBe("no-store");
    expect(me.headers()["strict-transport-security"]).toBeUndefined();
  });
});

test("the live-update subscription of a case the caller may not read is a 404, like every other read", async ({ page }) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/$/);
  const input = encodeURIComponent(JSON.stringify({ json: { id: "cnotacase0000000000000000" } }));
  const response = await page.request.get(`/api/trpc/identification.onUpdate?input=${input}`, { headers: { Accept: "text/event-stream" } });
  expect(response.status()).toBe(404);
});

/** The web server's process: the one listening on the e2e port. */
function serverPid(): number {
  const port = new URL(test.info().project.use.baseURL!).port;
  return Number(execFileSync("lsof", ["-t", "-sTCP:LISTEN", `-iTCP:${port}`], { encoding: "utf8" }).trim().split("\n")[0]);
}
function rssMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

test.describe("upload bodies", () => {
  test("a chunked 100 MB upload (no Content-Length) gets 413 and the web process's memory does not grow with it", async ({ page }) => {
    await signIn(page);
    await expect(page).toHaveURL(/\/$/);
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const base = new URL(page.url());
    const pid = serverPid();
    const before = rssMiB(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 25);

    const boundary = "----basegun-e2e";
    const started = Date.now();
    const { status, sent } = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      const req = http.request(
        { host: base.hostname, port: base.port, path: "/api/identifications", method: "POST", headers: { cookie, origin: base.origin, "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" } },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, sent });
          req.destroy();
        },
      );
      req.on("error", (error) => (sent > 0 ? resolve({ status: -1, sent }) : reject(error)));
      let sent = 0;
      const chunk = Buffer.alloc(1024 * 1024, 0x41);
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
      const pump = () => {
        while (sent < 100 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end(`\r\n--${boundary}--\r\n`);
      };
      pump();
    });
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    test.info().annotations.push({ type: "figure", description: `chunked 100 MB: ${status} after ${(sent / 1048576).toFixed(0)} MiB sent in ${seconds.toFixed(2)} s; web RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MiB (+${(peak - before).toFixed(0)})` });
    console.log(test.info().annotations.at(-1)!.description);
    expect(status).toBe(413);
    // the per-photo limit is 15 MiB: the process holds at most about that of a refused body, not 100 MB
    expect(peak - before).toBeLessThan(60);
  });

  test("a client that stops sending its body gets 408 within the configured time (REQUEST_TIMEOUT_MS)", async ({ page }) => {
    await signIn(page);
    await expect(page).toHaveURL(/\/$/);
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const base = new URL(page.url());
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(base.port), base.hostname, () => {
        // a signed-in upload whose body stops after its first bytes: the route is waiting to read it
        socket.write(
          `POST /api/identifications HTTP/1.1\r\nHost: ${base.host}\r\nOrigin: ${base.origin}\r\nCookie: ${cookie}\r\n` +
            `Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 100000\r\n\r\n--x\r\n`,
        );
      });
      let data = "";
      socket.on("data", (chunk) => (data += chunk.toString()));
      socket.on("close", () => resolve(data));
      socket.on("error", reject);
      socket.setTimeout(20_000, () => socket.destroy());
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(`slow client: "${answer.split("\r\n")[0]}" after ${seconds.toFixed(1)} s (REQUEST_TIMEOUT_MS=5000)`);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(seconds).toBeLessThan(8);
  });
});

test.describe("PostgreSQL unreachable", () => {
  // A second web server of the same build whose database is a closed port (the machine's PostgreSQL
  // is shared and never stopped); same secret, so a session cookie from the main server is valid there.
  let outage: ChildProcess | null = null;
  let outageBase = "";
  const closedPort = "postgresql://postgres@127.0.0.1:9/basegun";

  test.beforeAll(async () => {
    const port = Number(new URL(test.info().project.use.baseURL!).port) + 1;
    outageBase = `http://127.0.0.1:${port}`;
    const started = Date.now();
    outage = spawn("node", ["server.mjs"], { env: { ...process.env, ...e2eEnv, PORT: String(port), DATABASE_URL: closedPort }, stdio: "ignore" });
    for (;;) {
      const up = await fetch(`${outageBase}/api/health`).then((r) => r.ok, () => false);
      if (up) break;
      if (Date.now() - started > 60_000) throw new Error("outage server did not start");
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  test.afterAll(() => {
    outage?.kill("SIGTERM");
  });

  const leaksAddress = (text: string) => /127\.0\.0\.1|:9\b|ECONNREFUSED|5432/.test(text);

  test("the API answers 503 problem details with a stable code and Retry-After, naming no internal address", async () => {
    for (const [method, path] of [
      ["GET", "/api/v1/identifications/cnotacase0000000000000000"],
      ["POST", "/api/v1/identifications"],
    ] as const) {
      const response = await fetch(`${outageBase}${path}`, {
        method,
        headers: { authorization: "Bearer bgk_whatever", ...(method === "POST" ? { "content-type": "multipart/form-data; boundary=x" } : {}) },
        ...(method === "POST" ? { body: "--x--\r\n" } : {}),
      });
      const text = await response.text();
      expect(response.status, `${method} ${path}`).toBe(503);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(response.headers.get("retry-after")).toBe("5");
      expect(JSON.parse(text)).toMatchObject({ status: 503, code: "serviceUnavailable" });
      expect(leaksAddress(text), text).toBe(false);
    }
    const health = await fetch(`${outageBase}/api/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${outageBase}/api/ready`);
    expect(ready.status).toBe(503);
    const readiness = (await ready.json()) as { checks: { postgres: boolean; redis: boolean } };
    expect(readiness.checks).toMatchObject({ postgres: false, redis: true });
  });

  test("a signed-in user gets 503 from tRPC and the French 'service momentanément indisponible' page, not a sign-out", async ({ page }) => {
    await signIn(page);
    await expect(page).toHaveURL(/\/$/);
    const me = await page.request.get(`${outageBase}/api/trpc/me.get`);
    const text = await me.text();
    expect(me.status()).toBe(503);
    expect(me.headers()["retry-after"]).toBe("5");
    expect(leaksAddress(text), text).toBe(false);
    await page.goto(`${outageBase}/identifications`);
    await expect(page.getByRole("alert").filter({ hasText: "Service momentanément indisponible" })).toBeVisible();
    await expect(page).not.toHaveURL(/sign-in/);
  });

  test("the sign-in form says the service is unavailable, never 'wrong password', for the right password", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: outageBase, locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Adresse électronique").fill("officer@basegun.local");
    await page.getByLabel("Mot de passe").fill("officer-demo");
    await page.getByRole("button", { name: "Se connecter" }).click();
    const alert = page.getByRole("alert").filter({ hasText: /\S/ });
    await expect(alert).toContainText("Service momentanément indisponible");
    await expect(alert).not.toContainText("incorrect");
    await context.close();
  });
});

test("the main server is live, and ready exactly when a worker has its model loaded", async ({ request }) => {
  expect((await request.get("/api/health")).status()).toBe(200);
  const ready = await request.get("/api/ready");
  const body = (await ready.json()) as { ready: boolean; checks: { postgres: boolean; redis: boolean; model: boolean } };
  expect(body.checks.postgres).toBe(true);
  expect(body.checks.redis).toBe(true);
  expect(ready.status()).toBe(body.checks.model ? 200 : 503);
  expect(body.checks.model).toBe(process.env.E2E_WITH_WORKER === "1");
});

test("API keys in the app: an officer creates one (shown once), it works, they revoke it and it is refused at once; no accessibility violation", async ({ page }) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/api-keys");
  await expect(page.getByRole("heading", { level: 1, name: "Clés d'API" })).toBeVisible();
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);

  const label = `e2e ${Date.now()}`;
  await page.getByLabel("Nom de la clé").fill(label);
  await page.getByRole("button", { name: "Créer la clé" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^bgk_/);
  const status = (bearer: string) => page.request.get("/api/v1/identifications/cnotacase0000000000000000", { headers: { Authorization: `Bearer ${bearer}` } });
  expect((await status(key)).status()).toBe(404); // authenticated: the case simply does not exist

  const row = page.getByTestId("api-key-row").filter({ hasText: label });
  await row.getByRole("button", { name: "Révoquer" }).click();
  await row.getByRole("button", { name: `Confirmer la révocation de « ${label} »` }).click();
  await expect(row).toContainText("Révoquée le");
  expect((await status(key)).status()).toBe(401);
  const audit = execFileSync("psql", [e2eEnv.DATABASE_URL, "-qtAc", `SELECT string_agg(action, ',' ORDER BY id) FROM "AuditLog" WHERE "resourceType" = 'ApiKey' AND data->>'label' = '${label}'`], { encoding: "utf8" }).trim();
  expect(audit).toBe("apiKey.create,apiKey.revoke");
});

test.describe("chunked bodies to the other endpoints", () => {
  // The server answers 413 and closes while the client is still writing; closing at once let the TCP
  // reset reach the client before it had read the answer (-1 here: 1 run in 12 on a quiet machine, 1 in 5
  // on busy cores). server.mjs now closes lingeringly (server/lingering-close.mjs): 0 failures in 42 runs
  // (`--repeat-each 30` and 12). The retries stay as a safety net on loaded CI machines.
  test.describe.configure({ retries: 2 });
test("chunked bodies to tRPC and to the sign-in endpoint are cut off at their limits too (413), memory bounded", async ({ page }) => {
  await page.goto("/sign-in");
  const base = new URL(page.url());
  const pid = serverPid();
  const before = rssMiB(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 25);
  // The client sends 64 KiB at a time and lets its event loop run between writes, as a real client
  // reading its socket does: the server answers 413 at the limit and closes; a client that kept
  // blasting data after that answer could have it wiped by the TCP reset (seen under load).
  const post = (pathname: string, megabytes: number) =>
    postChunked({ host: base.hostname, port: base.port, path: pathname, headers: { origin: base.origin, "content-type": "application/json" } }, megabytes);
  expect(await post("/api/auth/callback/credentials", 20)).toBe(413);
  expect(await post("/api/trpc/apiKeys.create", 100)).toBe(413);
  clearInterval(sampler);
  console.log(`chunked 20 MB to sign-in and 100 MB to tRPC: 413; web RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MiB`);
  // tRPC bodies stop at 1 MiB (72 MiB only for an admin's model upload)
  expect(peak - before).toBeLessThan(60);
});
});

test("an admin's model upload may send a large tRPC body; any other tRPC call stops at 1 MiB", async ({ page }) => {
  await signIn(page, "admin@basegun.local", "admin-demo");
  await expect(page).not.toHaveURL(/sign-in/); // an admin lands on the review queue
  const origin = new URL(page.url()).origin;
  const big = { 0: { json: { manifest: "{}", onnxBase64: "A".repeat(5 * 1024 * 1024) } } };
  const upload = await page.request.post("/api/trpc/models.upload?batch=1", { headers: { Origin: origin, "Content-Type": "application/json" }, data: big });
  expect(upload.status()).not.toBe(413); // read whole, then judged by the procedure (this one is not a valid model)
  const other = await page.request.post("/api/trpc/apiKeys.create?batch=1", { headers: { Origin: origin, "Content-Type": "application/json" }, data: big });
  expect(other.status()).toBe(413);
});
