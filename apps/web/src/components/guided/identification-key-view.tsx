"use client";

import { KEY_UNKNOWN, walkKey, type KeyAnswer, type KeyQuestionId, type KeyStep } from "@basegun/domain";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { KeyOptionDrawing } from "@/components/drawings/key-option-drawing";
import { pick } from "@/lib/localized";

export type KeyEnd = Exclude<KeyStep, { kind: "question" }>;

/**
 * The visual identification key, one question per screen: drawings for every option and «je ne sais
 * pas» always allowed. The key itself is data in @basegun/domain (walkKey decides what comes next);
 * when it ends (a typology, a family, undetermined) the answers go to onFinish.
 */
export function IdentificationKeyView({
  start,
  onFinish,
  onCancel,
  pending,
  error,
}: {
  start: KeyQuestionId;
  onFinish: (answers: KeyAnswer[], end: KeyEnd) => void;
  onCancel: () => void;
  pending: boolean;
  error: string | null;
}) {
  const t = useTranslations("guided");
  const locale = useLocale();
  const [answers, setAnswers] = useState<KeyAnswer[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  const step = walkKey(answers, start);

  // each question is a new screen: focus its prompt (screen readers, keyboard) and show it from the top
  useEffect(() => {
    heading.current?.focus();
    window.scrollTo({ top: 0 });
  }, [answers.length]);

  const finished = step.kind !== "question" ? step : null;
  const sent = useRef(false);
  useEffect(() => {
    if (finished && !sent.current) {
      sent.current = true;
      onFinish(answers, finished);
    }
  }, [finished, answers, onFinish]);

  const answer = (option: string) => {
    if (step.kind !== "question") return;
    setAnswers((current) => [...current, { question: step.question.id, option }]);
  };
  const back = () => {
    sent.current = false;
    setAnswers((current) => current.slice(0, -1));
  };

  return (
    <section aria-labelledby="key-question" data-testid="identification-key" className="pt-2">
      <p className="text-sm font-semibold text-france">
        {t("keyTitle")} · {t("keyProgress", { index: Math.min(answers.length + 1, 4) })}
      </p>
      {step.kind === "question" ? (
        <>
          <h2 id="key-question" ref={heading} tabIndex={-1} className="mt-1 text-xl leading-tight font-bold">
            {pick(step.question.prompt, locale)}
          </h2>
          {step.question.hint ? <p className="mt-1 text-sm">{pick(step.question.hint, locale)}</p> : null}
          <ul className="mt-2 grid grid-cols-2 gap-2">
            {step.question.options.map((option) => (
              <li key={option.id}>
                <button
                  type="button"
                  data-testid={`key-option-${option.id}`}
                  onClick={() => answer(option.id)}
                  className="flex h-full w-full flex-col rounded-lg border-2 border-neutral-400 bg-white p-2 text-left hover:border-france hover:bg-france-light"
                >
                  <KeyOptionDrawing drawing={option.drawing} className="h-10 w-full" />
                  <span className="mt-1 text-sm leading-snug font-medium">{pick(option.label, locale)}</span>
                </button>
              </li>
            ))}
            {/* «je ne sais pas» is always an answer, in the grid so that it stays on the first screen */}
            <li>
              <button
                type="button"
                data-testid="key-option-unknown"
                onClick={() => answer(KEY_UNKNOWN)}
                className="flex h-full min-h-16 w-full items-center justify-center rounded-lg border-2 border-france bg-white p-2 text-center font-semibold text-france hover:bg-france-light"
              >
                {t("keyDontKnow")}
              </button>
            </li>
          </ul>
        </>
      ) : (
        <p id="key-question" role="status" className="mt-1 text-xl font-bold">
          {t("saving")}
        </p>
      )}
      {error ? (
        <p role="alert" className="mt-2 text-sm font-semibold text-danger">
          {error}
        </p>
      ) : null}
      <div className="mt-3 flex items-center justify-between gap-3">
        {answers.length > 0 ? (
          <button type="button" onClick={back} disabled={pending} className="h-11 font-medium text-france underline underline-offset-4">
            {t("keyBack")}
          </button>
        ) : (
          <span />
        )}
        <button type="button" onClick={onCancel} disabled={pending} className="h-11 font-medium text-france underline underline-offset-4">
          {t("keyCancel")}
        </button>
      </div>
    </section>
  );
}
