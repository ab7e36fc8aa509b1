import { cp } from "node:fs/promises";
import path from "node:path";
import type { Actor } from "@basegun/auth";
import { hashModelFolder } from "@basegun/db";
import { TYPOLOGY_KEYS } from "@basegun/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { promoteModel, rollbackPreview } from "../src/services/lifecycle/aliases.ts";
import { compareModels, promotionPreview } from "../src/services/lifecycle/compare.ts";
import { computeEvaluationMetrics } from "../src/services/lifecycle/evaluation-metrics.ts";
import { freezeDatasetVersion } from "../src/services/lifecycle/freeze.ts";
import { importLabelledFolder } from "../src/services/lifecycle/import-folder.ts";
import { makeActor, makeLifecycleHarness, writeLabelledFolder, type LifecycleHarness } from "./lifecycle-fixtures.ts";
import { serviceErrorOf } from "./fixtures.ts";

// Promotion on evidence: regressions said in French with the screens' rounding, a reason required (and
// audited) to promote a worse candidate, a candidate that lost "pas une arme" refused, both versions named
// before a rollback.

let h: LifecycleHarness;
let admin: Actor;
let shippedId: string;
let datasetVersionId: string;


/** Metrics on 20 revolver photos: `accuracy` of them answered revolver, the rest a pump-action long gun. */
const evaluationMetrics = (accuracy: number) =>
  computeEvaluationMetrics(
    Array.from({ length: 20 }, (_, i) => {
      const top = i < accuracy * 20 ? "revolver" : "epaule_a_pompe";
      const probabilities = Object.fromEntries(TYPOLOGY_KEYS.map((key) => [key, key === top ? 0.89 : 0.01])) as never;
      return { typology: "revolver", labelSet: [], noFirearm: false, sourceLabel: "revolver", probabilities, noFirearmScore: 0.01 };
    }),
    { thresholds: { medium: 0.5, high: 0.95 }, trainedTypologies: ["revolver"], noFirearm: { threshold: 0.9 } },
  );

async function registerCandidate(version: string, accuracy: number, manifestChange: (manifest: Record<string, unknown>) => Record<string, unknown> = (m) => m) {
  const shipped = await h.db.modelVersion.findUniqueOrThrow({ where: { id: shippedId } });
  const folder = path.join(h.modelsDir, version);
  await cp(path.join(h.modelsDir, shipped.artifactPath), folder, { recursive: true, dereference: true });
  const candidate = await h.db.modelVersion.create({
    data: {
      version,
      artifactPath: version,
      artifactSha256: await hashModelFolder(folder),
      manifest: manifestChange({ ...(shipped.manifest as Record<string, unknown>) }) as object,
      source: "trained",
      status: "candidate",
      datasetVersionId,
    },
  });
  await h.db.modelEvaluation.create({ data: { modelVersionId: candidate.id, datasetVersionId, metrics: evaluationMetrics(accuracy) as object } });
  return candidate;
}

beforeAll(async () => {
  h = await makeLifecycleHarness();
  admin = await makeActor(h.db, "admin");
  shippedId = (await h.db.modelAlias.findUniqueOrThrow({ where: { name: "production" } })).modelVersionId;
  await writeLabelledFolder(h.datasetsRoot, "tiny", { revolver: 4, epaule_a_pompe: 4 });
  await importLabelledFolder(h.deps, admin, { folder: "tiny" });
  datasetVersionId = (await freezeDatasetVersion(h.deps, admin)).id;
  // production's figures on this version (set by hand here: 80 % exact)
  await h.db.modelEvaluation.deleteMany({ where: { modelVersionId: shippedId, datasetVersionId } });
  await h.db.modelEvaluation.create({ data: { modelVersionId: shippedId, datasetVersionId, metrics: evaluationMetrics(0.8) as object } });
});
afterAll(async () => h?.close());

describe("promotion on evidence", () => {
  it("a candidate that can never answer 'pas une arme' shows it beside production and is refused, reason or not", async () => {
    const noGate = await registerCandidate("2099.02.01-1", 0.9, (manifest) => ({ ...manifest, noFirearm: { threshold: 1, maxWeaponRejectionRate: 0.02 } }));
    const comparison = await compareModels(h.deps, admin, { candidateId: noGate.id });
    expect(comparison.baseline?.capabilities.noFirearm).toBe(true);
    expect(comparison.candidate.capabilities).toMatchObject({ noFirearm: false, noFirearmThreshold: 1 });
    expect(comparison.lost?.noFirearm).toBe(true);

    const preview = await promotionPreview(h.deps, admin, noGate.id);
    expect(preview.blockers).toEqual([expect.stringContaining("ne pourrait jamais répondre « pas une arme »")]);
    const refused = await serviceErrorOf(promoteModel(h.deps, admin, { modelVersionId: noGate.id, expectedCurrentVersionId: shippedId, confirm: true, reason: "Je sais ce que je fais, vraiment." }));
    expect(refused.messageKey).toBe("modelLosesCapability");
    expect(refused.message).toContain("pas une arme");
    expect((await h.db.modelAlias.findUniqueOrThrow({ where: { name: "production" } })).modelVersionId).toBe(shippedId);
  });

  it("a worse candidate: regressions in French with rounded percentages; refused without a reason, promoted and audited with one", async () => {
    const worse = await registerCandidate("2099.02.01-2", 0.55);
    const preview = await promotionPreview(h.deps, admin, worse.id);
    expect(preview.blockers).toEqual([]);
    expect(preview.reasonRequired).toBe(true);
    expect(preview.regressions).toContain("Exactitude de la typologie exacte en baisse : 80\u00a0% en production, 55\u00a0% pour le candidat");
    // nothing in English, no raw decimals
    for (const line of [...preview.regressions, ...preview.warnings]) {
      expect(line).not.toMatch(/worse than|\d\.\d{3,}/);
    }

    const withoutReason = await serviceErrorOf(promoteModel(h.deps, admin, { modelVersionId: worse.id, expectedCurrentVersionId: shippedId, confirm: true }));
    expect(withoutReason).toMatchObject({ code: "BAD_REQUEST", messageKey: "promotionReasonRequired" });
    expect(withoutReason.message).toContain("Exactitude de la typologie exacte en baisse");
    const tooShort = await serviceErrorOf(promoteModel(h.deps, admin, { modelVersionId: worse.id, expectedCurrentVersionId: shippedId, confirm: true, reason: "ok" }));
    expect(tooShort.messageKey).toBe("promotionReasonRequired");
    expect(await h.db.auditLog.count({ where: { action: "model.alias.promote" } })).toBe(0);

    const reason = "Meilleur sur les fusils à pompe des saisies récentes";
    const move = await promoteModel(h.deps, admin, { modelVersionId: worse.id, expectedCurrentVersionId: shippedId, confirm: true, reason });
    expect(move).toMatchObject({ action: "promote", to: { id: worse.id } });
    const audit = await h.db.auditLog.findFirstOrThrow({ where: { action: "model.alias.promote" } });
    expect(audit.data).toMatchObject({ to: "2099.02.01-2", reason });
    expect((await h.db.modelAliasEvent.findUniqueOrThrow({ where: { id: move.eventId } })).reason).toBe(reason);
  });

  it("a better candidate needs no reason", async () => {
    const production = (await h.db.modelAlias.findUniqueOrThrow({ where: { name: "production" } })).modelVersionId;
    const better = await registerCandidate("2099.02.01-3", 0.85);
    const preview = await promotionPreview(h.deps, admin, better.id);
    expect(preview).toMatchObject({ reasonRequired: false, regressions: [], blockers: [] });
    await promoteModel(h.deps, admin, { modelVersionId: better.id, expectedCurrentVersionId: production, confirm: true });
  });

  it("the rollback confirmation names the version it leaves and the one it returns to", async () => {
    const preview = await rollbackPreview(h.deps, admin);
    expect(preview).toMatchObject({ leaving: { version: "2099.02.01-3" }, returningTo: { version: "2099.02.01-2" } });
  });
});

describe("production evaluated on each frozen version", () => {
  it("freezing a new version starts production's evaluation on it (once), so a comparison always has its baseline", async () => {
    await writeLabelledFolder(h.datasetsRoot, "more", { epaule_a_verrou: 2 });
    await importLabelledFolder(h.deps, admin, { folder: "more" });
    const production = (await h.db.modelAlias.findUniqueOrThrow({ where: { name: "production" } })).modelVersionId;
    const frozen = await freezeDatasetVersion(h.deps, admin);
    expect(frozen.unchanged).toBe(false);
    const run = await h.db.trainingRun.findUniqueOrThrow({ where: { id: frozen.productionEvaluationRunId! } });
    expect(run).toMatchObject({ kind: "evaluate", modelVersionId: production, datasetVersionId: frozen.id, status: "queued" });
    const audit = await h.db.auditLog.findFirstOrThrow({ where: { action: "evaluation.start", resourceId: run.id } });
    expect(audit.data).toMatchObject({ automatic: "production on a new frozen version" });
    // nothing changed: no new version, no second run
    const again = await freezeDatasetVersion(h.deps, admin);
    expect(again).toMatchObject({ id: frozen.id, unchanged: true });
    expect(await h.db.trainingRun.count({ where: { kind: "evaluate", datasetVersionId: frozen.id } })).toBe(1);
  });
});
