import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { UploadRunParameters } from "@basegun/api";
import type { TrainingRunModel as TrainingRun } from "@basegun/db";
import { resolveBaseBackbone } from "../steps/base-backbone.ts";
import { fileSha256, loadIdentifier, ModelManifestSchema, openBackbone, openSession, preprocessImage, preprocessOptionsOf, writeModelVersion, type BackboneLayer } from "@basegun/ml";
import type { RunContext } from "../run-context.ts";
import { evaluateModelOnDataset } from "../steps/evaluate-model.ts";
import { LAYER_DIMS } from "../steps/features.ts";
import { checkOnnxSignature, extractLinearHead, runOnnxHead, UploadRefusedError } from "../steps/onnx-head.ts";
import { registerCandidate } from "../steps/register.ts";
import { drawnTestImage } from "../steps/test-image.ts";
import type { TrainingWorkerDeps } from "./worker-deps.ts";

const PLACEHOLDER_SHA = "0".repeat(64);

/**
 * A model trained elsewhere (ONNX head + manifest): manifest against the schema and this platform's
 * backbone, ONNX names and shapes, a test inference on a generated image, linearity, then written as a
 * model folder (the uploaded ONNX kept beside the served head.json), loaded end to end, registered as
 * a candidate and evaluated when a dataset version was given. Any failure refuses it with reasons.
 */
export async function runUpload(deps: TrainingWorkerDeps, ctx: RunContext, run: TrainingRun) {
  const parameters = run.parameters as unknown as UploadRunParameters;
  const folder = path.join(deps.uploadsDir, parameters.uploadFolder);
  const existing = await deps.db.modelVersion.findUnique({ where: { version: parameters.version } });
  if (existing) {
    const ours = await deps.db.trainingRun.findFirst({ where: { id: run.id, modelVersionId: existing.id } });
    if (ours) return { modelVersionId: existing.id, summary: { version: existing.version, resumed: true } };
    throw new UploadRefusedError([`model version ${parameters.version} already exists`]);
  }

  await ctx.step("validation : manifeste", 0.05);
  const raw = JSON.parse(await readFile(path.join(folder, "manifest.json"), "utf8")) as Record<string, unknown>;
  const parsed = ModelManifestSchema.safeParse({ ...raw, head: { file: "head.json", type: "linear-softmax+logistic-gate", sha256: PLACEHOLDER_SHA } });
  if (!parsed.success) throw new UploadRefusedError(parsed.error.issues.map((issue) => `manifest.${issue.path.join(".")}: ${issue.message}`));
  const manifest = parsed.data;
  const reasons: string[] = [];
  // a head may sit on the shared backbone, or on the fine-tuned backbone the production model bundles
  const platformBackbone = await resolveBaseBackbone(deps);
  const sharedSha = await fileSha256(deps.backbonePath);
  const bundledSha = platformBackbone.bundled ? await fileSha256(platformBackbone.path) : undefined;
  const backbone =
    manifest.backbone.sha256 === sharedSha && !manifest.backbone.bundled
      ? { path: deps.backbonePath, bundled: false }
      : manifest.backbone.sha256 === bundledSha && manifest.backbone.bundled
        ? { path: platformBackbone.path, bundled: true }
        : undefined;
  if (!backbone) {
    reasons.push(
      `manifest.backbone.sha256 is not this platform's backbone (${sharedSha?.slice(0, 12) ?? "missing"}…${bundledSha ? `, or with bundled: true the one production bundles, ${bundledSha.slice(0, 12)}…` : ""})`,
    );
  }
  const layers = manifest.backbone.layers;
  const layerTotal = layers.reduce((total, layer) => total + layer.dim, 0);
  for (const layer of layers) if (LAYER_DIMS[layer.name] !== layer.dim) reasons.push(`layer ${layer.name} has ${LAYER_DIMS[layer.name]} features, the manifest says ${layer.dim}`);
  if (layerTotal !== manifest.backbone.featureDim) reasons.push(`manifest.backbone.featureDim is ${manifest.backbone.featureDim}, its layers add up to ${layerTotal}`);
  if (reasons.length) throw new UploadRefusedError(reasons);
  await ctx.log(`manifeste ${manifest.version} : ${manifest.labels.length} étiquettes, ${manifest.backbone.featureDim} caractéristiques (${layers.map((l) => l.name).join(" + ")})`);

  await ctx.step("validation : formes d'entrée et de sortie ONNX", 0.15);
  const onnxPath = path.join(folder, "head.onnx");
  let session;
  try {
    session = (await openSession(onnxPath, "cpu")).session;
  } catch (error) {
    throw new UploadRefusedError([`the ONNX file does not load: ${(error as Error).message.split("\n")[0]}`]);
  }
  const modelDir = path.join(deps.modelsDir, manifest.version);
  let wroteFolder = false;
  try {
    const signature = checkOnnxSignature(session, manifest.backbone.featureDim, manifest.labels.length);
    if (signature.length) throw new UploadRefusedError(signature);

    await ctx.step("validation : inférence d'essai sur une image générée", 0.3);
    const runner = await openBackbone(backbone!.path, "cpu");
    let probes: Float32Array[];
    try {
      const prepared = await Promise.all([0, 60].map(async (shift) =>
        preprocessImage(await drawnTestImage(shift), preprocessOptionsOf(manifest)),
      ));
      const { vectors } = await runner.embed(prepared, { layers: layers.map((l) => l.name) as BackboneLayer[], mirrorTTA: manifest.preprocessing.mirrorTTA });
      probes = vectors;
    } finally {
      await runner.close();
    }
    const test = await runOnnxHead(session, probes[0]!, 1, manifest.backbone.featureDim, manifest.labels.length);
    if (![...test.typology, ...test.gate].every(Number.isFinite)) throw new UploadRefusedError(["the test inference gave non-finite logits"]);
    await ctx.log(`inférence d'essai : ${manifest.labels.length} logits finis et un logit de filtre`);

    await ctx.step("validation : lecture des poids de la tête (linéarité)", 0.4);
    // real features, their negatives, a scrambled mix and all of them scaled far out: a head linear only
    // where its units stay active (ReLU) or only near zero (tanh, a small head) fails on one of them
    const scrambled = probes[0]!.map((value, index) => value * (((index * 7919) % 101) / 50 - 1) * 3);
    const base = [...probes, ...probes.map((probe) => probe.map((value) => -value)), scrambled];
    const head = await extractLinearHead(session, { featureDim: manifest.backbone.featureDim, labels: manifest.labels, layers, probes: [...base, ...base.map((probe) => probe.map((value) => value * 50))] });

    await ctx.step("écriture du dossier du modèle", 0.5);
    if (existsSync(modelDir)) throw new UploadRefusedError([`a folder ${manifest.version} already exists under the models folder`]);
    const { head: _placeholder, ...rest } = manifest;
    wroteFolder = true;
    if (backbone!.bundled) {
      // the version carries its backbone like the production model it was trained against
      await mkdir(modelDir, { recursive: true });
      await copyFile(backbone!.path, path.join(modelDir, manifest.backbone.fileName));
    }
    const written = await writeModelVersion(modelDir, { ...rest, head: { type: "linear-softmax+logistic-gate" } }, head);
    await copyFile(onnxPath, path.join(modelDir, "uploaded-head.onnx"));

    await ctx.step("validation : chargement comme le fera le worker d'inférence", 0.6);
    const identifier = await loadIdentifier({ modelDir, backbonePath: deps.backbonePath, executionProvider: "cpu" });
    try {
      const inference = await identifier.identify([await drawnTestImage()]);
      const sum = Object.values(inference.probabilities).reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > 1e-3) throw new UploadRefusedError([`probabilities sum to ${sum}`]);
      await ctx.log(`inférence de bout en bout : première ${inference.topTypology} ${inference.confidence.toFixed(3)}, score « pas une arme » ${inference.noFirearmScore.toFixed(3)}`);
    } finally {
      await identifier.close();
    }

    let evaluation = null;
    if (run.datasetVersionId) {
      await ctx.step("évaluation : partie test figée", 0.7);
      evaluation = { datasetVersionId: run.datasetVersionId, metrics: (await evaluateModelOnDataset(deps, ctx, { modelDir, datasetVersionId: run.datasetVersionId, progress: [0.7, 0.95] })).metrics };
    }
    await ctx.step("enregistrement : version candidate du modèle", 0.96);
    const model = await registerCandidate(deps.db, {
      modelsDir: deps.modelsDir,
      manifest: written,
      source: "uploaded",
      runId: run.id,
      createdById: run.createdById,
      datasetVersionId: null,
      evaluation,
    });
    return { modelVersionId: model.id, summary: { version: model.version, onnxSha256: parameters.onnxSha256, evaluatedOn: run.datasetVersionId } };
  } catch (error) {
    // only the folder this run wrote goes, and only while no version was registered from it
    if (wroteFolder && !(await deps.db.modelVersion.findUnique({ where: { version: manifest.version } }))) await rm(modelDir, { recursive: true, force: true });
    throw error;
  } finally {
    await session.release();
  }
}
