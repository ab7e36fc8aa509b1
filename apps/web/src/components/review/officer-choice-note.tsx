"use client";

import type { RouterOutputs } from "@basegun/api";
import { IDENTIFICATION_KEY, KEY_UNKNOWN, type KeyQuestionId } from "@basegun/domain";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { pick } from "@/lib/localized";

type Detail = RouterOutputs["review"]["byId"];

/** The key's answers in words: "Comment se tient l'arme ? → À une main…". Unknown ids are shown as stored. */
function answerText(question: string, option: string, locale: string, dontKnow: string): { question: string; option: string } {
  const asked = IDENTIFICATION_KEY[question as KeyQuestionId];
  if (!asked) return { question, option };
  const chosen = option === KEY_UNKNOWN ? dontKnow : (asked.options.find((candidate) => candidate.id === option)?.label ?? null);
  return { question: pick(asked.prompt, locale), option: typeof chosen === "string" ? chosen : chosen ? pick(chosen, locale) : option };
}

/**
 * Read-only: what the officer said the weapon is (cards or visual key), apart from the model's answer.
 * On a review opened for it, "confirm" confirms the officer's typology (see submitReviewDecision).
 */
export function OfficerChoiceNote({ detail }: { detail: Detail }) {
  const t = useTranslations("officerChoice");
  const tGuided = useTranslations("guided");
  const locale = useLocale();
  const format = useFormatter();
  const choice = detail.case.officerChoice;
  if (!choice) return null;
  const typology = choice.typology ? pick(choice.typology.label, locale) : null;
  return (
    <section aria-labelledby="officer-choice-note-title" data-testid="officer-choice-note" className="rounded-lg border-2 border-france bg-france-light p-3 text-sm">
      <h2 id="officer-choice-note-title" className="font-bold">
        {t("officerChoiceTitle")}
      </h2>
      <p className="mt-1 text-base font-semibold">
        {typology
          ? t("officerChoiceTypology", { typology })
          : choice.family
            ? t("officerChoiceFamily", { family: tGuided(`families.${choice.family as "handgun" | "long_gun"}`) })
            : t("officerChoiceNone")}
      </p>
      <p className="text-muted">{t("officerChoiceAt", { date: format.dateTime(choice.chosenAt, { dateStyle: "short", timeStyle: "short" }) })}</p>
      {choice.keyAnswers.length > 0 ? (
        <>
          <h3 className="mt-2 font-semibold">{t("officerChoiceKey")}</h3>
          <ol className="mt-1 list-decimal space-y-0.5 pl-5">
            {choice.keyAnswers.map((answer, index) => {
              const text = answerText(answer.question, answer.option, locale, tGuided("keyDontKnow"));
              return (
                <li key={index}>
                  {text.question} → <span className="font-semibold">{text.option}</span>
                </li>
              );
            })}
          </ol>
        </>
      ) : null}
      {typology && detail.reason === "officer_identified" && detail.status !== "decided" ? (
        <p className="mt-2">
          {t("officerChoiceConfirmHint", { typology })} {t("officerChoiceCorrectHint")}
        </p>
      ) : null}
    </section>
  );
}
