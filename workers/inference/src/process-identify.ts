import { poolOf, type Db } from "@basegun/db";
import type { IdentificationAnswers } from "@basegun/domain";
import type { AnnouncedStatus, IdentifyJob } from "@basegun/queue";
import type { PhotoStore } from "@basegun/storage";
import { UnrecoverableError } from "bullmq";
import { claimCase, storeProductionPrediction } from "./case-sql.ts";
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
  const pool = poolOf(deps.db);
  const claimed = await claimCase(pool, job.caseId);
  if (claimed.outcome !== "claimed") return claimed.outcome;
  await deps.announce(claimed.id, "processing");

  const images = await Promise.all(claimed.derivativeKeys.map((key) => deps.store.get(key)));
  if (images.length === 0) throw new UnrecoverableError("case has no photo");

  const answers = (claimed.answers ?? {}) as IdentificationAnswers;
  let servedVersionId = "";
  await deps.models.withModel(async (model) => {
    servedVersionId = model.modelVersionId;
    const prediction = await predictWith(model, images, answers);
    await storeProductionPrediction(pool, { caseId: claimed.id, photoRevision: claimed.photoRevision, modelVersionId: model.modelVersionId, modelVersion: model.version, prediction });
  });
  await deps.announce(claimed.id, "done");
  // the officer has the answer: only now does a shadow candidate look at the same photos
  if (deps.shadow) {
    await runShadow({ db: deps.db, shadow: deps.shadow, ...(deps.onShadowError ? { onError: deps.onShadowError } : {}) }, { caseId: claimed.id, photoRevision: claimed.photoRevision, answers, images, productionVersionId: servedVersionId });
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
