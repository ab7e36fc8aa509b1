import { createIdentification } from "@basegun/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelProvider } from "../src/model-provider.ts";
import { runShadow } from "../src/shadow.ts";
import { drawnPhoto, makeHarness, makeOfficer, productionAndTwin } from "./harness.ts";

let h: Awaited<ReturnType<typeof makeHarness>>;
let shadow: ModelProvider;
let productionId: string;
let candidateId: string;

beforeAll(async () => {
  h = await makeHarness();
  // a second registered version on the same files: enough to tell shadow rows from production rows
  ({ productionId, twinId: candidateId } = await productionAndTwin(h.db, "shadow-test-1"));
  shadow = new ModelProvider({ db: h.db, modelsDir: h.env.MODELS_DIR, backbonePath: h.env.BACKBONE_PATH, executionProvider: "cpu", alias: "shadow" });
});
afterAll(async () => {
  await h.db.modelAlias.deleteMany({ where: { name: "shadow" } });
  await shadow?.close();
  await h?.deps.producer.close();
  await h?.db.$disconnect();
});

async function pendingCase(seed: number) {
  const officer = await makeOfficer(h.db);
  const offline = { ...h.deps, producer: { enqueue: async () => {}, close: async () => {} } };
  return createIdentification(offline, officer, { photos: [{ bytes: await drawnPhoto(seed) }], source: "web" });
}

describe("shadow model", () => {
  it("does nothing while no shadow alias exists", async () => {
    const created = await pendingCase(31);
    const stored = await runShadow({ db: h.db, shadow }, { caseId: created.id, photoRevision: 0, answers: {}, images: [await drawnPhoto(31)], productionVersionId: productionId });
    expect(stored).toBe(false);
    expect(await h.db.prediction.count({ where: { caseId: created.id } })).toBe(0);
  });

  it("stores the shadow version's prediction with shadow = true, once, and opens no review", async () => {
    await h.db.modelAlias.upsert({ where: { name: "shadow" }, create: { name: "shadow", modelVersionId: candidateId }, update: { modelVersionId: candidateId } });
    const created = await pendingCase(32);
    const job = { caseId: created.id, photoRevision: 0, answers: {}, images: [await drawnPhoto(32)], productionVersionId: productionId };
    expect(await runShadow({ db: h.db, shadow }, job)).toBe(true);
    expect(await runShadow({ db: h.db, shadow }, job)).toBe(true); // a retried job: still one row
    const rows = await h.db.prediction.findMany({ where: { caseId: created.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ shadow: true, modelVersionId: candidateId });
    expect(await h.db.review.count({ where: { caseId: created.id } })).toBe(0);
  });

  it("skips a shadow that is the production version, and reports (never throws) a failure", async () => {
    const created = await pendingCase(33);
    expect(await runShadow({ db: h.db, shadow }, { caseId: created.id, photoRevision: 0, answers: {}, images: [await drawnPhoto(33)], productionVersionId: candidateId })).toBe(false);
    const errors: unknown[] = [];
    const stored = await runShadow({ db: h.db, shadow, onError: (e) => errors.push(e) }, { caseId: created.id, photoRevision: 0, answers: {}, images: [Buffer.from("not a photo")], productionVersionId: productionId });
    expect(stored).toBe(false);
    expect(errors).toHaveLength(1);
  });

  it("releases the shadow model when the alias is cleared", async () => {
    await h.db.modelAlias.delete({ where: { name: "shadow" } });
    expect(await shadow.withModelIfPresent(async () => "ran")).toBeNull();
  });
});
