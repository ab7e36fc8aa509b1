"use client";

import type { IdentificationAnswers } from "@basegun/domain";
import { useTranslations } from "next-intl";

type AnswerField = keyof IdentificationAnswers;

const ORDER: AnswerField[] = [
  "overallLengthCm",
  "barrelLengthCm",
  "lengthSource",
  "ammunition",
  "barrelBore",
  "magazineCapacity",
  "detachableMagazine",
  "stockFixed",
  "originallyAutomatic",
  "foldingStockUnder60",
  "revolverMechanism",
  "alarmGunModel",
  "markingsText",
];

/** What the officer answered, in words, so the lengths behind a category are always visible. */
export function AnswersSummary({
  answers,
  labels,
  onClear,
  clearing,
  title,
}: {
  answers: IdentificationAnswers;
  labels: Record<string, string>;
  /** without it (the expert's read-only view) there is no "clear" button */
  onClear?: () => void;
  clearing?: boolean;
  /** the heading; "Vos réponses" (the officer's own) unless told */
  title?: string;
}) {
  const t = useTranslations("questions");
  const tResult = useTranslations("result");

  const format = (field: AnswerField, value: unknown): string => {
    if (field === "overallLengthCm" || field === "barrelLengthCm") return t("cm", { value: String(value).replace(".", ",") });
    if (field === "lengthSource") return value === "measured" ? t("lengthMeasured") : t("lengthEstimated");
    if (field === "markingsText") return value === "" ? t("none") : String(value);
    if (typeof value === "boolean") return labels[`${field}:${value}`] ?? (value ? t("yes") : t("no"));
    return labels[`${field}:${String(value)}`] ?? String(value);
  };

  const entries = ORDER.filter((field) => answers[field] !== undefined);
  if (entries.length === 0) return null;

  return (
    <section aria-labelledby="answers-title" className="mt-6">
      <h2 id="answers-title" className="text-lg font-bold">
        {title ?? tResult("answersTitle")}
      </h2>
      <dl className="mt-2 divide-y divide-neutral-200 rounded border border-neutral-300">
        {entries.map((field) => (
          <div key={field} className="flex justify-between gap-3 px-3 py-2 text-sm">
            <dt className="text-muted">{t(`answerLabels.${field}`)}</dt>
            <dd className="text-right font-medium">{format(field, answers[field])}</dd>
          </div>
        ))}
      </dl>
      {onClear ? (
        <button type="button" onClick={onClear} disabled={clearing} className="mt-2 text-sm font-medium text-france underline underline-offset-4">
          {tResult("clearAnswers")}
        </button>
      ) : null}
    </section>
  );
}
