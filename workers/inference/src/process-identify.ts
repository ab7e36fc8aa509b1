import type { Db } from "@basegun/db";
import { writeAudit } from "@basegun/db";
import { RULES_VERSION, type IdentificationAnswers } from "@basegun/domain";
import { createId, openReviewForPrediction } from "@basegun/api";
import type { AnnouncedStatus, IdentifyJob } from "@basegun/queue";
import type { PhotoStore } from "@basegun/storage";
import { UnrecoverableError } from "bullmq";
import type { ModelProvider } from "./model-provider.ts";
import { predictWith } from "./predict.ts";
import { runShadow } from "./shadow.ts";

export interface ProcessDeps {
  db: Db;
  store: PhotoStore;
  models: ModelProvider;
  /** the `shadow` alias's model, run after production's answer is stored (optional) */
  shadow?: ModelProvider;
  onShadowError?: (error: unknown) => void;
  /** announces that a case changed, and to which status (Redis pub/sub), so open result pages and waiting requests update at once */
  announce: (caseId: string, status: AnnouncedStatus) => Promise<void>;
}

export type ProcessOutcome = "stored" | "already-done" | "missing";

/**
 * Identifies one case. Idempotent: a case already done is left alone, and the prediction is unique per
 * (case, model version, photo revision), so a job run twice (lost lock, retry after a crash) stores one
 * prediction, while photos added later (an expert asked for another one) get a prediction of their own.
 */
export async function processIdentify(deps: ProcessDeps, job: IdentifyJob): Promise<ProcessOutcome> {
  const found = await deps.db.case.findUnique({
    where: { id: job.caseId },
    include: { photos: { orderBy: { position: "asc" } } },
  });
  if (!found) return "missing";
  if (found.status === "done") return "already-done";

  // updateMany: no row to read back
  await deps.db.case.updateMany({ where: { id: found.id }, data: { status: "processing", attempts: { increment: 1 } } });
  await deps.announce(found.id, "processing");

  const images = await Promise.all(found.photos.map((photo) => deps.store.get(photo.derivativeKey)));
  if (images.length === 0) throw new UnrecoverableError("case has no photo");

  const answers = (found.answers ?? {}) as IdentificationAnswers;
  let servedVersionId = "";
  await deps.models.withModel(async (model) => {
    servedVersionId = model.modelVersionId;
    const prediction = await predictWith(model, images, answers);
    await deps.db.$transaction(async (tx) => {
      // a rerun of the same model on the same photos gives the same answer: keep the first row
      // (ON CONFLICT DO NOTHING, one statement; the ORM's upsert takes three)
      const key = { caseId: found.id, modelVersionId: model.modelVersionId, photoRevision: found.photoRevision };
      const row = { id: createId(), shadow: false, ...key, ...prediction };
      const { count } = await tx.prediction.createMany({ data: [row], skipDuplicates: true });
      const stored = count === 1 ? row : await tx.prediction.findUniqueOrThrow({ where: { caseId_modelVersionId_photoRevision: key } });
      await tx.case.updateMany({ where: { id: found.id }, data: { status: "done", completedAt: new Date(), failureReason: null } });
      // low tier, open category question, officer's request or quality sample: an expert looks (once)
      await openReviewForPrediction(tx, { caseId: found.id, prediction: stored });
      await writeAudit(tx, {
        actorRole: "worker",
        action: "prediction.served",
        resourceType: "Case",
        resourceId: found.id,
        data: { modelVersion: model.version, rulesVersion: RULES_VERSION, tier: prediction.tier, status: prediction.status },
      });
    });
  });
  await deps.announce(found.id, "done");
  // the officer has the answer: only now does a shadow candidate look at the same photos
  if (deps.shadow) {
    await runShadow({ db: deps.db, shadow: deps.shadow, ...(deps.onShadowError ? { onError: deps.onShadowError } : {}) }, { caseId: found.id, photoRevision: found.photoRevision, answers, images, productionVersionId: servedVersionId });
  }
  return "stored";
}

/** After the last attempt: the case is failed with a reason the officer can act on (retry). */
export async function markFailed(deps: Pick<ProcessDeps, "db" | "announce">, caseId: string, reason: string): Promise<void> {
  const { count } = await deps.db.case.updateMany({
    where: { id: caseId, status: { in: ["pending", "processing"] } },
    data: { status: "failed", failureReason: reason.slice(0, 500) },
  });
  if (count > 0) await deps.announce(caseId, "failed");
}
