"use client";

import { useLocale, useTranslations } from "next-intl";
import { pick } from "@/lib/localized";
import { percentOf, TIER_KEYS, TIER_STYLES } from "./labels";
import type { ReviewDetailData } from "./review-screen";

/** The model's top three with their probabilities, as bars, and what it concluded; ties share a rank. */
export function ModelAnswer({ prediction }: { prediction: ReviewDetailData["prediction"] }) {
  const t = useTranslations("review");
  const locale = useLocale();
  if (!prediction) {
    return (
      <section aria-labelledby="model-title">
        <h2 id="model-title" className="text-base font-bold">
          {t("modelTitle")}
        </h2>
        <p className="mt-1 text-sm text-muted">{t("noPrediction")}</p>
      </section>
    );
  }
  const headline =
    prediction.status === "no_firearm" ? t("modelNoFirearm") : prediction.typology ? pick(prediction.typology.label, locale) : t("modelUndetermined");
  return (
    <section aria-labelledby="model-title" data-testid="model-answer">
      <h2 id="model-title" className="flex items-center justify-between gap-2 text-base font-bold">
        {t("modelTitle")}
        <span className={`rounded px-2 py-0.5 text-xs font-semibold ${TIER_STYLES[prediction.tier]}`}>{t(TIER_KEYS[prediction.tier])}</span>
      </h2>
      <p className="mt-1 font-semibold">
        {headline}
        {prediction.categoryLetters && prediction.categoryLetters.length > 0 ? (
          <span className="ml-2 rounded bg-neutral-900 px-2 py-0.5 text-xs font-bold text-white">{prediction.categoryLetters.join(" / ")}</span>
        ) : null}
      </p>
      <ol className="mt-2 space-y-1.5" aria-label={t("topThree")}>
        {prediction.topCandidates.map((candidate) => {
          const percent = percentOf(candidate.probability);
          const tied = prediction.topCandidates.filter((other) => other.rank === candidate.rank).length > 1;
          return (
            <li key={candidate.key} className="text-sm">
              <span className="flex justify-between gap-2">
                <span>
                  <span className="text-muted">{tied ? t("rankTied", { rank: candidate.rank }) : `${candidate.rank}.`}</span> {pick(candidate.label, locale)}
                </span>
                <span className="tabular-nums font-semibold">{percent} %</span>
              </span>
              <span className="mt-0.5 block h-1.5 rounded bg-neutral-200" aria-hidden="true">
                <span className="block h-1.5 rounded bg-france" style={{ width: `${Math.max(percent, 1)}%` }} />
              </span>
            </li>
          );
        })}
      </ol>
      <p className="mt-2 text-xs text-muted">
        {t("modelInfo", { model: prediction.modelVersion, rules: prediction.rulesVersion, noFirearm: percentOf(prediction.noFirearmScore) })}
      </p>
    </section>
  );
}
