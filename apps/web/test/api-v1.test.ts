import { generateApiKey, getDb, hashApiKey } from "@basegun/db";
import { announceCaseUpdate, createRedis } from "@basegun/queue";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getIdentificationRoute, PATCH as patchIdentificationRoute } from "../src/app/api/v1/identifications/[id]/route.ts";
import { POST as postIdentification } from "../src/app/api/v1/identifications/route.ts";
import { GET as getOpenApi } from "../src/app/api/v1/openapi.json/route.ts";

const db = getDb();
let officerKey: string;
let otherKey: string;
let revokedKey: string;

async function keyFor(role: "officer" | "expert", revoked = false) {
  const user = await db.user.create({
    data: { email: `api-${role}-${Date.now()}-${Math.random().toString(36).slice(2)}@test.local`, name: "API test", role, unit: `API ${Math.random()}` },
  });
  const { key, prefix, hash } = generateApiKey();
  await db.apiKey.create({ data: { userId: user.id, label: "test", prefix, hash, revokedAt: revoked ? new Date() : null } });
  return key;
}

const jpeg = () => sharp({ create: { width: 300, height: 200, channels: 3, background: "#4a4a4a" } }).jpeg().toBuffer();

function upload(key: string | null, files: Array<{ bytes: Buffer; name: string; type: string }>, fields: Record<string, string> = {}, extraHeaders: Record<string, string> = {}) {
  const form = new FormData();
  for (const f of files) form.append("photos", new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return postIdentification(
    new Request("http://localhost/api/v1/identifications", { method: "POST", body: form, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...extraHeaders } }),
  );
}

const getById = (key: string | null, id: string, extraHeaders: Record<string, string> = {}) =>
  getIdentificationRoute(new Request(`http://localhost/api/v1/identifications/${id}`, { headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...extraHeaders } }), {
    params: Promise.resolve({ id }),
  });

beforeAll(async () => {
  officerKey = await keyFor("officer");
  otherKey = await keyFor("officer");
  revokedKey = await keyFor("officer", true);
});
afterAll(async () => {
  await db.$disconnect();
});

describe("POST /api/v1/identifications", () => {
  it("accepts photos with 202, id, status and statusUrl; the status endpoint answers for the owner only", async () => {
    const res = await upload(officerKey, [{ bytes: await jpeg(), name: "a.jpg", type: "image/jpeg" }], { procedureNumber: "PV-1" });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { id: string; status: string; statusUrl: string };
    expect(body.status).toBe("pending");
    expect(body.statusUrl).toBe(`/api/v1/identifications/${body.id}`);

    const status = await getById(officerKey, body.id);
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ id: body.id, status: "pending", result: null });

    const stranger = await getById(otherKey, body.id);
    expect(stranger.status).toBe(404);
    expect(stranger.headers.get("content-type")).toBe("application/problem+json");
  });

  it.each([
    ["no key", null, 401],
    ["an unknown key", "bgk_not-a-real-key", 401],
    ["a revoked key", "REVOKED", 401],
  ])("refuses %s with 401 problem details", async (_label, key, status) => {
    const res = await upload(key === "REVOKED" ? revokedKey : key, [{ bytes: await jpeg(), name: "a.jpg", type: "image/jpeg" }]);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { status: number }).status).toBe(status);
  });

  it("answers a done case with its result, a failed one with its reason, a pending one without a result", async () => {
    const accepted = async () => ((await (await upload(officerKey, [{ bytes: await jpeg(), name: "a.jpg", type: "image/jpeg" }])).json()) as { id: string }).id;
    const [doneId, failedId, pendingId] = [await accepted(), await accepted(), await accepted()];
    await db.modelVersion.createMany({ data: [{ version: "api-v1-test", artifactPath: "api-v1-test", artifactSha256: "0".repeat(64), manifest: {} }], skipDuplicates: true });
    const model = await db.modelVersion.findUniqueOrThrow({ where: { version: "api-v1-test" } });
    await db.prediction.create({
      data: {
        caseId: doneId, modelVersionId: model.id, rulesVersion: "fr-test", status: "identified",
        rawProbabilities: { revolver: 0.97, autre_pistolet: 0.03 }, probabilities: { revolver: 0.97, autre_pistolet: 0.03 },
        familyProbabilities: { handgun: 1 }, topTypology: "revolver", typology: "revolver", family: "handgun", confidence: 0.97, tier: "high",
        noFirearmScore: 0.01, executionProvider: "cpu", latencyMs: 12, timings: {},
      },
    });
    await db.case.update({ where: { id: doneId }, data: { status: "done", completedAt: new Date() } });
    await db.case.update({ where: { id: failedId }, data: { status: "failed", failureReason: "photo unreadable" } });

    const done = (await (await getById(officerKey, doneId)).json()) as { status: string; result: { typology: { key: string }; tier: string; modelVersion: string; category: { letters: string[] } | null } };
    expect(done).toMatchObject({ status: "done", result: { typology: { key: "revolver" }, tier: "high", modelVersion: "api-v1-test" } });
    expect(done.result.category?.letters.length).toBeGreaterThan(0);
    expect(await (await getById(officerKey, failedId)).json()).toMatchObject({ id: failedId, status: "failed", failureReason: "photo unreadable", result: null });
    expect(await (await getById(officerKey, pendingId)).json()).toMatchObject({ id: pendingId, status: "pending", failureReason: null, result: null });
    // the same answers through a wait
    expect(await (await getById(officerKey, doneId, { prefer: "wait=5" })).json()).toEqual(done);
  });

  it("refuses bad input with a clear 4xx, never a 500", async () => {
    const cases: Array<[string, Promise<Response>, number, string]> = [
      ["no file", upload(officerKey, []), 400, "photoMissing"],
      ["a PDF named .jpg", upload(officerKey, [{ bytes: Buffer.from("%PDF-1.7 ..."), name: "x.jpg", type: "image/jpeg" }]), 415, "photoUnsupportedType"],
      ["an empty file", upload(officerKey, [{ bytes: Buffer.alloc(0), name: "x.jpg", type: "image/jpeg" }]), 400, "photoEmpty"],
      ["a truncated JPEG", jpeg().then((b) => upload(officerKey, [{ bytes: b.subarray(0, 120), name: "x.jpg", type: "image/jpeg" }])), 400, "photoCorrupt"],
      ["a bad urgency", jpeg().then((b) => upload(officerKey, [{ bytes: b, name: "x.jpg", type: "image/jpeg" }], { urgency: "yesterday" })), 400, "invalidField"],
      ["too many photos", jpeg().then((b) => upload(officerKey, Array.from({ length: 9 }, () => ({ bytes: b, name: "x.jpg", type: "image/jpeg" })))), 400, "tooManyPhotos"],
    ];
    for (const [label, pending, status, code] of cases) {
      const res = await pending;
      expect({ label, status: res.status }).toEqual({ label, status });
      expect(((await res.json()) as { code: string }).code).toBe(code);
    }
    const notMultipart = await postIdentification(
      new Request("http://localhost/api/v1/identifications", { method: "POST", body: "{}", headers: { authorization: `Bearer ${officerKey}`, "content-type": "application/json" } }),
    );
    expect(notMultipart.status).toBe(415);
  });

  it("answers 404 for unknown or malformed ids", async () => {
    expect((await getById(officerKey, "cunknown00000000000000000")).status).toBe(404);
    expect((await getById(officerKey, "../../etc/passwd")).status).toBe(404);
    expect((await getById(null, "cunknown00000000000000000")).status).toBe(401);
  });
});

describe("GET /api/v1/identifications/{id} with Prefer: wait", () => {
  let publisher: ReturnType<typeof createRedis>;
  beforeAll(() => {
    publisher = createRedis(process.env.REDIS_URL!, "worker");
  });
  afterAll(() => publisher.disconnect());

  async function pendingCase(): Promise<string> {
    const res = await upload(officerKey, [{ bytes: await jpeg(), name: "a.jpg", type: "image/jpeg" }]);
    return ((await res.json()) as { id: string }).id;
  }
  /** what the worker does at the end of a job, without a worker: the row changes, then the announcement */
  async function finish(id: string, announce: boolean) {
    await db.case.update({ where: { id }, data: { status: "failed", failureReason: "test" } });
    if (announce) await announceCaseUpdate(publisher, id);
  }
  const timed = async (pending: Promise<Response>) => {
    const started = Date.now();
    const res = await pending;
    return { res, ms: Date.now() - started, body: (await res.json()) as { status: string } };
  };

  it("answers as soon as the worker announces the final status, not at the end of the wait", async () => {
    const id = await pendingCase();
    setTimeout(() => void finish(id, true), 300);
    const { res, ms, body } = await timed(getById(officerKey, id, { prefer: "wait=20" }));
    expect(res.status).toBe(200);
    expect(body.status).toBe("failed");
    expect(res.headers.get("preference-applied")).toBe("wait=20");
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(10_000);
  });

  it("keeps waiting through the processing step, and answers at the final one", async () => {
    const id = await pendingCase();
    setTimeout(() => {
      void db.case.update({ where: { id }, data: { status: "processing" } }).then(() => announceCaseUpdate(publisher, id, "processing"));
    }, 150);
    setTimeout(() => {
      void db.case.update({ where: { id }, data: { status: "failed", failureReason: "test" } }).then(() => announceCaseUpdate(publisher, id, "failed"));
    }, 700);
    const { ms, body } = await timed(getById(officerKey, id, { prefer: "wait=20" }));
    expect(body.status).toBe("failed");
    expect(ms).toBeGreaterThanOrEqual(650);
    expect(ms).toBeLessThan(10_000);
  });

  it("still answers when the announcement is lost (status change without a message)", async () => {
    const id = await pendingCase();
    setTimeout(() => void finish(id, false), 200);
    const { body, ms } = await timed(getById(officerKey, id, { prefer: "respond-async, wait=20" }));
    expect(body.status).toBe("failed");
    expect(ms).toBeLessThan(10_000);
  });

  it("answers the current status when the wait is over", async () => {
    const id = await pendingCase();
    const { res, ms, body } = await timed(getById(officerKey, id, { prefer: "wait=1" }));
    expect(body.status).toBe("pending");
    expect(res.headers.get("preference-applied")).toBe("wait=1");
    expect(ms).toBeGreaterThanOrEqual(900);
  });

  it("answers a final case at once, and never waits on a case the caller may not see", async () => {
    const id = await pendingCase();
    await finish(id, false);
    expect((await timed(getById(officerKey, id, { prefer: "wait=20" }))).ms).toBeLessThan(2000);
    const other = await pendingCase();
    const stranger = await timed(getById(otherKey, other, { prefer: "wait=20" }));
    expect(stranger.res.status).toBe(404);
    expect(stranger.ms).toBeLessThan(2000);
    expect((await getById(officerKey, "cunknown00000000000000000", { prefer: "wait=20" })).status).toBe(404);
  });

  it("ignores a malformed preference and answers at once", async () => {
    const id = await pendingCase();
    const { res, ms, body } = await timed(getById(officerKey, id, { prefer: "wait=soon" }));
    expect(body.status).toBe("pending");
    expect(res.headers.get("preference-applied")).toBeNull();
    expect(ms).toBeLessThan(2000);
  });
});

describe("POST /api/v1/identifications with Prefer: wait", () => {
  let publisher: ReturnType<typeof createRedis>;
  let waiterKey: string;
  let waiterId: string;
  beforeAll(async () => {
    publisher = createRedis(process.env.REDIS_URL!, "worker");
    waiterKey = await keyFor("officer");
    waiterId = (await db.apiKey.findUniqueOrThrow({ where: { hash: hashApiKey(waiterKey) } })).userId;
  });
  afterAll(() => publisher.disconnect());

  /** what the worker does, without a worker: finds the case the request has just created, then ends it */
  async function finishNextCase(after: Date) {
    for (;;) {
      const created = await db.case.findFirst({ where: { ownerId: waiterId, createdAt: { gte: after } } });
      if (created) {
        await db.case.update({ where: { id: created.id }, data: { status: "failed", failureReason: "test" } });
        await announceCaseUpdate(publisher, created.id, "failed");
        return created.id;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const photo = async () => [{ bytes: await jpeg(), name: "a.jpg", type: "image/jpeg" }];

  it("answers 201 with the finished identification as soon as it is final, Location and Preference-Applied set", async () => {
    const after = new Date(Date.now() - 1000);
    const [res, finishedId] = await Promise.all([upload(waiterKey, await photo(), {}, { prefer: "wait=20" }), finishNextCase(after)]);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; status: string; failureReason: string | null; result: unknown };
    expect(body).toMatchObject({ id: finishedId, status: "failed", failureReason: "test", result: null });
    expect(res.headers.get("location")).toBe(`/api/v1/identifications/${finishedId}`);
    expect(res.headers.get("preference-applied")).toBe("wait=20");
    // the same identification as the status URL gives
    expect(await (await getById(waiterKey, finishedId)).json()).toEqual(body);
  });

  it("answers 202 with the status URL when the wait is over first; the case stays pending, not lost", async () => {
    const started = Date.now();
    const res = await upload(officerKey, await photo(), {}, { prefer: "wait=1" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(res.status).toBe(202);
    expect(res.headers.get("preference-applied")).toBe("wait=1");
    const body = (await res.json()) as { id: string; status: string; statusUrl: string };
    expect(body).toMatchObject({ status: "pending", statusUrl: `/api/v1/identifications/${body.id}` });
    expect((await db.case.findUniqueOrThrow({ where: { id: body.id } })).status).toBe("pending");
  });

  it("answers 202 at once without the preference or with a malformed one", async () => {
    for (const prefer of [undefined, "wait=soon"]) {
      const started = Date.now();
      const res = await upload(officerKey, await photo(), {}, prefer ? { prefer } : {});
      expect(res.status).toBe(202);
      expect(res.headers.get("preference-applied")).toBeNull();
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("documents both operations with their schemas", async () => {
    const doc = (await getOpenApi().json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths["/api/v1/identifications"]!)).toEqual(["post"]);
    expect(Object.keys(doc.paths["/api/v1/identifications/{id}"]!)).toEqual(["get", "patch"]);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["Identification", "IdentificationAccepted", "IdentificationResult", "Category", "Problem", "OfficerChoiceRequest", "OfficerChoice", "KeyAnswer"]),
    );
    const patch = doc.paths["/api/v1/identifications/{id}"]!.patch as { requestBody: { content: Record<string, { schema: { $ref: string } }> }; responses: Record<string, unknown> };
    expect(patch.requestBody.content["application/json"]!.schema.$ref).toBe("#/components/schemas/OfficerChoiceRequest");
    expect(Object.keys(patch.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "404", "415"]));
    const post = doc.paths["/api/v1/identifications"]!.post as { responses: Record<string, unknown>; parameters: Array<{ name: string }> };
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["201", "202"]));
    expect(post.parameters.map((p) => p.name)).toContain("Prefer");
  });
});

const patchChoice = (key: string | null, id: string, body: unknown, contentType = "application/json") =>
  patchIdentificationRoute(
    new Request(`http://localhost/api/v1/identifications/${id}`, {
      method: "PATCH",
      body: typeof body === "string" ? body : JSON.stringify(body),
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), "content-type": contentType },
    }),
    { params: Promise.resolve({ id }) },
  );

describe("PATCH /api/v1/identifications/{id} (the officer's own identification)", () => {
  async function lowTierCase() {
    const id = ((await (await upload(officerKey, [{ bytes: await jpeg(), name: "a.jpg", type: "image/jpeg" }])).json()) as { id: string }).id;
    await db.modelVersion.createMany({ data: [{ version: "api-v1-test", artifactPath: "api-v1-test", artifactSha256: "0".repeat(64), manifest: {} }], skipDuplicates: true });
    const model = await db.modelVersion.findUniqueOrThrow({ where: { version: "api-v1-test" } });
    await db.prediction.create({
      data: {
        caseId: id, modelVersionId: model.id, rulesVersion: "fr-test", status: "not_determined",
        rawProbabilities: { revolver: 0.6 }, probabilities: { revolver: 0.6, pistolet_semi_auto_moderne: 0.3 }, familyProbabilities: { handgun: 0.95, long_gun: 0.05 },
        topTypology: "revolver", typology: null, family: "handgun", confidence: 0.6, tier: "low", noFirearmScore: 0.01,
        executionProvider: "cpu", latencyMs: 10, timings: {},
      },
    });
    await db.case.update({ where: { id }, data: { status: "done", completedAt: new Date() } });
    return id;
  }

  it("stores the key's answers: the typology marked as the officer's, its category, a review for the experts; GET shows it", async () => {
    const id = await lowTierCase();
    const res = await patchChoice(officerKey, id, { keyAnswers: [{ question: "family", option: "handgun" }, { question: "handgun_mechanism", option: "slide" }] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { typology: unknown; category: unknown }; officerChoice: { source: string; typology: { key: string }; family: string; category: { letters: string[] } } };
    expect(body.result.typology).toBeNull();
    expect(body.result.category).toBeNull();
    expect(body.officerChoice).toMatchObject({ source: "officer", typology: { key: "pistolet_semi_auto_moderne" }, family: "handgun", category: { letters: ["B"] } });
    const review = await db.review.findFirstOrThrow({ where: { caseId: id } });
    expect(review.reason).toBe("officer_identified");
    const again = (await (await getById(officerKey, id)).json()) as { officerChoice: { typology: { key: string } } };
    expect(again.officerChoice.typology.key).toBe("pistolet_semi_auto_moderne");
  });

  it("refuses anything outside the catalogue or the key with a 4xx problem, and stores nothing", async () => {
    const id = await lowTierCase();
    const cases: Array<[string, Promise<Response>, number, string]> = [
      ["an unknown typology", patchChoice(officerKey, id, { typology: "bazooka" }), 400, "officerChoiceUnknownTypology"],
      ["an unknown option", patchChoice(officerKey, id, { keyAnswers: [{ question: "family", option: "cannon" }] }), 400, "officerChoiceInvalidKey"],
      ["an unfinished key", patchChoice(officerKey, id, { keyAnswers: [{ question: "family", option: "handgun" }] }), 400, "officerChoiceKeyUnfinished"],
      ["a contradiction", patchChoice(officerKey, id, { typology: "revolver", keyAnswers: [{ question: "family", option: "handgun" }, { question: "handgun_mechanism", option: "slide" }] }), 400, "officerChoiceKeyConflict"],
      ["nothing", patchChoice(officerKey, id, {}), 400, "officerChoiceEmpty"],
      ["an unknown field", patchChoice(officerKey, id, { typology: "revolver", model: "sure" }), 400, "invalidField"],
      ["a malformed answer", patchChoice(officerKey, id, { keyAnswers: [{ question: "family" }] }), 400, "invalidField"],
      ["broken JSON", patchChoice(officerKey, id, "{not json"), 400, "jsonInvalid"],
      ["not JSON", patchChoice(officerKey, id, "typology=revolver", "application/x-www-form-urlencoded"), 415, "jsonRequired"],
      ["someone else's case", patchChoice(otherKey, id, { typology: "revolver" }), 404, "notFound"],
      ["no key", patchChoice(null, id, { typology: "revolver" }), 401, "apiKeyInvalid"],
    ];
    for (const [label, pending, status, code] of cases) {
      const res = await pending;
      expect({ label, status: res.status, type: res.headers.get("content-type") }).toEqual({ label, status, type: "application/problem+json" });
      expect({ label, code: ((await res.json()) as { code: string }).code }).toEqual({ label, code });
    }
    expect((await db.case.findUniqueOrThrow({ where: { id } })).officerChoiceAt).toBeNull();
  });
});

describe("upload body limits enforced while streaming", () => {
  /** A chunked body (no Content-Length): `size` bytes of one file part, produced as it is read. */
  function chunkedUpload(size: number, onPulled: (bytes: number) => void) {
    const boundary = "----basegun-test-boundary";
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(head));
      },
      pull(controller) {
        if (sent >= size) {
          controller.enqueue(new Uint8Array(Buffer.from(`\r\n--${boundary}--\r\n`)));
          controller.close();
          return;
        }
        sent += chunk.length;
        onPulled(sent);
        controller.enqueue(new Uint8Array(chunk));
      },
    });
    return new Request("http://localhost/api/v1/identifications", {
      method: "POST",
      body,
      // @ts-expect-error Node's fetch needs it for a stream body
      duplex: "half",
      headers: { authorization: `Bearer ${officerKey}`, "content-type": `multipart/form-data; boundary=${boundary}` },
    });
  }

  it("refuses a chunked 100 MB photo with 413 after reading little more than the per-photo limit", async () => {
    let pulled = 0;
    const res = await postIdentification(chunkedUpload(100 * 1024 * 1024, (bytes) => (pulled = bytes)));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: "photoTooLarge" });
    expect(res.headers.get("connection")).toBe("close");
    // read up to the 15 MiB per-photo limit plus what the stream buffers ahead, never the whole body
    expect(pulled).toBeLessThan(20 * 1024 * 1024);
  });

  it("refuses a body whose Content-Length lies under the limit as soon as the real bytes pass it", async () => {
    let pulled = 0;
    const request = chunkedUpload(130 * 1024 * 1024, (bytes) => (pulled = bytes));
    const headers = new Headers(request.headers);
    headers.set("content-length", "1000");
    // the declared length is a lie; the stream still decides
    const res = await postIdentification(new Request(request, { headers }));
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(20 * 1024 * 1024);
  });

  it("still accepts a normal upload through the streaming reader (fields and several photos)", async () => {
    const res = await upload(officerKey, [
      { bytes: await jpeg(), name: "a.jpg", type: "image/jpeg" },
      { bytes: await jpeg(), name: "b.jpg", type: "image/jpeg" },
    ], { procedureNumber: "PV-STREAM" });
    expect(res.status).toBe(202);
  });
});
