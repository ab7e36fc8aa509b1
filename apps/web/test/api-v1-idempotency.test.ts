import { randomUUID } from "node:crypto";
import { generateApiKey, getDb } from "@basegun/db";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postIdentification } from "../src/app/api/v1/identifications/route.ts";
import { GET as getOpenApi } from "../src/app/api/v1/openapi.json/route.ts";

const db = getDb();
let officerKey: string;
let officerId: string;

const jpeg = (background = "#4a4a4a") => sharp({ create: { width: 300, height: 200, channels: 3, background } }).jpeg().toBuffer();

function upload(photos: Buffer[], headers: Record<string, string>, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const bytes of photos) form.append("photos", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }), "a.jpg");
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return postIdentification(new Request("http://localhost/api/v1/identifications", { method: "POST", body: form, headers: { authorization: `Bearer ${officerKey}`, ...headers } }));
}

const casesWithKey = (key: string) => db.case.count({ where: { ownerId: officerId, idempotencyKey: key } });

beforeAll(async () => {
  const user = await db.user.create({ data: { email: `api-idem-${Date.now()}-${Math.random().toString(36).slice(2)}@test.local`, name: "API idem", role: "officer", unit: "Idem" } });
  officerId = user.id;
  const { key, prefix, hash } = generateApiKey();
  await db.apiKey.create({ data: { userId: user.id, label: "test", prefix, hash } });
  officerKey = key;
});
afterAll(async () => {
  await db.$disconnect();
});

describe("POST /api/v1/identifications with Idempotency-Key", () => {
  it("a retried send returns the same case (202, Idempotent-Replayed) and the database holds one", async () => {
    const key = randomUUID();
    const photo = await jpeg();
    const first = await upload([photo], { "idempotency-key": key }, { procedureNumber: "PV-9" });
    expect(first.status).toBe(202);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const firstBody = (await first.json()) as { id: string };

    const retry = await upload([photo], { "idempotency-key": key }, { procedureNumber: "PV-9" });
    expect(retry.status).toBe(202);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(((await retry.json()) as { id: string }).id).toBe(firstBody.id);
    expect(await casesWithKey(key)).toBe(1);
  });

  it("two concurrent sends with one key create one case; both answers name it", async () => {
    const key = randomUUID();
    const photo = await jpeg("#224466");
    const answers = await Promise.all([upload([photo], { "idempotency-key": key }), upload([photo], { "idempotency-key": key })]);
    const ids = await Promise.all(answers.map(async (res) => ((await res.json()) as { id: string }).id));
    expect(answers.map((res) => res.status)).toEqual([202, 202]);
    expect(ids[0]).toBe(ids[1]);
    expect(await casesWithKey(key)).toBe(1);
    expect(await db.photo.count({ where: { caseId: ids[0] } })).toBe(1);
  });

  it("the same key with other photos: 422 problem details naming the first case, nothing created", async () => {
    const key = randomUUID();
    const first = (await (await upload([await jpeg("#663300")], { "idempotency-key": key })).json()) as { id: string };
    const res = await upload([await jpeg("#006633")], { "idempotency-key": key });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ status: 422, title: "Unprocessable Content", code: "idempotencyKeyReused", details: { caseId: first.id } });
    expect(await casesWithKey(key)).toBe(1);
  });

  it("a malformed key is a 400 problem, and nothing is stored", async () => {
    const before = await db.case.count({ where: { ownerId: officerId } });
    const res = await upload([await jpeg()], { "idempotency-key": "bad key" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "idempotencyKeyInvalid" });
    expect(await db.case.count({ where: { ownerId: officerId } })).toBe(before);
  });

  it("the OpenAPI document describes the header and the 422", async () => {
    const doc = (await getOpenApi().json()) as { paths: Record<string, { post?: { parameters: Array<{ name: string }>; responses: Record<string, unknown> } }> };
    const post = doc.paths["/api/v1/identifications"]!.post!;
    expect(post.parameters.map((p) => p.name)).toContain("Idempotency-Key");
    expect(post.responses["422"]).toBeDefined();
  });
});
