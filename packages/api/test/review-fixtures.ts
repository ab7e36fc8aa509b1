import type { Actor } from "@basegun/auth";
import { randomBytes } from "node:crypto";
import type { Db } from "@basegun/db";
import { openReviewForPrediction } from "../src/services/review/open.ts";
import { ensureModelVersion } from "./fixtures.ts";

/** A unit name no other test uses: queue filters on it keep each test's reviews to itself. */
export const uniqueUnit = (label: string) => `Unit ${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export interface StoredCaseOptions {
  tier?: "low" | "medium" | "high";
  status?: "identified" | "not_determined" | "no_firearm";
  typology?: string;
  confidence?: number;
  urgency?: "normal" | "urgent";
  photos?: number;
  answers?: object;
  answersIncomplete?: boolean;
  createdAt?: Date;
  /** open reviews as the worker would: false leaves routing to the test */
  route?: boolean;
  random?: number;
  /** sha256 of each photo's original bytes; random (distinct files) by default */
  photoHashes?: string[];
  /** the prediction's probabilities, when the default pair (typology, revolver or pistol) will not do */
  probabilities?: Record<string, number>;
}

/**
 * A finished case as the worker leaves it: photos, a prediction, and (unless route is false) the routing
 * call the worker makes in the same transaction. Photos are rows only: no file is needed to review them.
 */
export async function storeFinishedCase(db: Db, owner: Actor, options: StoredCaseOptions = {}) {
  const model = await ensureModelVersion(db);
  const typology = options.typology ?? "epaule_a_verrou";
  const tier = options.tier ?? "low";
  const confidence = options.confidence ?? (tier === "high" ? 0.99 : tier === "medium" ? 0.85 : 0.5);
  const status = options.status ?? (tier === "low" ? "not_determined" : "identified");
  const other = typology === "revolver" ? "pistolet_semi_auto_moderne" : "revolver";
  const probabilities = options.probabilities ?? { [typology]: confidence, [other]: Number((1 - confidence).toFixed(6)) };
  const theCase = await db.case.create({
    data: {
      ownerId: owner.userId,
      unit: owner.unit,
      status: "done",
      urgency: options.urgency ?? "normal",
      answers: options.answers ?? {},
      answersIncomplete: options.answersIncomplete ?? false,
      createdAt: options.createdAt,
      completedAt: new Date(),
      photos: {
        create: Array.from({ length: options.photos ?? 2 }, (_, position) => ({
          position,
          kind: position === 0 ? "overview" : "markings",
          originalKey: `test/${position}-${Math.random()}`,
          originalSha256: options.photoHashes?.[position] ?? randomBytes(32).toString("hex"),
          originalBytes: 100,
          originalMime: "image/jpeg",
          derivativeKey: `test/d-${position}-${Math.random()}`,
          derivativeSha256: "b".repeat(64),
          width: 480,
          height: 320,
        })),
      },
    },
    include: { photos: true },
  });
  const prediction = await db.prediction.create({
    data: {
      caseId: theCase.id,
      modelVersionId: model.id,
      rulesVersion: "fr-test",
      status,
      rawProbabilities: probabilities,
      probabilities,
      familyProbabilities: { handgun: 0.2, long_gun: 0.8 },
      topTypology: typology,
      typology: status === "identified" ? typology : null,
      family: "long_gun",
      confidence,
      tier,
      noFirearmScore: status === "no_firearm" ? 0.9 : 0.01,
      executionProvider: "cpu",
      latencyMs: 10,
      timings: {},
    },
  });
  const routing =
    options.route === false
      ? null
      : await db.$transaction((tx) =>
          openReviewForPrediction(tx, { caseId: theCase.id, modelVersionId: model.id }, { random: () => options.random ?? 0.5 }),
        );
  return { theCase, prediction, model, routing };
}
