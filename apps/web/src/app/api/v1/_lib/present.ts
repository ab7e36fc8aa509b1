import type { IdentificationStatus } from "@basegun/api";
import type { z } from "zod";
import type { identificationStatus } from "./schemas.ts";

/** The public API's view of a case: stable field names, French labels, no internal ids of photos. */
export function presentIdentification({ state, view }: IdentificationStatus): z.infer<typeof identificationStatus> {
  const r = view?.result ?? null;
  return {
    id: state.id,
    status: state.status,
    createdAt: state.createdAt.toISOString(),
    failureReason: state.failureReason,
    result: r && {
      status: r.status,
      typology: r.typology && { key: r.typology.key, label: r.typology.label.fr, labels: r.typology.label },
      topCandidates: r.topCandidates.map((c) => ({ key: c.key, label: c.label.fr, probability: c.probability })),
      family: r.family,
      familyConfidence: r.familyConfidence,
      confidence: r.confidence,
      tier: r.tier,
      probabilities: r.probabilities,
      noFirearmScore: r.noFirearmScore,
      category: r.category && {
        letters: r.category.letters,
        notClassified: r.category.notClassified,
        wording: r.category.wording.map((w) => ({ letter: w.letter, fr: w.fr, en: w.en })),
        conditions: r.category.conditions.map((c) => ({ key: c.key, fr: c.fr, en: c.en })),
        questions: r.category.questions.map((q) => ({ key: q.key, fr: q.fr, en: q.en })),
        rulesVersion: r.category.rulesVersion,
      },
      notice: { fr: r.notice.fr, en: r.notice.en },
      modelVersion: r.modelVersion,
      rulesVersion: r.rulesVersion,
      latencyMs: r.latencyMs,
    },
  };
}
