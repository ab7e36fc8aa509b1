"use client";

import type { CategoryQuestion, IdentificationAnswers } from "@basegun/domain";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { draftToAnswers, type Draft } from "@/lib/answers-draft";
import { pick } from "@/lib/localized";

export interface AlarmGunChoice {
  id: string;
  name: string;
  kind: string;
}

const inputClass = "mt-1 h-12 w-full rounded border border-neutral-500 px-3 text-base";

export function AnswersForm({
  questions,
  answers,
  typologyFamilyKind,
  alarmGuns,
  pending,
  saved,
  error,
  onSubmit,
  onCannotAnswer,
}: {
  questions: CategoryQuestion[];
  answers: IdentificationAnswers;
  typologyFamilyKind: "revolver" | "pistol";
  alarmGuns: AlarmGunChoice[];
  pending: boolean;
  saved: boolean;
  error: string | null;
  onSubmit: (answers: IdentificationAnswers) => void;
  /** "je ne sais pas": the open questions go to an expert when they matter for the category */
  onCannotAnswer: () => void;
}) {
  const t = useTranslations("questions");
  const locale = useLocale();
  const id = useId();
  const [draft, setDraft] = useState<Draft>({ lengthSource: answers.lengthSource ?? "photo" });
  const [invalid, setInvalid] = useState<string[]>([]);
  const set = (field: string, value: string) => setDraft((current) => ({ ...current, [field]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = draftToAnswers(draft);
    setInvalid(parsed.invalid);
    if (parsed.invalid.length > 0) return;
    onSubmit({ ...answers, ...parsed.answers });
  }

  const numberField = (field: string, label: string, integer = false) => (
    <div>
      <label htmlFor={`${id}-${field}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`${id}-${field}`}
        inputMode={integer ? "numeric" : "decimal"}
        autoComplete="off"
        value={draft[field] ?? ""}
        onChange={(event) => set(field, event.target.value)}
        aria-invalid={invalid.includes(field)}
        aria-describedby={invalid.includes(field) ? `${id}-${field}-error` : undefined}
        className={inputClass}
      />
      {invalid.includes(field) ? (
        <p id={`${id}-${field}-error`} className="mt-1 text-sm text-danger">
          {t("invalidNumber")}
        </p>
      ) : null}
    </div>
  );

  const radioGroup = (field: string, legend: string, options: Array<{ value: string; label: string }>) => (
    <fieldset>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="mt-1 grid gap-2">
        {options.map((option) => (
          <label key={option.value} className="flex min-h-12 cursor-pointer items-center gap-3 rounded border border-neutral-400 px-3 py-2 has-[:checked]:border-france has-[:checked]:bg-france-light">
            <input
              type="radio"
              name={`${id}-${field}`}
              value={option.value}
              checked={draft[field] === option.value}
              onChange={() => set(field, option.value)}
              className="h-5 w-5 shrink-0 accent-france"
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );

  const renderQuestion = (question: CategoryQuestion) => {
    const text = pick(question, locale);
    switch (question.key) {
      case "lengths":
        return (
          <div className="space-y-3">
            <p className="text-sm">{text}</p>
            <div className="grid grid-cols-2 gap-3">
              {numberField("overallLengthCm", t("overallLength"))}
              {numberField("barrelLengthCm", t("barrelLength"))}
            </div>
            {radioGroup("lengthSource", t("lengthSource"), [
              { value: "measured", label: t("lengthMeasured") },
              { value: "photo", label: t("lengthEstimated") },
            ])}
          </div>
        );
      case "magazineCapacity":
        return (
          <div>
            <p className="text-sm">{text}</p>
            {numberField("magazineCapacity", t("capacity"), true)}
          </div>
        );
      case "markings":
        return (
          <div className="space-y-3">
            <p className="text-sm">{text}</p>
            <div>
              <label htmlFor={`${id}-alarmGunModel`} className="block text-sm font-medium">
                {t("alarmGunModel")}
              </label>
              <select
                id={`${id}-alarmGunModel`}
                value={draft.alarmGunModel ?? ""}
                onChange={(event) => set("alarmGunModel", event.target.value)}
                className={`${inputClass} bg-white`}
              >
                <option value="">{t("alarmGunPick")}</option>
                {alarmGuns
                  .filter((gun) => gun.kind === typologyFamilyKind)
                  .map((gun) => (
                    <option key={gun.id} value={gun.id}>
                      {gun.name}
                    </option>
                  ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-markingsText`} className="block text-sm font-medium">
                {t("markingsText")}
              </label>
              <input
                id={`${id}-markingsText`}
                value={draft.markingsText ?? ""}
                disabled={draft.noMarkings === "true"}
                onChange={(event) => set("markingsText", event.target.value)}
                maxLength={500}
                autoComplete="off"
                className={inputClass}
              />
            </div>
            <label className="flex min-h-12 items-center gap-3">
              <input
                type="checkbox"
                checked={draft.noMarkings === "true"}
                onChange={(event) => set("noMarkings", event.target.checked ? "true" : "")}
                className="h-5 w-5 accent-france"
              />
              {t("noMarkings")}
            </label>
          </div>
        );
      default:
        return question.options
          ? radioGroup(
              question.key,
              text,
              question.options.map((option) => ({ value: String(option.value), label: pick(option, locale) })),
            )
          : null;
    }
  };

  const hasInput = Object.entries(draft).some(([field, value]) => field !== "lengthSource" && value !== "");

  return (
    <form onSubmit={submit} className="mt-3 space-y-5" noValidate>
      {questions.map((question) => (
        <div key={question.key} className="rounded-lg border border-neutral-300 p-3">
          {renderQuestion(question)}
        </div>
      ))}
      {error ? (
        <p role="alert" className="rounded border-l-4 border-danger bg-danger-light p-3 text-sm">
          {error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending || !hasInput}
        className="h-12 w-full rounded bg-france font-semibold text-white hover:bg-france-dark disabled:bg-neutral-400"
      >
        {pending ? t("saving") : t("save")}
      </button>
      <button
        type="button"
        onClick={onCannotAnswer}
        disabled={pending}
        className="h-12 w-full rounded border-2 border-france font-semibold text-france hover:bg-france-light disabled:opacity-60"
      >
        {t("cannotAnswer")}
      </button>
      <p className="text-xs text-muted">{t("cannotAnswerHint")}</p>
      <p aria-live="polite" className="text-sm text-success">
        {saved && !pending ? t("saved") : ""}
      </p>
    </form>
  );
}
