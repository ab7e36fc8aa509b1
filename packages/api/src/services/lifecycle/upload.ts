import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Actor } from "@basegun/auth";
import { TYPOLOGY_KEYS } from "@basegun/domain";
import type { ServiceDeps } from "../../deps.ts";
import { notFound, ServiceError } from "../../errors.ts";
import { createId } from "../../ids.ts";
import { requireScope } from "../access.ts";
import { lifecycleOf } from "./lifecycle-deps.ts";
import { createRun, type TrainingRunSummary } from "./training-runs.ts";
import type { UploadRunParameters } from "./training-parameters.ts";

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MODEL_VERSION_PATTERN = /^\d{4}\.\d{2}\.\d{2}-\d+$/;

export interface ModelUpload {
  /** manifest.json as text (the ml package's ModelManifest; `head` may be omitted: the worker fills it) */
  manifest: string;
  /**
   * the head as ONNX, base64: input `features` float32 [N, featureDim] (the backbone layers the
   * manifest names), outputs `typology_logits` [N, 12] in the manifest's label order and
   * `no_firearm_logit` [N, 1]
   */
  onnxBase64: string;
  /** evaluate it on this dataset version's test split once validated */
  datasetVersionId?: string;
  note?: string;
}

/**
 * What can be checked without running the model: the manifest's JSON, version (new), labels (the
 * twelve catalogue keys, each once) and the ONNX bytes' size and shape. Each problem is one reason.
 */
export function checkUpload(manifestText: string, onnx: Buffer): { reasons: string[]; manifest: Record<string, unknown> | null } {
  const reasons: string[] = [];
  let manifest: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(manifestText);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) manifest = parsed as Record<string, unknown>;
    else reasons.push("the manifest is not a JSON object");
  } catch (e) {
    reasons.push(`the manifest is not valid JSON (${(e as Error).message})`);
  }
  if (manifest) {
    const version = manifest.version;
    if (typeof version !== "string" || !MODEL_VERSION_PATTERN.test(version)) reasons.push("manifest.version must look like 2026.11.25-2");
    const labels = manifest.labels;
    if (!Array.isArray(labels)) reasons.push("manifest.labels must list the typology keys in the head's output order");
    else {
      const unknown = labels.filter((label) => !(TYPOLOGY_KEYS as readonly unknown[]).includes(label));
      if (unknown.length) reasons.push(`labels outside the typology catalogue: ${unknown.map(String).join(", ")}`);
      if (new Set(labels).size !== labels.length) reasons.push("manifest.labels has duplicates");
      if (labels.length !== TYPOLOGY_KEYS.length) reasons.push(`manifest.labels has ${labels.length} labels, the catalogue ${TYPOLOGY_KEYS.length}`);
      const trained = manifest.trainedTypologies;
      if (Array.isArray(trained)) {
        const outside = trained.filter((key) => !labels.includes(key));
        if (outside.length) reasons.push(`trainedTypologies not among the labels: ${outside.map(String).join(", ")}`);
      }
    }
  }
  if (onnx.length === 0) reasons.push("the ONNX file is empty");
  else if (onnx.length > MAX_UPLOAD_BYTES) reasons.push(`the ONNX file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB`);
  // an ONNX ModelProto starts with field 1 (ir_version, varint): tag byte 0x08
  else if (onnx[0] !== 0x08) reasons.push("the file is not an ONNX model (no ModelProto header)");
  return { reasons, manifest };
}

/**
 * Accepts a model trained elsewhere for validation: cheap checks here (refused at once with their
 * reasons), then an `upload` run in the training worker opens the ONNX, checks input and output shapes,
 * runs a test inference on a generated image, registers a candidate and evaluates it.
 */
export async function uploadModel(deps: ServiceDeps, actor: Actor, input: ModelUpload): Promise<TrainingRunSummary> {
  requireScope(actor, "model:manage");
  const onnx = Buffer.from(input.onnxBase64, "base64");
  const { reasons, manifest } = checkUpload(input.manifest, onnx);
  const version = typeof manifest?.version === "string" ? manifest.version : "";
  const { modelsDir, uploadsDir } = lifecycleOf(deps);
  if (version && MODEL_VERSION_PATTERN.test(version)) {
    const taken = (await deps.db.modelVersion.findUnique({ where: { version }, select: { id: true } })) || existsSync(path.join(modelsDir, version));
    if (taken) reasons.push(`model version ${version} already exists: versions are immutable, give it a new one`);
  }
  if (reasons.length) throw new ServiceError("BAD_REQUEST", `model upload refused: ${reasons.join("; ")}`, "modelUploadInvalid", { reasons });
  if (input.datasetVersionId && !(await deps.db.datasetVersion.findUnique({ where: { id: input.datasetVersionId }, select: { id: true } }))) {
    throw notFound("dataset version");
  }

  const runId = createId();
  const folder = path.join(uploadsDir, runId);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "manifest.json"), input.manifest);
  await writeFile(path.join(folder, "head.onnx"), onnx);
  const onnxSha256 = createHash("sha256").update(onnx).digest("hex");
  const parameters: UploadRunParameters = { version, uploadFolder: runId, onnxSha256, ...(input.note ? { note: input.note.slice(0, 500) } : {}) };
  try {
    return await createRun(
      deps,
      actor,
      { kind: "upload", datasetVersionId: input.datasetVersionId ?? null, plannedVersion: version, parameters },
      { action: "model.upload", data: { version, onnxSha256, bytes: onnx.length } },
      runId,
    );
  } catch (e) {
    await rm(folder, { recursive: true, force: true });
    throw e;
  }
}
