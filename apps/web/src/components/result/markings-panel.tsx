"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";
import { pick } from "@/lib/localized";
import { uploadMarkingsPhoto } from "@/lib/upload";
import { useCaseUpload } from "@/lib/use-case-upload";
import type { IdentificationViewData } from "./identification-result-view";

type Reading = IdentificationViewData["markingsReadings"][number];
type Match = NonNullable<Reading["match"]>;

const LETTER_STYLES: Record<string, string> = {
  A: "bg-danger text-white",
  B: "bg-warning text-white",
  C: "bg-france text-white",
  D: "bg-success text-white",
};

/** The visual key's section on this page (built apart); the officer's way on when markings say nothing. */
const VISUAL_KEY_ANCHOR = "#identifier";

function KeyLink() {
  const t = useTranslations("markings");
  return (
    <a href={VISUAL_KEY_ANCHOR} className="mt-3 flex h-12 items-center justify-center rounded bg-france px-4 font-semibold text-white hover:bg-france-dark">
      {t("useKey")}
    </a>
  );
}

/** What the markings propose: the typology ("d'après les marquages"), calibres and the category. */
function MatchProposal({ match }: { match: Match }) {
  const t = useTranslations("markings");
  const locale = useLocale();
  const category = match.category;
  return (
    <div className="mt-3 rounded-lg border-2 border-neutral-900 p-3" data-testid="markings-match">
      <p className="font-semibold">{match.kind === "alarm" ? t("alarmGun", { model: match.label ?? "" }) : t("catalogueModel", { model: match.label ?? "" })}</p>
      {match.typology ? (
        <p className="mt-1">
          <span className="font-bold">{pick(category?.title ?? match.typology.label, locale)}</span>{" "}
          <span className="inline-block rounded bg-france-light px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-france-dark">{t("fromMarkings")}</span>
        </p>
      ) : null}
      {match.calibres ? <p className="mt-1 text-sm">{t("calibres", { calibres: match.calibres })}</p> : null}
      {category && !category.notClassified ? (
        <div className="mt-2 flex items-center gap-3" data-testid="markings-category">
          <div className="flex gap-1" aria-hidden="true">
            {category.letters.map((letter) => (
              <span key={letter} className={`flex h-9 w-9 items-center justify-center rounded text-xl font-black ${LETTER_STYLES[letter] ?? "bg-neutral-700 text-white"}`}>
                {letter}
              </span>
            ))}
          </div>
          <p className="font-bold">{t("category", { letters: category.letters.join(locale === "en" ? " or " : " ou ") })}</p>
        </div>
      ) : null}
      {category ? (
        <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm">
          {category.wording.map((wording) => (
            <li key={wording.letter ?? "none"}>{pick(wording, locale)}</li>
          ))}
          {category.conditions.map((condition) => (
            <li key={condition.key}>{pick(condition, locale)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function ReadingOutcome({ reading }: { reading: Reading }) {
  const t = useTranslations("markings");
  if (reading.status === "pending") {
    return (
      <div role="status" className="mt-3 flex items-center gap-3 rounded-lg bg-neutral-100 p-3">
        <span aria-hidden="true" className="h-5 w-5 shrink-0 animate-spin rounded-full border-4 border-france border-t-transparent" />
        <p className="font-semibold">{t("reading")}</p>
      </div>
    );
  }
  if (reading.status === "failed") {
    return (
      <div role="alert" className="mt-3 rounded-lg border-l-4 border-danger bg-danger-light p-3">
        <p className="font-bold">{t("failed")}</p>
        <p className="text-sm">{t("failedHint")}</p>
        <KeyLink />
      </div>
    );
  }
  const match = reading.match;
  if (!reading.text) {
    return (
      <div className="mt-3 rounded-lg border-l-4 border-warning bg-warning-light p-3" data-testid="markings-outcome">
        <p className="font-bold">{t("nothingReadable")}</p>
        <p className="text-sm">{t("nothingReadableHint")}</p>
        <KeyLink />
      </div>
    );
  }
  if (!match || match.kind === "none") {
    return (
      <div className="mt-3 rounded-lg border-l-4 border-warning bg-warning-light p-3" data-testid="markings-outcome">
        <p className="font-bold">{t("noMatch", { text: reading.text })}</p>
        <p className="text-sm">{t("noMatchHint")}</p>
        <KeyLink />
      </div>
    );
  }
  return (
    <div className="mt-3" data-testid="markings-outcome">
      <p>{t("read", { text: reading.text })}</p>
      <MatchProposal match={match} />
    </div>
  );
}

/**
 * "Photographier les marquages": a close-up read by OCR apart from the typology, and what it gave (the
 * latest reading). The page's live updates bring the reading in as soon as the worker stores it.
 */
export function MarkingsPanel({ view, onAdded }: { view: IdentificationViewData; onAdded: () => void }) {
  const t = useTranslations("markings");
  const inputId = useId();
  const { busy, percent, error, send: sendFiles } = useCaseUpload(uploadMarkingsPhoto, view.id, onAdded);
  // one close-up at a time
  const send = (list: FileList | null) => sendFiles(Array.from(list ?? []).slice(0, 1));
  const latest = view.markingsReadings[0] ?? null;

  return (
    <section aria-labelledby="markings-title" className="mt-6" data-testid="markings-panel">
      <h2 id="markings-title" className="text-lg font-bold">
        {t("title")}
      </h2>
      {latest ? <ReadingOutcome reading={latest} /> : <p className="mt-1 text-sm">{t("hint")}</p>}
      <div className="mt-3">
        <label
          htmlFor={inputId}
          aria-disabled={busy}
          className={`flex min-h-12 w-full cursor-pointer items-center justify-center rounded px-4 py-2 text-center font-semibold ${
            busy ? "pointer-events-none bg-neutral-300 text-neutral-900" : "border-2 border-france text-france hover:bg-france-light"
          }`}
        >
          {busy ? t("sending", { percent: percent ?? 0 }) : latest ? t("takeAgain") : t("take")}
        </label>
        <input
          id={inputId}
          type="file"
          accept="image/*"
          capture="environment"
          disabled={busy}
          className="sr-only"
          data-testid="markings-input"
          onChange={(event) => {
            void send(event.currentTarget.files);
            event.currentTarget.value = "";
          }}
        />
        {error ? (
          <p role="alert" className="mt-2 rounded border-l-4 border-danger bg-danger-light p-3 text-sm">
            {error}
          </p>
        ) : null}
      </div>
    </section>
  );
}
