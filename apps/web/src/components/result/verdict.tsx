"use client";

import { formatProbability } from "@basegun/domain";
import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { pick } from "@/lib/localized";
import type { IdentificationViewData } from "./identification-result-view";

type Result = NonNullable<IdentificationViewData["result"]>;
type Category = NonNullable<Result["category"]>;

const LETTER_STYLES: Record<string, string> = {
  A: "bg-danger text-white",
  B: "bg-warning text-white",
  C: "bg-france text-white",
  D: "bg-success text-white",
};

function TierBadge({ result }: { result: Result }) {
  const t = useTranslations("result");
  const locale = useLocale();
  // the one rounding of every screen, never reading as certainty ("> 99,9 %"): a medium answer is not sure
  const percent = formatProbability(result.confidence, locale);
  const styles = { high: "bg-success-light text-success", medium: "bg-warning-light text-warning", low: "bg-neutral-200 text-neutral-800" };
  const label = { high: t("tierHigh"), medium: t("tierMedium"), low: t("tierLow") }[result.tier];
  return (
    <div className="mt-2" data-testid="tier">
      <p className={`inline-block rounded px-2 py-1 text-sm font-bold ${styles[result.tier]}`}>
        {result.tier === "low" ? label : `${label} · ${percent}`}
      </p>
      {result.tier !== "low" ? <p className="mt-1 text-sm">{t("percentExplained", { percent })}</p> : null}
      {result.tier === "medium" ? <p className="text-sm font-semibold text-warning">{t("mediumAdvice")}</p> : null}
    </div>
  );
}

/** `id` names the box (its heading's id and test id): the officer's own category sits beside the model's. */
export function CategoryBox({ category, id = "category" }: { category: Category | null; id?: string }) {
  const t = useTranslations("result");
  const locale = useLocale();
  if (!category) {
    return <p className="mt-3 rounded border border-neutral-300 p-3 font-semibold">{t("noCategory")}</p>;
  }
  const heading = category.notClassified ? t("notClassified") : t("categoryOr", { letters: category.letters.join(locale === "en" ? " or " : " ou ") });
  return (
    <section aria-labelledby={`${id}-title`} data-testid={id} className="mt-3 rounded-lg border-2 border-neutral-900 p-3">
      <div className="flex items-center gap-3">
        <div className="flex gap-1" aria-hidden="true">
          {category.letters.map((letter) => (
            <span key={letter} className={`flex h-10 w-10 items-center justify-center rounded text-2xl font-black ${LETTER_STYLES[letter] ?? "bg-neutral-700 text-white"}`}>
              {letter}
            </span>
          ))}
        </div>
        <h2 id={`${id}-title`} className="text-xl font-bold">
          {heading}
        </h2>
      </div>
      <ul className="mt-2 space-y-0.5 text-sm">
        {category.wording.map((wording) => (
          <li key={wording.letter ?? "none"}>{pick(wording, locale)}</li>
        ))}
      </ul>
      {category.letters.length > 1 ? <p className="mt-2 text-sm font-semibold">{t("categoryUndecided")}</p> : null}
    </section>
  );
}

export function Verdict({
  view,
  liveLost,
  onRetry,
  retrying,
  retryError,
}: {
  view: IdentificationViewData;
  liveLost: boolean;
  onRetry: () => void;
  retrying: boolean;
  retryError: string | null;
}) {
  const t = useTranslations("result");
  const locale = useLocale();

  if (view.status === "pending" || view.status === "processing") {
    return (
      <div role="status" className="flex items-start gap-3 rounded-lg bg-neutral-100 p-4">
        <span aria-hidden="true" className="mt-1 h-5 w-5 shrink-0 animate-spin rounded-full border-4 border-france border-t-transparent" />
        <div>
          <p className="font-bold">{view.status === "pending" ? t("queued") : t("waiting")}</p>
          <p className="text-sm">{t("waitingHint")}</p>
          {liveLost ? <p className="mt-1 text-sm text-muted">{t("liveLost")}</p> : null}
        </div>
      </div>
    );
  }

  if (view.status === "failed" || !view.result) {
    return (
      <div role="alert" className="rounded-lg border-l-4 border-danger bg-danger-light p-4">
        <p className="font-bold">{t("failed")}</p>
        <p className="text-sm">{t("failedHint")}</p>
        {retryError ? <p className="mt-2 text-sm font-semibold">{retryError}</p> : null}
        <button
          type="button"
          onClick={onRetry}
          disabled={retrying}
          className="mt-3 h-12 w-full rounded bg-france font-semibold text-white hover:bg-france-dark disabled:opacity-60"
        >
          {retrying ? t("retrying") : t("retry")}
        </button>
      </div>
    );
  }

  const result = view.result;
  if (result.status === "no_firearm") {
    return (
      <div role="alert" className="rounded-lg border-l-4 border-warning bg-warning-light p-4">
        <p className="text-lg font-bold">{t("noFirearm")}</p>
        <p className="text-sm">{t("noFirearmHint")}</p>
        <Link href="/identifications/new" className="mt-3 flex h-12 items-center justify-center rounded bg-france font-semibold text-white hover:bg-france-dark">
          {t("newPhoto")}
        </Link>
      </div>
    );
  }

  const family = result.family ? t("family", { family: t(`families.${result.family}`) }) : null;

  if (!result.typology) {
    return (
      <div>
        <h2 className="text-xl font-bold" data-testid="typology">
          {t("notDetermined")}
        </h2>
        {family ? <p className="text-sm text-muted">{family}</p> : null}
        <TierBadge result={result} />
        <p className="mt-2 text-sm">{t("notDeterminedHint")}</p>
        <p className="mt-2 rounded border-l-4 border-france bg-france-light p-3 text-sm font-semibold">{t("expertWay")}</p>
      </div>
    );
  }

  const title = result.category ? pick(result.category.title, locale) : pick(result.typology.label, locale);
  return (
    <div>
      <h2 className="text-xl leading-tight font-bold" data-testid="typology">
        {title}
      </h2>
      {family ? <p className="text-sm text-muted">{family}</p> : null}
      <TierBadge result={result} />
      <CategoryBox category={result.category} />
    </div>
  );
}
