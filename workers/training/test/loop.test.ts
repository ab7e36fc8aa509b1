import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import {
  cancelRun,
  claimReview,
  createIdentification,
  getIdentification,
  requestExpert,
  submitReviewDecision,
} from "@basegun/api";
import type { Actor } from "@basegun/auth";
import { processIdentify, type ModelProvider } from "@basegun/worker-inference";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller, createTRPCContext } from "@basegun/api";
import { drawnImage, makeActor, makeHarness, waitFor, writeLabelledFolder, type Harness } from "./harness.ts";
import { onnxHead } from "./onnx-fixture.ts";

let h: Harness;
let admin: Actor;
let officer: Actor;
let expert: Actor;
let shippedId: string;
const admins = () => createCaller(createTRPCContext({ actor: admin, headers: new Headers(), deps: h.deps }));

beforeAll(async () => {
  h = await makeHarness();
  [admin, officer, expert] = await Promise.all([makeActor(h.db, "admin"), makeActor(h.db, "officer"), makeActor(h.db, "expert")]);
  shippedId = (await h.db.modelAlias.findUniqueOrThrow({ where: { name: "production" } })).modelVersionId;
});
afterAll(async () => h?.close());

const finishedRun = (id: string, timeoutMs = 90_000) =>
  waitFor(async () => {
    const run = await h.db.trainingRun.findUniqueOrThrow({ where: { id } });
    return ["succeeded", "failed", "cancelled"].includes(run.status) ? run : null;
  }, timeoutMs);

/** An officer's identification, served by whatever production is now; returns the served prediction. */
async function identify(seed: number) {
  const created = await createIdentification(h.deps, officer, { photos: [{ bytes: await drawnImage("revolver", 500 + seed) }], source: "web" });
  await waitFor(async () => (await h.db.case.findUniqueOrThrow({ where: { id: created.id } })).status === "done");
  const prediction = await h.db.prediction.findFirstOrThrow({ where: { caseId: created.id, shadow: false }, include: { modelVersion: true } });
  return { caseId: created.id, prediction };
}

/** An expert's label through the real loop: officer upload, worker, review, claim, correction. */
async function expertLabel(typology: "revolver" | "epaule_a_pompe", seed: number) {
  const { caseId } = await identify(seed);
  let review = await h.db.review.findFirst({ where: { caseId, status: "open" } });
  if (!review) {
    await requestExpert(h.deps, officer, caseId, { message: "please check" });
    review = await h.db.review.findFirstOrThrow({ where: { caseId, status: "open" } });
  }
  const claim = await claimReview(h.deps, expert, review.id);
  await submitReviewDecision(h.deps, expert, review.id, { decision: "correct", version: claim.version, typology });
  return caseId;
}

describe("model lifecycle, end to end against PostgreSQL, Redis and both workers", () => {
  let datasetVersionId: string;
  let candidateId: string;

  it("expert labels and an imported folder → frozen dataset version; production is evaluated on it without asking", async () => {
    await expertLabel("revolver", 1);
    await expertLabel("epaule_a_pompe", 2);
    await writeLabelledFolder(h.datasetsRoot, "drawn", { revolver: 18, epaule_a_pompe: 18, pistolet_semi_auto_moderne: 18 });
    const imported = await admins().dataset.importFolder({ folder: "drawn", licence: "test fixture", attribution: "drawn by the tests" });
    expect(imported.imported).toBe(54);
    const frozen = await admins().dataset.freeze({ note: "loop" });
    expect(frozen.itemCount).toBe(54 + 2);
    expect((await admins().dataset.stats({})).bySource.map((s) => s.source).sort()).toEqual(["expert_review", "import"]);
    // the comparison never waits for someone to evaluate production by hand
    expect(frozen.productionEvaluationRunId).toEqual(expect.any(String));
    expect((await finishedRun(frozen.productionEvaluationRunId!)).status).toBe("succeeded");
    expect(await h.db.modelEvaluation.count({ where: { modelVersionId: shippedId, datasetVersionId: frozen.id } })).toBeGreaterThan(0);
    datasetVersionId = frozen.id;
  });

  it("a dataset version without no-firearm photos cannot yield a candidate that drops 'pas une arme': the run fails, saying why in French", async () => {
    const run = await admins().models.train({ datasetVersionId, parameters: { seed: 7, minTierSupport: 3 } });
    const done = await finishedRun(run.id);
    expect(done.status).toBe("failed");
    expect(done.error).toContain("aucune photo sans arme");
    expect(done.error).toContain("« pas une arme »");
    expect(done.modelVersionId).toBeNull();
    expect(await h.db.modelVersion.count({ where: { source: "trained" } })).toBe(0);

    // with photos without a weapon, a new frozen version trains (below)
    await writeLabelledFolder(h.datasetsRoot, "negatives", { no_firearm: 16 });
    expect((await admins().dataset.importFolder({ folder: "negatives", licence: "test fixture", attribution: "drawn by the tests" })).imported).toBe(16);
    const frozen = await admins().dataset.freeze({ note: "loop with negatives" });
    expect(frozen.number).toBe(2);
    expect((await finishedRun(frozen.productionEvaluationRunId!)).status).toBe("succeeded");
    datasetVersionId = frozen.id;
  });

  it("trains a candidate in the training worker: progress, logs, metrics on the frozen test split", async () => {
    const started = performance.now();
    const run = await admins().models.train({ datasetVersionId, parameters: { seed: 7, minTierSupport: 3, fieldLabelWeight: 12 } });
    const done = await finishedRun(run.id);
    const seconds = (performance.now() - started) / 1000;
    console.info(`training run: ${seconds.toFixed(1)} s`);
    expect(done.error).toBeNull();
    expect(done).toMatchObject({ status: "succeeded", progress: 1 });
    const detail = await admins().models.run({ id: run.id });
    for (const step of ["instantané", "caractéristiques", "entraînement", "évaluation", "enregistrement"]) expect(detail.logs).toContain(`— ${step}`);
    expect(detail.summary).toMatchObject({ datasetVersion: 2, sources: { expert_review: expect.any(Number), "import:drawn": expect.any(Number) } });
    const candidate = await admins().models.byId({ id: done.modelVersionId! });
    expect(candidate).toMatchObject({ source: "trained", status: "candidate", trainedOn: { id: datasetVersionId }, aliases: [] });
    expect(candidate.fullEvaluations[0]?.metrics?.counts.items).toBeGreaterThan(0);
    expect(existsSync(path.join(h.modelsDir, candidate.version, "manifest.json"))).toBe(true);
    const manifest = JSON.parse(await readFile(path.join(h.modelsDir, candidate.version, "manifest.json"), "utf8")) as { training: { notes: string[] }; calibration: { caseAggregation?: string } };
    expect(manifest.training.notes[0]).toMatch(/frozen dataset version 2/);
    // the candidate says how it pools a case's photos, chosen on its own validation cases
    expect(["linear", "logarithmic"]).toContain(manifest.calibration.caseAggregation);
    expect(detail.logs).toMatch(/par cas \(\d+ cas dont \d+ de plusieurs photos\).*→ moyenne (des probabilités|géométrique)/);
    // the expert verdicts are field labels, weighed as the admin asked (default: the learning curve's choice);
    // how many land in train depends on the cases' ids (the split rule hashes them): 0 is possible
    expect(detail.logs).toMatch(/étiquettes de terrain \(expertises, retours d'agents\) : \d+ photos? d'entraînement, chacune pesant 12 fois/);
    expect(manifest.training.notes[1]).toMatch(/^Field labels \(expert_review, officer_feedback\): \d+ training photos, each weighing 12× a web photo/);
    candidateId = candidate.id;
  });

  it("compares the candidate with production on the same test split at once (production was evaluated when the version was frozen)", async () => {
    const after = await admins().models.compare({ candidateId });
    expect(after.missing).toEqual([]);
    expect(after.datasetVersion?.id).toBe(datasetVersionId);
    expect(after.candidate.metrics?.counts.items).toBe(after.baseline?.metrics?.counts.items);
    expect(after.headline.find((row) => row.metric === "top1Accuracy")?.delta).not.toBeNull();
  });

  it("promote → the next identification is served by the candidate; a job in flight finishes on its model", async () => {
    // production (2026.12.06-5) names revolvers, modern pistols, pump and military-style at the medium tier;
    // this small candidate names none: promoting it needs a reason, and the refusal says what would be lost
    await expect(admins().models.promote({ modelVersionId: candidateId, expectedCurrentVersionId: shippedId, confirm: true })).rejects.toThrow(
      /Typologies que la production nomme et que le candidat ne nomme plus : revolver, pistolet_semi_auto_moderne, epaule_a_pompe, semi_auto_style_militaire_autre/,
    );
    // a job holding the old model when the alias moves: it completes, on the version it started with
    const inFlight = await createIdentification({ ...h.deps, producer: { enqueue: async () => {}, close: async () => {} } }, officer, { photos: [{ bytes: await drawnImage("revolver", 900) }], source: "web" });
    const models = h.inference.models;
    const promotingMidJob = {
      withModel: (fn: Parameters<ModelProvider["withModel"]>[0]) =>
        models.withModel(async (model) => {
          await admins().models.promote({ modelVersionId: candidateId, expectedCurrentVersionId: shippedId, confirm: true, reason: "loop test: promoted despite the typologies it does not name" });
          return fn(model);
        }),
    } as unknown as ModelProvider;
    expect(await processIdentify({ db: h.db, store: h.deps.store, models: promotingMidJob, announce: async () => {} }, { caseId: inFlight.id })).toBe("stored");
    const finished = await h.db.prediction.findFirstOrThrow({ where: { caseId: inFlight.id } });
    expect(finished.modelVersionId).toBe(shippedId);
    expect((await h.db.case.findUniqueOrThrow({ where: { id: inFlight.id } })).status).toBe("done");

    const next = await identify(10);
    expect(next.prediction.modelVersionId).toBe(candidateId);
    expect((await getIdentification(h.deps, officer, next.caseId)).result?.modelVersion).toBe(next.prediction.modelVersion.version);
  });

  it("roll back → served by the old version again; the history answers what was production when", async () => {
    const promotedAt = new Date();
    await admins().models.rollback({ expectedCurrentVersionId: candidateId, confirm: true, reason: "loop test: back to the shipped model" });
    const next = await identify(11);
    expect(next.prediction.modelVersionId).toBe(shippedId);
    expect((await admins().models.aliasAt({ at: promotedAt })).version?.id).toBe(candidateId);
    expect((await admins().models.aliasAt({ at: new Date() })).version?.id).toBe(shippedId);
    const lineage = await admins().models.lineage({ predictionId: next.prediction.id });
    expect(lineage.modelVersion?.id).toBe(shippedId);
  });

  it("shadow: the candidate runs beside production on live traffic, stored, never shown, never routed", async () => {
    await admins().models.setShadow({ modelVersionId: candidateId });
    const { caseId } = await identify(12);
    const shadow = await waitFor(() => h.db.prediction.findFirst({ where: { caseId, shadow: true } }));
    expect(shadow.modelVersionId).toBe(candidateId);
    expect(await h.db.review.count({ where: { predictionId: shadow.id } })).toBe(0);
    const view = await getIdentification(h.deps, officer, caseId);
    expect(view.result?.modelVersion).not.toBe((await h.db.modelVersion.findUniqueOrThrow({ where: { id: candidateId } })).version);
    const report = await admins().models.shadowReport({});
    expect(report.modelVersion?.id).toBe(candidateId);
    expect(report.cases).toBe(1);
    expect(report.agreement.topTypology).not.toBeNull();
    await admins().models.clearShadow({});
  });

  it("cancels a running training run between steps: nothing registered, nothing left on disk", async () => {
    const run = await admins().models.train({ datasetVersionId, parameters: { seed: 8 } });
    await waitFor(async () => (await h.db.trainingRun.findUniqueOrThrow({ where: { id: run.id } })).status === "running", 30_000, 20);
    await cancelRun(h.deps, admin, run.id);
    const done = await finishedRun(run.id);
    expect(done.status).toBe("cancelled");
    expect(done.modelVersionId).toBeNull();
    if (done.plannedVersion) expect(existsSync(path.join(h.modelsDir, done.plannedVersion))).toBe(false);
  });

  it("uploads: a linear ONNX head is validated, registered and evaluated; invalid ones are refused with their reason", async () => {
    const candidate = await h.db.modelVersion.findUniqueOrThrow({ where: { id: candidateId } });
    const head = JSON.parse(await readFile(path.join(h.modelsDir, candidate.version, "head.json"), "utf8"));
    const manifest = JSON.parse(await readFile(path.join(h.modelsDir, candidate.version, "manifest.json"), "utf8")) as Record<string, unknown>;
    const upload = (version: string, onnx: Uint8Array) =>
      admins().models.upload({ manifest: JSON.stringify({ ...manifest, version, head: undefined }), onnxBase64: Buffer.from(onnx).toString("base64"), datasetVersionId });

    const wrongShape = await finishedRun((await upload("2099.03.01-1", onnxHead(head, { classes: 11 }))).id);
    expect(wrongShape.status).toBe("failed");
    expect(wrongShape.error).toMatch(/typology_logits.*\[batch, 11\], expected \[batch, 12\]/);
    const nonLinear = await finishedRun((await upload("2099.03.01-2", onnxHead(head, { nonLinear: true }))).id);
    expect(nonLinear.status).toBe("failed");
    expect(nonLinear.error).toMatch(/not linear/);
    expect(existsSync(path.join(h.modelsDir, "2099.03.01-2"))).toBe(false);

    const good = await finishedRun((await upload("2099.03.01-3", onnxHead(head))).id);
    expect(good.error).toBeNull();
    expect(good.status).toBe("succeeded");
    const uploaded = await admins().models.byId({ id: good.modelVersionId! });
    expect(uploaded).toMatchObject({ source: "uploaded", status: "candidate" });
    // the same weights as the trained candidate: the same evaluation
    const trained = await admins().models.byId({ id: candidateId });
    expect(uploaded.fullEvaluations[0]?.metrics?.top1Accuracy).toBeCloseTo(trained.fullEvaluations[0]!.metrics!.top1Accuracy!, 2);
  });
});
