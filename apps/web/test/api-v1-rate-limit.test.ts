import { generateApiKey, getDb, hashApiKey } from "@basegun/db";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postIdentification } from "../src/app/api/v1/identifications/route.ts";
import { uploadErrorResponse } from "../src/server/upload-request.ts";

// Its own file: the limit comes from the environment when the process's service deps are first made,
// so it is set here before any request (each test file runs in a fresh worker).
const db = getDb();

async function keyForNewUser() {
  const user = await db.user.create({ data: { email: `limit-${Date.now()}-${Math.random().toString(36).slice(2)}@test.local`, name: "Limit", role: "officer" } });
  const { key, prefix, hash } = generateApiKey();
  await db.apiKey.create({ data: { userId: user.id, label: "test", prefix, hash } });
  return key;
}

async function upload(key: string) {
  const form = new FormData();
  const bytes = await sharp({ create: { width: 200, height: 150, channels: 3, background: "#606060" } }).jpeg().toBuffer();
  form.append("photos", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }), "a.jpg");
  return postIdentification(new Request("http://localhost/api/v1/identifications", { method: "POST", body: form, headers: { authorization: `Bearer ${key}` } }));
}

beforeAll(() => {
  process.env.API_UPLOAD_RATE_LIMIT_PER_MINUTE = "2";
});
afterAll(async () => {
  await db.$disconnect();
});

describe("upload rate limit", () => {
  it("answers 429 problem details with Retry-After past the API key's limit, and nothing is created", async () => {
    const key = await keyForNewUser();
    expect((await upload(key)).status).toBe(202);
    expect((await upload(key)).status).toBe(202);
    const refused = await upload(key);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await refused.json()) as { status: number; code: string; details: { retryAfterSeconds: number; limitPerMinute: number } };
    expect(body).toMatchObject({ status: 429, code: "rateLimited", details: { retryAfterSeconds: retryAfter, limitPerMinute: 2 } });
    const owner = await db.apiKey.findUniqueOrThrow({ where: { hash: hashApiKey(key) } });
    expect(await db.case.count({ where: { ownerId: owner.userId } })).toBe(2);
  });

  it("counts each user apart", async () => {
    const [first, second] = [await keyForNewUser(), await keyForNewUser()];
    for (let i = 0; i < 2; i++) expect((await upload(first)).status).toBe(202);
    expect((await upload(first)).status).toBe(429);
    expect((await upload(second)).status).toBe(202);
  });

  it("tells the officer in French (English on request) with Retry-After", async () => {
    const fr = uploadErrorResponse(429, "TOO_MANY_REQUESTS", "rateLimited", "fr", { "retry-after": "42" });
    expect(fr.headers.get("retry-after")).toBe("42");
    expect(((await fr.json()) as { error: { message: string } }).error.message).toMatch(/^Trop d'envois/);
    const en = uploadErrorResponse(429, "TOO_MANY_REQUESTS", "rateLimited", "en");
    expect(((await en.json()) as { error: { message: string } }).error.message).toMatch(/^Too many uploads/);
  });
});
