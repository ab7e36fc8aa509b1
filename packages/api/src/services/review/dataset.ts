import { createHash } from "node:crypto";
import type { Prisma } from "@basegun/db";

/**
 * Stable split key for a photo's group: every photo of a case hashes the same, so a case never has
 * photos on both sides of a train/test split. Dataset versions take the first hex digits modulo 100.
 */
export function splitKeyFor(caseId: string): string {
  return createHash("sha256").update(`case:${caseId}`).digest("hex").slice(0, 16);
}

export interface DecisionLabel {
  reviewId: string;
  caseId: string;
  labellerId: string;
  reviewReason: Prisma.DatasetItemCreateManyInput["reviewReason"];
  prediction: { id: string; modelVersionId: string; topTypology: string } | null;
  /** null when the photos were judged unusable */
  typology: string | null;
  categoryLetters: string[];
  /** expert_review, or officer_confirmed when the expert's label is the officer's own identification */
  source?: "expert_review" | "officer_confirmed";
}

/** One labelled item per photo of the case, with its provenance, written in the decision's transaction. */
export async function createDatasetItems(tx: Prisma.TransactionClient, label: DecisionLabel, photoIds: string[]): Promise<number> {
  if (photoIds.length === 0) return 0;
  const splitKey = splitKeyFor(label.caseId);
  const { count } = await tx.datasetItem.createMany({
    data: photoIds.map((photoId) => ({
      photoId,
      typology: label.typology,
      categoryLetters: label.categoryLetters,
      usable: label.typology !== null,
      source: label.source ?? "expert_review",
      labellerId: label.labellerId,
      reviewId: label.reviewId,
      predictionId: label.prediction?.id ?? null,
      modelVersionId: label.prediction?.modelVersionId ?? null,
      agreesWithModel: label.prediction && label.typology !== null ? label.prediction.topTypology === label.typology : null,
      reviewReason: label.reviewReason,
      splitKey,
    })),
  });
  return count;
}
