"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useState, type FormEvent } from "react";
import { pick } from "@/lib/localized";
import { AddPhotoButton } from "./add-photo-button";
import { VerdictDetails } from "./verdict-details";
import type { IdentificationViewData } from "./identification-result-view";

export interface ExpertRequestDraft {
  message?: string;
  markingsDescription?: string;
  urgency?: "normal" | "urgent";
  overallLengthCm?: number;
  barrelLengthCm?: number;
  markingsPhotoId?: string;
}

/** "102,5" or "102.5" → 102.5; empty → undefined; anything else → NaN (refused before sending) */
function centimetres(text: string): number | undefined {
  const trimmed = text.trim().replace(",", ".");
  if (!trimmed) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) && value > 0 && value <= 300 ? value : Number.NaN;
}
const cmText = (value: number | undefined) => (value === undefined ? "" : String(value));

const REASON_KEYS = {
  low_confidence: "reasonLowConfidence",
  category_needs_answer: "reasonCategoryNeedsAnswer",
  officer_request: "reasonOfficerRequest",
  quality_sample: "reasonQualitySample",
  officer_identified: "reasonOfficerIdentified",
} as const;

const DECISION_KEYS = { confirm: "decisionConfirm", correct: "decisionCorrect", unusable: "decisionUnusable" } as const;
const STATUS_KEYS = { waiting: "statusWaiting", in_review: "statusInReview", decided: "statusDecided" } as const;

/**
 * Everything between the officer and the experts on one case: the expert's verdict (kept apart from the
 * model's result), the request for another photo, where the review stands, and the way to ask for one.
 */
export function ExpertPanel({
  view,
  onRequest,
  requesting,
  requestError,
  onPhotosAdded,
  answerShown,
}: {
  view: IdentificationViewData;
  /** the verdict is shown as the case's answer at the top of the page (ExpertAnswer): not repeated here */
  answerShown: boolean;
  onRequest: (request: ExpertRequestDraft) => void;
  requesting: boolean;
  requestError: string | null;
  onPhotosAdded: () => void;
}) {
  const t = useTranslations("expert");
  const locale = useLocale();
  const format = useFormatter();
  const formId = useId();
  const sent = view.expertRequest ?? null;
  const [open, setOpen] = useState(false);
  // the form starts from what was last sent: the new request replaces it
  const [urgent, setUrgent] = useState(view.urgency === "urgent");
  const [message, setMessage] = useState(sent?.message ?? "");
  const [markings, setMarkings] = useState(sent?.markingsDescription ?? "");
  const [overall, setOverall] = useState(cmText(sent?.overallLengthCm));
  const [barrel, setBarrel] = useState(cmText(sent?.barrelLengthCm));
  const [markingsPhotoId, setMarkingsPhotoId] = useState(sent?.markingsPhotoId ?? "");
  const [lengthError, setLengthError] = useState(false);
  const verdict = view.expertVerdict ?? null;
  const review = view.expertReview ?? null;
  const photoRequest = view.photoRequest ?? null;
  const settled = view.status === "done" || view.status === "failed";
  const waiting = !!review && review.status !== "decided";
  const markingsPhotos = view.photos.filter((photo) => photo.kind === "markings");

  function submit(event: FormEvent) {
    event.preventDefault();
    const overallLengthCm = centimetres(overall);
    const barrelLengthCm = centimetres(barrel);
    if (Number.isNaN(overallLengthCm) || Number.isNaN(barrelLengthCm)) return setLengthError(true);
    setLengthError(false);
    onRequest({
      message: message.trim() || undefined,
      markingsDescription: markings.trim() || undefined,
      urgency: urgent ? "urgent" : "normal",
      overallLengthCm,
      barrelLengthCm,
      markingsPhotoId: markingsPhotos.some((photo) => photo.id === markingsPhotoId) ? markingsPhotoId : undefined,
    });
  }
  // sent: close the form (an error keeps it open, with the error inside)
  const sentAt = sent?.requestedAt;
  useEffect(() => setOpen(false), [sentAt]);


  return (
    <section aria-labelledby="expert-title" className="mt-6" data-testid="expert-panel">
      <h2 id="expert-title" className="text-lg font-bold">
        {t("title")}
      </h2>

      {verdict && answerShown ? (
        <p className="mt-2 text-sm">{t("answerAbove")}</p>
      ) : verdict ? (
        <div className="mt-2 rounded-lg border-2 border-france p-3">
          <p className="font-bold text-france">{t(DECISION_KEYS[verdict.decision])}</p>
          <p className="text-xs text-muted">{t("decidedAt", { date: format.dateTime(verdict.decidedAt, { dateStyle: "short", timeStyle: "short" }) })}</p>
          {verdict.typology ? <p className="mt-2 font-semibold">{pick(verdict.typology.label, locale)}</p> : null}
          {verdict.categoryLetters.length > 0 ? (
            <p className="font-semibold">{t("categoryLetters", { letters: verdict.categoryLetters.join(locale === "en" ? " or " : " ou ") })}</p>
          ) : null}
          <VerdictDetails verdict={verdict} withNotes />
        </div>
      ) : null}

      {photoRequest ? (
        <div role="alert" className="mt-2 rounded-lg border-l-4 border-warning bg-warning-light p-3">
          <p className="font-bold">{t("photoRequestTitle")}</p>
          {photoRequest.message ? <p className="mt-1 text-sm">{photoRequest.message}</p> : null}
          <div className="mt-3">
            <AddPhotoButton caseId={view.id} onAdded={onPhotosAdded} primary />
          </div>
        </div>
      ) : null}

      {review && review.status !== "decided" ? (
        <p className="mt-2 rounded bg-neutral-100 p-3 text-sm" data-testid="expert-status">
          <span className="font-semibold">{t(STATUS_KEYS[review.status])}</span> {t(REASON_KEYS[review.reason])}
        </p>
      ) : null}

      {waiting && sent && !open ? (
        <div className="mt-2 rounded border-l-4 border-france bg-france-light p-3 text-sm" data-testid="expert-request-sent">
          <p className="font-semibold">{t("requestSentTitle")}</p>
          <ul className="mt-1 space-y-0.5">
            {view.urgency === "urgent" ? <li className="font-semibold">{t("requestUrgent")}</li> : null}
            {sent.message ? <li className="whitespace-pre-line">{sent.message}</li> : null}
            {sent.markingsDescription ? <li className="font-mono">{sent.markingsDescription}</li> : null}
            {sent.overallLengthCm !== undefined || sent.barrelLengthCm !== undefined ? (
              <li>
                {t("requestLengths", {
                  overall: sent.overallLengthCm !== undefined ? `${String(sent.overallLengthCm).replace(".", ",")} cm` : "—",
                  barrel: sent.barrelLengthCm !== undefined ? `${String(sent.barrelLengthCm).replace(".", ",")} cm` : "—",
                })}
              </li>
            ) : null}
            {sent.markingsPhotoId ? <li>{t("requestMarkingsPhoto")}</li> : null}
          </ul>
        </div>
      ) : null}

      {/* once an expert has answered, asking for an expert is no longer offered (their verdict is the answer);
          while a review waits, the officer may still complete the request */}
      {settled && !verdict ? (
        open ? (
          <form onSubmit={submit} className="mt-2 space-y-3 rounded-lg border border-neutral-300 p-3" data-testid="expert-request-form">
            <p className="text-sm">{waiting ? t("completeIntro") : t("requestIntro")}</p>
            <div>
              <label htmlFor={`${formId}-message`} className="block text-sm font-medium">
                {t("message")}
              </label>
              <textarea
                id={`${formId}-message`}
                value={message}
                onChange={(event) => setMessage(event.target.value)}
                maxLength={2000}
                rows={3}
                className="mt-1 w-full rounded border border-neutral-500 p-2 text-base"
              />
            </div>
            <div>
              <label htmlFor={`${formId}-markings`} className="block text-sm font-medium">
                {t("markings")}
              </label>
              <input
                id={`${formId}-markings`}
                value={markings}
                onChange={(event) => setMarkings(event.target.value)}
                maxLength={1000}
                autoComplete="off"
                className="mt-1 h-12 w-full rounded border border-neutral-500 px-3 text-base"
              />
            </div>
            <div className="grid grid-cols-2 gap-3">
              <div>
                <label htmlFor={`${formId}-overall`} className="block text-sm font-medium">
                  {t("overallLength")}
                </label>
                <input
                  id={`${formId}-overall`}
                  value={overall}
                  onChange={(event) => {
                    setOverall(event.target.value);
                    setLengthError(false);
                  }}
                  inputMode="decimal"
                  autoComplete="off"
                  aria-invalid={lengthError && Number.isNaN(centimetres(overall)) ? true : undefined}
                  aria-describedby={lengthError ? `${formId}-length-error` : undefined}
                  className="mt-1 h-12 w-full rounded border border-neutral-500 px-3 text-base"
                />
              </div>
              <div>
                <label htmlFor={`${formId}-barrel`} className="block text-sm font-medium">
                  {t("barrelLength")}
                </label>
                <input
                  id={`${formId}-barrel`}
                  value={barrel}
                  onChange={(event) => {
                    setBarrel(event.target.value);
                    setLengthError(false);
                  }}
                  inputMode="decimal"
                  autoComplete="off"
                  aria-invalid={lengthError && Number.isNaN(centimetres(barrel)) ? true : undefined}
                  aria-describedby={lengthError ? `${formId}-length-error` : undefined}
                  className="mt-1 h-12 w-full rounded border border-neutral-500 px-3 text-base"
                />
              </div>
            </div>
            {lengthError ? (
              <p id={`${formId}-length-error`} role="alert" className="text-sm font-semibold text-danger">
                {t("lengthInvalid")}
              </p>
            ) : null}
            {markingsPhotos.length > 0 ? (
              <div>
                <label htmlFor={`${formId}-markings-photo`} className="block text-sm font-medium">
                  {t("markingsPhoto")}
                </label>
                <select
                  id={`${formId}-markings-photo`}
                  value={markingsPhotoId}
                  onChange={(event) => setMarkingsPhotoId(event.target.value)}
                  className="mt-1 h-12 w-full rounded border border-neutral-500 bg-white px-3 text-base"
                >
                  <option value="">{t("markingsPhotoNone")}</option>
                  {markingsPhotos.map((photo, index) => (
                    <option key={photo.id} value={photo.id}>
                      {t("markingsPhotoOption", { index: index + 1 })}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <p className="text-sm text-muted">{t("noMarkingsPhoto")}</p>
            )}
            <label className="flex min-h-12 items-center gap-3">
              <input type="checkbox" checked={urgent} onChange={(event) => setUrgent(event.target.checked)} className="h-5 w-5 accent-france" />
              {t("urgent")}
            </label>
            {requestError ? (
              <p role="alert" className="rounded border-l-4 border-danger bg-danger-light p-3 text-sm">
                {requestError}
              </p>
            ) : null}
            <div className="flex gap-2">
              <button type="submit" disabled={requesting} className="h-12 flex-1 rounded bg-france px-4 font-semibold text-white hover:bg-france-dark disabled:opacity-60">
                {requesting ? t("sending") : waiting ? t("sendComplement") : t("send")}
              </button>
              <button type="button" onClick={() => setOpen(false)} className="h-12 rounded border-2 border-france px-4 font-semibold text-france">
                {t("cancel")}
              </button>
            </div>
          </form>
        ) : (
          <button
            type="button"
            onClick={() => setOpen(true)}
            className="mt-2 h-12 w-full rounded border-2 border-france px-4 font-semibold text-france hover:bg-france-light"
          >
            {waiting ? t("complete") : t("request")}
          </button>
        )
      ) : null}

      {settled && !photoRequest ? (
        <div className="mt-3">
          <AddPhotoButton caseId={view.id} onAdded={onPhotosAdded} />
        </div>
      ) : null}
    </section>
  );
}
