"use client";

import { useFormatter, useTranslations } from "next-intl";
import { AnswersSummary } from "@/components/result/answers-summary";
import type { ReviewDetailData } from "./review-screen";

/** What the officer said: procedure, urgency, request message, markings, lengths and every answer. */
export function CaseContext({ detail, answerLabels }: { detail: ReviewDetailData; answerLabels: Record<string, string> }) {
  const t = useTranslations("review");
  const format = useFormatter();
  const request = detail.case.expertRequest;
  const answers = detail.case.answers;
  // the markings close-up the officer pointed the expert to, when it is still one of this case's photos
  const pointedPhoto = request?.markingsPhotoId ? (detail.photos.find((photo) => photo.id === request.markingsPhotoId) ?? null) : null;
  const lengths = [
    ["overallLength", request?.overallLengthCm ?? answers.overallLengthCm],
    ["barrelLength", request?.barrelLengthCm ?? answers.barrelLengthCm],
  ] as const;
  const rows: Array<[string, string]> = [
    [t("procedureNumber"), detail.case.procedureNumber ?? "—"],
    [t("urgency"), detail.case.urgency === "urgent" ? t("urgent") : t("normal")],
    [t("officer"), `${detail.case.owner.name}${detail.case.owner.unit ? ` · ${detail.case.owner.unit}` : ""}`],
    [t("submittedAt"), format.dateTime(detail.case.createdAt, { dateStyle: "short", timeStyle: "short" })],
    ...lengths.flatMap(([key, value]) => (value !== undefined ? [[t(key), t("cm", { value: String(value).replace(".", ",") })] as [string, string]] : [])),
  ];

  return (
    <section aria-labelledby="context-title" data-testid="case-context">
      <h2 id="context-title" className="text-base font-bold">
        {t("contextTitle")}
      </h2>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted">{label}</dt>
            <dd className={label === t("urgency") && detail.case.urgency === "urgent" ? "font-bold text-marianne" : "font-medium"}>{value}</dd>
          </div>
        ))}
      </dl>
      {request?.message ? (
        <blockquote className="mt-3 rounded border-l-4 border-france bg-france-light p-2 text-sm" data-testid="officer-message">
          <p className="text-xs font-semibold text-france">{t("officerMessage")}</p>
          <p className="whitespace-pre-line">{request.message}</p>
        </blockquote>
      ) : null}
      {request?.markingsDescription ? (
        <p className="mt-2 text-sm">
          <span className="font-semibold">{t("markingsDescription")} : </span>
          <span className="font-mono">{request.markingsDescription}</span>
        </p>
      ) : null}
      {pointedPhoto ? (
        <p className="mt-2 text-sm" data-testid="officer-markings-photo">
          <span className="font-semibold">{t("markingsPhotoPointed")} : </span>
          <a href={pointedPhoto.url} target="_blank" rel="noreferrer" className="font-medium text-france underline underline-offset-4">
            {t("openMarkingsPhoto")}
          </a>
        </p>
      ) : null}
      {detail.case.answersIncomplete ? <p className="mt-2 text-sm font-semibold text-warning">{t("answersIncomplete")}</p> : null}
      <AnswersSummary answers={answers} labels={answerLabels} title={t("officerAnswers")} />
    </section>
  );
}
