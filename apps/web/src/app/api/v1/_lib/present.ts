import type { IdentificationStatus } from "@basegun/api";
import type { z } from "zod";
import type { identificationStatus } from "./schemas.ts";

/** The public API's view of a case: stable field names, French labels, no internal ids of photos. */
export function presentIdentification({ state, view }: IdentificationStatus): z.infer<typeof identificationStatus> {
  const r = view?.result ?? null;
  const choice = view?.officerChoice ?? null;
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
      category: r.category && presentCategory(r.category),
      notice: { fr: r.notice.fr, en: r.notice.en },
      modelVersion: r.modelVersion,
      rulesVersion: r.rulesVersion,
      latencyMs: r.latencyMs,
    },
    officerChoice: choice && {
      source: choice.source,
      typology: choice.typology && { key: choice.typology.key, label: choice.typology.label.fr, labels: choice.typology.label },
      family: choice.family,
      keyAnswers: choice.keyAnswers.map((a) => ({ question: a.question, option: a.option })),
      chosenAt: choice.chosenAt.toISOString(),
      category: choice.category && presentCategory(choice.category),
    },
  };
}

type Category = NonNullable<NonNullable<NonNullable<IdentificationStatus["view"]>["result"]>["category"]>;

function presentCategory(category: Category) {
  return {
    letters: category.letters,
    notClassified: category.notClassified,
    wording: category.wording.map((w) => ({ letter: w.letter, fr: w.fr, en: w.en })),
    conditions: category.conditions.map((c) => ({ key: c.key, fr: c.fr, en: c.en })),
    questions: category.questions.map((q) => ({ key: q.key, fr: q.fr, en: q.en })),
    rulesVersion: category.rulesVersion,
  };
}
