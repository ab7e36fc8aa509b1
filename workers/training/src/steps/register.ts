import { readFile } from "node:fs/promises";
import path from "node:path";
import type { EvaluationMetrics } from "@basegun/api";
import { hashModelFolder, writeAudit, type Db, type ModelSource, type Prisma } from "@basegun/db";
import type { ModelManifest } from "@basegun/ml";
import { storeEvaluation } from "./evaluate-model.ts";

/**
 * Registers a written model folder as an immutable candidate version, with its evaluation and the
 * run's link to it, in one transaction (audited). The folder's hash is taken now: any later change to
 * the files makes the version refuse to be promoted.
 */
export async function registerCandidate(
  db: Db,
  options: {
    modelsDir: string;
    manifest: ModelManifest;
    source: ModelSource;
    runId: string;
    createdById: string | null;
    datasetVersionId: string | null;
    evaluation: { datasetVersionId: string; metrics: EvaluationMetrics } | null;
  },
) {
  const folder = path.join(options.modelsDir, options.manifest.version);
  const sha = await hashModelFolder(folder);
  const metrics = await readFile(path.join(folder, "metrics.json"), "utf8").then(JSON.parse, () => null);
  return db.$transaction(async (tx) => {
    const version = await tx.modelVersion.create({
      data: {
        version: options.manifest.version,
        artifactPath: options.manifest.version,
        artifactSha256: sha,
        manifest: options.manifest as unknown as Prisma.InputJsonValue,
        metrics: (metrics ?? undefined) as Prisma.InputJsonValue | undefined,
        source: options.source,
        status: "candidate",
        datasetVersionId: options.datasetVersionId,
        createdById: options.createdById,
      },
    });
    if (options.evaluation) await storeEvaluation(tx, version.id, options.evaluation.datasetVersionId, options.evaluation.metrics);
    await tx.trainingRun.update({ where: { id: options.runId }, data: { modelVersionId: version.id } });
    await writeAudit(tx, {
      actorId: options.createdById,
      actorRole: "worker",
      action: "model.register",
      resourceType: "ModelVersion",
      resourceId: version.id,
      data: { version: version.version, source: options.source, artifactSha256: sha, runId: options.runId },
    });
    return version;
  });
}
