"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { pick } from "@/lib/localized";
import { DECISION_KEYS } from "./labels";
import type { ReviewDetailData } from "./review-screen";

type Decision = NonNullable<ReviewDetailData["decision"]>;

/** A saved decision, read-only: this review's, or an earlier one on the same case. */
export function DecisionSummary({ decision, compact = false }: { decision: Decision; compact?: boolean }) {
  const t = useTranslations("review");
  const locale = useLocale();
  const format = useFormatter();
  const details = (
    [
      ["make", decision.make],
      ["model", decision.model],
      ["calibre", decision.calibre],
      ["notes", decision.notes],
      ["messageToOfficer", decision.messageToOfficer],
    ] as const
  ).filter(([, value]) => value);
  return (
    <div className={`rounded border ${compact ? "border-neutral-300 p-2 text-sm" : "border-2 border-france p-3"}`} data-testid="decision-summary">
      <p className="font-bold text-france">{t(DECISION_KEYS[decision.decision])}</p>
      <p className="text-xs text-muted">
        {t("decidedBy", { name: decision.decidedBy?.name ?? "—", date: format.dateTime(decision.decidedAt, { dateStyle: "short", timeStyle: "short" }) })}
      </p>
      {decision.typology ? (
        <p className="mt-1 font-semibold">
          {pick(decision.typology.label, locale)}
          {decision.categoryLetters.length > 0 ? ` · ${t("categoryOf", { letters: decision.categoryLetters.join(" / ") })}` : decision.decision !== "unusable" ? ` · ${t("notClassified")}` : ""}
        </p>
      ) : null}
      {decision.override ? (
        <p className="mt-1 rounded border-l-4 border-warning bg-warning-light p-1.5 text-sm" data-testid="decision-override">
          <span className="font-semibold">
            {t("overrideShown", {
              rules: decision.override.rulesLetters.length > 0 ? decision.override.rulesLetters.join(" / ") : t("notClassified"),
            })}
          </span>{" "}
          {decision.override.explanation}
        </p>
      ) : null}
      {decision.conditions.length > 0 ? (
        <ul className="mt-1 list-disc pl-5 text-sm">
          {decision.conditions.map((condition) => (
            <li key={condition}>{condition}</li>
          ))}
        </ul>
      ) : null}
      {details.length > 0 ? (
        <dl className="mt-1 text-sm">
          {details.map(([key, value]) => (
            <div key={key} className="flex gap-2">
              <dt className="shrink-0 text-muted">{t(key)} :</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
