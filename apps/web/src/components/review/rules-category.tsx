"use client";

import { ALARM_GUNS, expertQuestions, type CategoryQuestion, type TypologyKey } from "@basegun/domain";
import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";
import type { Draft } from "@/lib/answers-draft";
import { draftCategory, LETTERS, type DecisionDraft, type DraftProblem } from "@/lib/review/decision-draft";
import { pick } from "@/lib/localized";

const fieldClass = "mt-1 w-full rounded border border-neutral-500 px-2 py-1 text-sm";

/**
 * The legal category of the decision, computed live by the domain's rules from the typology and the
 * answers to the officer's own questions (shown pre-filled with the officer's answers); the rules'
 * conditions under it. Departing from the rules is an explicit override with letters and a reason.
 */
export function RulesCategory({
  draft,
  typology,
  onChange,
  problem,
}: {
  draft: DecisionDraft;
  typology: TypologyKey;
  onChange: (patch: Partial<DecisionDraft>) => void;
  problem: DraftProblem | null;
}) {
  const t = useTranslations("review");
  const locale = useLocale();
  const id = useId();
  const decided = draftCategory({ ...draft, typology, override: false });
  const rules = decided && "category" in decided ? decided.category.rules : null;
  const setAnswer = (field: string, value: string) => onChange({ answers: { ...draft.answers, [field]: value } });
  const questions = expertQuestions(typology);

  return (
    <section aria-labelledby={`${id}-title`} className="rounded border border-neutral-300 p-2" data-testid="rules-category">
      <h3 id={`${id}-title`} className="text-sm font-bold">
        {t("rulesCategoryTitle")}
      </h3>
      {rules ? (
        <div className="mt-1" data-testid="rules-letters" aria-live="polite">
          <p className="font-semibold">
            {rules.notClassified ? t("notClassified") : t("categoryOf", { letters: rules.letters.join(locale === "en" ? " or " : " ou ") })}
          </p>
          <ul className="text-xs text-muted">
            {rules.wording.map((wording) => (
              <li key={wording.letter ?? "none"}>{pick(wording, locale)}</li>
            ))}
          </ul>
          {rules.conditions.length > 0 ? (
            <ul className="mt-1 list-disc pl-4 text-xs" aria-label={t("rulesConditions")}>
              {rules.conditions.map((condition) => (
                <li key={condition.key}>{pick(condition, locale)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <p role="alert" className="mt-1 text-sm text-danger">
          {t("problemAnswers")}
        </p>
      )}

      {questions.length > 0 ? (
        <div className="mt-2 space-y-2">
          <p className="text-xs text-muted">{t("rulesQuestionsHint")}</p>
          {questions.map((question) => (
            <QuestionField key={question.key} question={question} answers={draft.answers} setAnswer={setAnswer} />
          ))}
        </div>
      ) : (
        <p className="mt-1 text-xs text-muted">{t("rulesNoQuestion")}</p>
      )}

      <label className="mt-3 flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" checked={draft.override} onChange={(event) => onChange({ override: event.target.checked })} className="h-4 w-4 accent-france" />
        {t("overrideToggle")}
      </label>
      {draft.override ? (
        <div className="mt-1 space-y-2 border-l-4 border-warning pl-2" data-testid="override">
          <fieldset>
            <legend className="text-sm font-medium">{t("overrideLetters")}</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {LETTERS.map((letter) => (
                <label key={letter} className="flex items-center gap-1.5 text-sm font-semibold">
                  <input
                    type="checkbox"
                    checked={draft.overrideLetters.includes(letter)}
                    onChange={() =>
                      onChange({
                        overrideLetters: draft.overrideLetters.includes(letter) ? draft.overrideLetters.filter((l) => l !== letter) : [...draft.overrideLetters, letter],
                      })
                    }
                    className="h-4 w-4 accent-france"
                    aria-invalid={problem === "overrideLettersMissing"}
                  />
                  {t("categoryLetter", { letter })}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="block text-sm font-medium">
            {t("overrideExplanation")}
            <textarea
              value={draft.overrideExplanation}
              onChange={(event) => onChange({ overrideExplanation: event.target.value })}
              rows={2}
              maxLength={1000}
              className={fieldClass}
              aria-invalid={problem === "overrideExplanationMissing"}
            />
          </label>
        </div>
      ) : null}
    </section>
  );
}

/** One of the officer's questions, as a field the expert can change. */
function QuestionField({ question, answers, setAnswer }: { question: CategoryQuestion; answers: Draft; setAnswer: (field: string, value: string) => void }) {
  const t = useTranslations("review");
  const tq = useTranslations("questions");
  const locale = useLocale();
  const label = pick(question, locale);
  if (question.key === "lengths") {
    return (
      <fieldset>
        <legend className="text-xs font-medium">{label}</legend>
        <div className="grid grid-cols-3 gap-2">
          {(["overallLengthCm", "barrelLengthCm"] as const).map((field) => (
            <label key={field} className="text-xs">
              {tq(field === "overallLengthCm" ? "overallLength" : "barrelLength")}
              <input inputMode="decimal" value={answers[field] ?? ""} onChange={(event) => setAnswer(field, event.target.value)} className={fieldClass} />
            </label>
          ))}
          <label className="text-xs">
            {tq("lengthSource")}
            <select value={answers.lengthSource ?? "photo"} onChange={(event) => setAnswer("lengthSource", event.target.value)} className={`${fieldClass} bg-white`}>
              <option value="measured">{tq("lengthMeasured")}</option>
              <option value="photo">{tq("lengthEstimated")}</option>
            </select>
          </label>
        </div>
      </fieldset>
    );
  }
  if (question.key === "magazineCapacity") {
    return (
      <label className="block text-xs font-medium">
        {label}
        <input inputMode="numeric" value={answers.magazineCapacity ?? ""} onChange={(event) => setAnswer("magazineCapacity", event.target.value)} className={fieldClass} />
      </label>
    );
  }
  if (question.key === "markings") {
    return (
      <label className="block text-xs font-medium">
        {tq("alarmGunModel")}
        <select value={answers.alarmGunModel ?? ""} onChange={(event) => setAnswer("alarmGunModel", event.target.value)} className={`${fieldClass} bg-white`}>
          <option value="">{tq("alarmGunNone")}</option>
          {ALARM_GUNS.map((gun) => (
            <option key={gun.id} value={gun.id}>
              {gun.brand} {gun.model}
            </option>
          ))}
        </select>
      </label>
    );
  }
  const field = question.key;
  return (
    <label className="block text-xs font-medium">
      {label}
      <select value={answers[field] ?? ""} onChange={(event) => setAnswer(field, event.target.value)} className={`${fieldClass} bg-white`}>
        <option value="">{t("notAnswered")}</option>
        {(question.options ?? []).map((option) => (
          <option key={String(option.value)} value={String(option.value)}>
            {pick(option, locale)}
          </option>
        ))}
      </select>
    </label>
  );
}
