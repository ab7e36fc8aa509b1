import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
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
    const scripts = await page.locator("script").evaluateAll((nodes) => nodes.map((node) => (node as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((value) => value === nonce)).toBe(true);
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
