"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { pick } from "@/lib/localized";
import type { IdentificationViewData } from "./identification-result-view";
import { VerdictDetails } from "./verdict-details";

type ExpertVerdict = NonNullable<IdentificationViewData["expertVerdict"]>;

const LETTER_STYLES: Record<string, string> = {
  A: "bg-danger text-white",
  B: "bg-warning text-white",
  C: "bg-france text-white",
  D: "bg-success text-white",
};

/**
 * Once an expert has confirmed or corrected, their verdict is THE answer of the case: shown first, with
 * who answered (an expert of the SCAE: their name stays with the experts) and when. The model's answer
 * moves into the details below it.
 */
export function ExpertAnswer({ verdict, isNew }: { verdict: ExpertVerdict; isNew: boolean }) {
  const t = useTranslations("expert");
  const locale = useLocale();
  const format = useFormatter();
  const letters = verdict.categoryLetters;

  return (
    <section aria-labelledby="expert-answer-title" data-testid="expert-answer" className="rounded-lg border-2 border-success bg-white p-3">
      <p className="flex flex-wrap items-center gap-2 text-sm font-bold text-success">
        {verdict.decision === "correct" ? t("answerCorrected") : t("answerConfirmed")}
        {isNew ? <span className="rounded bg-danger px-2 py-0.5 text-xs text-white">{t("new")}</span> : null}
      </p>
      <h2 id="expert-answer-title" className="mt-1 text-xl leading-tight font-bold" data-testid="expert-typology">
        {verdict.typology ? pick(verdict.typology.label, locale) : t("answerNoTypology")}
      </h2>
      <div className="mt-2 flex items-center gap-3" data-testid="expert-category">
        {letters.length > 0 ? (
          <>
            <span className="flex gap-1" aria-hidden="true">
              {letters.map((letter) => (
                <span key={letter} className={`flex h-10 w-10 items-center justify-center rounded text-2xl font-black ${LETTER_STYLES[letter] ?? "bg-neutral-700 text-white"}`}>
                  {letter}
                </span>
              ))}
            </span>
            <span className="text-lg font-bold">{t("categoryLetters", { letters: letters.join(locale === "en" ? " or " : " ou ") })}</span>
          </>
        ) : (
          <span className="text-lg font-bold">{t("notClassified")}</span>
        )}
      </div>
      {verdict.override ? <p className="mt-1 text-sm font-semibold">{t("overrideNote", { explanation: verdict.override.explanation })}</p> : null}
      <VerdictDetails verdict={verdict} />
      <p className="mt-2 text-sm text-muted" data-testid="expert-answer-by">
        {t("answeredBy", { date: format.dateTime(new Date(verdict.decidedAt), { dateStyle: "long", timeStyle: "short" }) })}
      </p>
    </section>
  );
}
