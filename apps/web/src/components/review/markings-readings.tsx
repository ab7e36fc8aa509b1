"use client";

import { useLocale, useTranslations } from "next-intl";
import { pick } from "@/lib/localized";
import { percentOf } from "./labels";
import type { ReviewDetailData } from "./review-screen";

type Reading = ReviewDetailData["markingsReadings"][number];

function ReadingLine({ reading }: { reading: Reading }) {
  const t = useTranslations("review");
  const locale = useLocale();
  const match = reading.match;
  if (reading.status === "pending") return <p className="text-sm text-muted">{t("markingsPending")}</p>;
  if (reading.status === "failed") return <p className="text-sm">{t("markingsFailed", { reason: reading.failureReason ?? "" })}</p>;
  return (
    <div className="text-sm">
      <p>
        <span className="font-semibold">{t("markingsText")} : </span>
        {reading.text ? <span className="font-mono">{reading.text}</span> : <span>{t("markingsNothing")}</span>}
      </p>
      {match && match.kind !== "none" ? (
        <p className="mt-0.5">
          <span className="font-semibold">{match.kind === "alarm" ? t("markingsMatchAlarm") : t("markingsMatchCatalogue")} : </span>
          {match.label}
          {match.calibres ? ` (${match.calibres})` : ""}
          {match.score !== null ? <span className="text-muted"> · {t("markingsScore", { percent: percentOf(match.score) })}</span> : null}
          {match.typology ? (
            <>
              <br />
              <span className="font-semibold">{t("markingsProposed")} : </span>
              {pick(match.typology.label, locale)}
              {match.category && match.category.letters.length > 0 ? (
                <span className="ml-2 rounded bg-neutral-900 px-2 py-0.5 text-xs font-bold text-white">{match.category.letters.join(" / ")}</span>
              ) : null}
            </>
          ) : null}
        </p>
      ) : reading.text ? (
        <p className="mt-0.5">{t("markingsMatchNone")}</p>
      ) : null}
      <a href={reading.photoUrl} target="_blank" rel="noreferrer" className="text-france underline underline-offset-2">
        {t("markingsPhoto")}
      </a>
    </div>
  );
}

/** Read-only: what OCR read on the markings photos and which reference model it matched. */
export function MarkingsReadings({ readings }: { readings: Reading[] }) {
  const t = useTranslations("review");
  if (readings.length === 0) return null;
  return (
    <section aria-labelledby="markings-readings-title" data-testid="markings-readings">
      <h2 id="markings-readings-title" className="text-base font-bold">
        {t("markingsTitle")}
      </h2>
      <ul className="mt-1 space-y-2">
        {readings.map((reading) => (
          <li key={reading.id}>
            <ReadingLine reading={reading} />
          </li>
        ))}
      </ul>
    </section>
  );
}
