import { cp, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Actor } from "@basegun/auth";
import { hashModelFolder } from "@basegun/db";
import { TYPOLOGY_KEYS } from "@basegun/domain";
import { QUEUE_NAMES } from "@basegun/queue";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aliasAt, aliasHistory, clearShadow, promoteModel, rollbackPreview, rollbackProduction, setShadow } from "../src/services/lifecycle/aliases.ts";
import { compareModels, promotionPreview } from "../src/services/lifecycle/compare.ts";
import { computeEvaluationMetrics } from "../src/services/lifecycle/evaluation-metrics.ts";
import { freezeDatasetVersion } from "../src/services/lifecycle/freeze.ts";
import { importLabelledFolder } from "../src/services/lifecycle/import-folder.ts";
import { getMonitoring } from "../src/services/lifecycle/monitoring.ts";
import { cancelRun, getTrainingRun, startTraining } from "../src/services/lifecycle/training-runs.ts";
import { uploadModel } from "../src/services/lifecycle/upload.ts";
import { LIFECYCLE_REDIS_URL, makeActor, makeLifecycleHarness, writeLabelledFolder, type LifecycleHarness } from "./lifecycle-fixtures.ts";
import { serviceErrorOf } from "./fixtures.ts";

let h: LifecycleHarness;
let admin: Actor;
let shippedId: string;
let candidateId: string;
let datasetVersionId: string;

const evaluationMetrics = (accuracy: number) => {
  const n = 20;
  return computeEvaluationMetrics(
    Array.from({ length: n }, (_, i) => {
      const top = i < accuracy * n ? "revolver" : "epaule_a_pompe";
      const probabilities = Object.fromEntries(TYPOLOGY_KEYS.map((key) => [key, key === top ? 0.89 : 0.01])) as never;
      return { typology: "revolver", labelSet: [], noFirearm: false, sourceLabel: "revolver", probabilities, noFirearmScore: 0.01 };
    }),
    { thresholds: { medium: 0.5, high: 0.95 }, trainedTypologies: ["revolver"], noFirearm: { threshold: 0.9 } },
  );
};

/** A candidate as the training worker leaves one: its own folder, hash, candidate status. */
async function registerCandidate(version: string) {
  const shipped = await h.db.modelVersion.findUniqueOrThrow({ where: { id: shippedId } });
  const folder = path.join(h.modelsDir, version);
  await cp(path.join(h.modelsDir, shipped.artifactPath), folder, { recursive: true, dereference: true });
  return h.db.modelVersion.create({
    data: { version, artifactPath: version, artifactSha256: await hashModelFolder(folder), manifest: shipped.manifest as object, source: "trained", status: "candidate", datasetVersionId },
  });
}

beforeAll(async () => {
  h = await makeLifecycleHarness();
  admin = await makeActor(h.db, "admin");
  shippedId = (await h.db.modelAlias.findUniqueOrThrow({ where: { name: "production" } })).modelVersionId;
  await writeLabelledFolder(h.datasetsRoot, "tiny", { revolver: 4, epaule_a_pompe: 4 });
  await importLabelledFolder(h.deps, admin, { folder: "tiny" });
  datasetVersionId = (await freezeDatasetVersion(h.deps, admin)).id;
  candidateId = (await registerCandidate("2099.01.01-1")).id;
});
afterAll(async () => h?.close());

describe("training runs", () => {
  it("starts a run as a queued job, refuses a second one on the same version, cancels it at once while queued", async () => {
    const run = await startTraining(h.deps, admin, { datasetVersionId, parameters: { seed: 3 } });
    expect(run).toMatchObject({ kind: "train", status: "queued", datasetVersion: { id: datasetVersionId } });
    const connection = new Redis(LIFECYCLE_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_NAMES.train, { connection });
    try {
      expect(await queue.getJob(`run-${run.id}`)).toBeTruthy();
      expect((await serviceErrorOf(startTraining(h.deps, admin, { datasetVersionId }))).messageKey).toBe("trainingRunActive");
      const cancelled = await cancelRun(h.deps, admin, run.id);
      expect(cancelled.status).toBe("cancelled");
      expect(await queue.getJob(`run-${run.id}`)).toBeUndefined();
      expect((await serviceErrorOf(cancelRun(h.deps, admin, run.id))).code).toBe("CONFLICT");
      expect((await getTrainingRun(h.deps, admin, run.id)).status).toBe("cancelled");
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it("refuses bad parameters and unknown dataset versions", async () => {
    await expect(startTraining(h.deps, admin, { datasetVersionId, parameters: { seed: -1 } })).rejects.toThrow();
    expect((await serviceErrorOf(startTraining(h.deps, admin, { datasetVersionId: "cnope" }))).code).toBe("NOT_FOUND");
  });
});

describe("model upload: refused at once with its reasons", () => {
  const manifest = (overrides: object) => JSON.stringify({ version: "2099.02.01-1", labels: [...TYPOLOGY_KEYS], ...overrides });
  const onnx = Buffer.from([0x08, 0x07, 0x12, 0x00]).toString("base64");
  it.each([
    ["labels outside the catalogue", manifest({ labels: [...TYPOLOGY_KEYS.slice(0, 11), "laser_gun"] }), onnx, /labels outside the typology catalogue: laser_gun/],
    ["a missing label", manifest({ labels: TYPOLOGY_KEYS.slice(0, 11) }), onnx, /has 11 labels, the catalogue 12/],
    ["a malformed version", manifest({ version: "latest" }), onnx, /manifest.version must look like/],
    ["a version that exists", manifest({ version: "2099.01.01-1" }), onnx, /already exists/],
    ["a manifest that is not JSON", "{nope", onnx, /not valid JSON/],
    ["a file that is not ONNX", manifest({}), Buffer.from("PK zip").toString("base64"), /not an ONNX model/],
  ])("%s", async (_name, manifestText, onnxBase64, reason) => {
    const error = await serviceErrorOf(uploadModel(h.deps, admin, { manifest: manifestText, onnxBase64 }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.messageKey).toBe("modelUploadInvalid");
    expect((error.details?.reasons as string[]).join("; ")).toMatch(reason);
  });
});

describe("registry: promote, roll back, shadow, history", () => {
  it("has nothing to roll back to while production is the only version it ever held", async () => {
    expect(await rollbackPreview(h.deps, admin)).toBeNull();
    expect((await serviceErrorOf(rollbackProduction(h.deps, admin, { expectedCurrentVersionId: shippedId, confirm: true }))).messageKey).toBe("nothingToRollBack");
  });

  it("refuses to promote a candidate without an evaluation", async () => {
    const preview = await promotionPreview(h.deps, admin, candidateId);
    expect(preview.blockers).toContain("Aucune évaluation sur une version figée du jeu de données : évaluez-la d'abord.");
    expect((await serviceErrorOf(promoteModel(h.deps, admin, { modelVersionId: candidateId, expectedCurrentVersionId: shippedId, confirm: true }))).messageKey).toBe("modelNotEvaluated");
  });

  it("compares candidate and production on the same frozen test split", async () => {
    await h.db.modelEvaluation.create({ data: { modelVersionId: shippedId, datasetVersionId, metrics: evaluationMetrics(0.5) as object } });
    await h.db.modelEvaluation.create({ data: { modelVersionId: candidateId, datasetVersionId, metrics: evaluationMetrics(0.8) as object } });
    const comparison = await compareModels(h.deps, admin, { candidateId });
    expect(comparison.missing).toEqual([]);
    expect(comparison.baseline?.id).toBe(shippedId);
    expect(comparison.headline.find((row) => row.metric === "top1Accuracy")).toMatchObject({ candidate: 0.8, baseline: 0.5, delta: 0.3 });
    expect(comparison.perClass.find((row) => row.typology === "revolver")?.recallDelta).toBeCloseTo(0.3, 6);
    const preview = await promotionPreview(h.deps, admin, candidateId);
    expect(preview).toMatchObject({ blockers: [], currentProduction: { id: shippedId } });
  });

  it("promotes with the confirmation and the expected current version, audited with the move; refuses a stale confirmation", async () => {
    const before = new Date();
    await new Promise((r) => setTimeout(r, 20));
    const stale = await serviceErrorOf(promoteModel(h.deps, admin, { modelVersionId: candidateId, expectedCurrentVersionId: candidateId, confirm: true }));
    expect(stale.messageKey).toBe("modelAliasConflict");
    // two admins confirming at once: one move
    const results = await Promise.allSettled([0, 1].map(() => promoteModel(h.deps, admin, { modelVersionId: candidateId, expectedCurrentVersionId: shippedId, confirm: true })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const production = await h.db.modelAlias.findUniqueOrThrow({ where: { name: "production" } });
    expect(production.modelVersionId).toBe(candidateId);
    expect((await h.db.modelVersion.findUniqueOrThrow({ where: { id: candidateId } })).status).toBe("registered");
    const promoted = await h.db.modelAliasEvent.findFirstOrThrow({ where: { alias: "production", action: "promote" } });
    expect(await h.db.auditLog.count({ where: { action: "model.alias.promote", data: { path: ["eventId"], equals: promoted.id } } })).toBe(1);
    expect((await aliasAt(h.deps, admin, { at: before })).version?.id).toBe(shippedId);
    expect((await aliasAt(h.deps, admin, { at: new Date() })).version?.id).toBe(candidateId);
  });

  it("rolls back in one action to the previous production version, and the history says who did what when", async () => {
    expect(await rollbackPreview(h.deps, admin)).toMatchObject({ leaving: { id: candidateId }, returningTo: { id: shippedId } });
    const move = await rollbackProduction(h.deps, admin, { expectedCurrentVersionId: candidateId, confirm: true, reason: "test" });
    expect(move).toMatchObject({ action: "rollback", from: { id: candidateId }, to: { id: shippedId } });
    const history = await aliasHistory(h.deps, admin, { alias: "production" });
    expect(history.map((event) => event.action)).toEqual(["rollback", "promote", "set"]);
    expect(history[0]).toMatchObject({ version: { id: shippedId }, previousVersion: { id: candidateId }, actor: { id: admin.userId }, reason: "test" });
  });

  it("sets and clears the shadow alias, never onto production, and a promoted shadow leaves it", async () => {
    expect((await serviceErrorOf(setShadow(h.deps, admin, { modelVersionId: shippedId }))).messageKey).toBe("shadowIsProduction");
    await setShadow(h.deps, admin, { modelVersionId: candidateId });
    expect((await h.db.modelAlias.findUnique({ where: { name: "shadow" } }))?.modelVersionId).toBe(candidateId);
    await promoteModel(h.deps, admin, { modelVersionId: candidateId, expectedCurrentVersionId: shippedId, confirm: true });
    expect(await h.db.modelAlias.findUnique({ where: { name: "shadow" } })).toBeNull();
    await rollbackProduction(h.deps, admin, { expectedCurrentVersionId: candidateId, confirm: true });
    await setShadow(h.deps, admin, { modelVersionId: candidateId });
    const cleared = await clearShadow(h.deps, admin, { reason: "done" });
    expect(cleared).toMatchObject({ action: "clear", to: null, from: { id: candidateId } });
    expect((await serviceErrorOf(clearShadow(h.deps, admin))).messageKey).toBe("modelAliasUnchanged");
  });

  it("refuses to serve a version whose files changed after registration", async () => {
    const tampered = await registerCandidate("2099.01.01-2");
    await h.db.modelEvaluation.create({ data: { modelVersionId: tampered.id, datasetVersionId, metrics: evaluationMetrics(0.9) as object } });
    await writeFile(path.join(h.modelsDir, "2099.01.01-2", "metrics.json"), "{}\n");
    expect((await serviceErrorOf(promoteModel(h.deps, admin, { modelVersionId: tampered.id, expectedCurrentVersionId: shippedId, confirm: true }))).messageKey).toBe("modelArtifactChanged");
    await expect(h.db.modelVersion.update({ where: { id: tampered.id }, data: { artifactSha256: "f".repeat(64) } })).rejects.toThrow(/immutable/);
  });
});

describe("monitoring", () => {
  it("reports a version's week and warns when live traffic drifts from its evaluation", async () => {
    const officer = await makeActor(h.db, "officer");
    const probabilities = Object.fromEntries(TYPOLOGY_KEYS.map((key) => [key, key === "epaule_a_pompe" ? 0.89 : 0.01]));
    for (let i = 0; i < 25; i++) {
      const theCase = await h.db.case.create({ data: { ownerId: officer.userId, status: "done" } });
      await h.db.prediction.create({
        data: {
          caseId: theCase.id, modelVersionId: candidateId, rulesVersion: "fr-test", status: "not_determined", rawProbabilities: probabilities, probabilities,
          familyProbabilities: {}, topTypology: "epaule_a_pompe", confidence: 0.3, tier: "low", noFirearmScore: 0.01, executionProvider: "cpu", latencyMs: 1, timings: {},
        },
      });
    }
    const [report] = await getMonitoring(h.deps, admin, { modelVersionId: candidateId });
    expect(report?.reference?.datasetVersion).toBe(1);
    const week = report!.weeks.at(-1)!;
    expect(week).toMatchObject({ predictions: 25, lowTierRate: 1, classMix: { epaule_a_pompe: 1 } });
    expect(week.week).toMatch(/^\d{4}-W\d{2}$/);
    expect(week.confidenceHistogram[3]).toBe(1);
    expect(week.drift.map((w) => w.metric).sort()).toEqual(["classMix", "lowTierRate", "meanConfidence"]);
    expect(report!.drifting).toBe(true);
  });

  it("counts a tie at the top as a tie in the live class mix, not as the catalogue's first member", async () => {
    const officer = await makeActor(h.db, "officer");
    const versionId = (await registerCandidate("2099.01.02-tie")).id;
    const [first, second] = [TYPOLOGY_KEYS[0], TYPOLOGY_KEYS[1]];
    const tie = Object.fromEntries(TYPOLOGY_KEYS.map((key) => [key, key === first || key === second ? 0.45 : 0.01]));
    const clear = Object.fromEntries(TYPOLOGY_KEYS.map((key) => [key, key === second ? 0.8 : 0.02]));
    for (const probabilities of [tie, tie, tie, clear]) {
      const theCase = await h.db.case.create({ data: { ownerId: officer.userId, status: "done" } });
      await h.db.prediction.create({
        data: {
          caseId: theCase.id, modelVersionId: versionId, rulesVersion: "fr-test", status: "not_determined", rawProbabilities: probabilities, probabilities,
          // what the worker stores for a tie: the catalogue's first member
          familyProbabilities: {}, topTypology: probabilities === tie ? first : second, confidence: 0.45, tier: "low", noFirearmScore: 0.01, executionProvider: "cpu", latencyMs: 1, timings: {},
        },
      });
    }
    const [report] = await getMonitoring(h.deps, admin, { modelVersionId: versionId });
    expect(report!.weeks.at(-1)!.classMix).toEqual({ ex_aequo: 0.75, [second]: 0.25 });
  });
});
