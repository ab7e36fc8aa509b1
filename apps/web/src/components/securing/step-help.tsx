"use client";

import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { Suspense, type ReactNode } from "react";
import { Link } from "@/i18n/navigation";
import { caseFromQuery } from "@/lib/securing-href";


/**
 * "Je n'arrive pas à réaliser cette étape": stop, then ask an expert. An expert request belongs to a case
 * (it carries the photos and the result), so with a case the link opens that case's expert panel; without
 * one the officer is told where a request is made, never shown a button that would send nothing.
 * `step`: the guide step it is attached to; without one (general rules) it is about the whole securing.
 * Only the links wait for the query string (Suspense): the <details> itself is never remounted, so a tap
 * before the page has hydrated (slow network) leaves it open.
 */
export function CantDoStep({ step, caseId }: { step?: number; caseId?: string | null }) {
  const t = useTranslations("securing");
  return (
    <details className="mt-2 rounded border border-neutral-300 px-3 py-1" data-testid="cant-do-step">
      <summary className="flex min-h-11 cursor-pointer items-center text-sm font-medium text-france">
        {step ? t("cantDoIt") : t("cantSecure")}
        {step ? <span className="sr-only"> ({t("stepNumber", { number: step })})</span> : null}
      </summary>
      <div className="pb-2 text-sm">
        <p>{t("cantDoItHint")}</p>
        {caseId !== undefined ? (
          <ExpertRoute caseId={caseId} />
        ) : (
          <Suspense fallback={<ExpertRoute caseId={null} />}>
            <ExpertRouteFromQuery />
          </Suspense>
        )}
      </div>
    </details>
  );
}

function ExpertRouteFromQuery() {
  return <ExpertRoute caseId={caseFromQuery(useSearchParams().get("case"))} />;
}

/** Where the officer asks an expert: the case's expert panel, or their identifications without a case. */
function ExpertRoute({ caseId }: { caseId: string | null }) {
  const t = useTranslations("securing");
  if (caseId) {
    return (
      <Link
        href={`/identifications/${caseId}#expert-title`}
        className="mt-2 flex min-h-12 items-center justify-center rounded bg-france px-4 text-center font-semibold text-white hover:bg-france-dark"
      >
        {t("cantDoItAskExpert")}
      </Link>
    );
  }
  return (
    <>
      <p className="mt-2">{t("cantDoItNoCase")}</p>
      <div className="mt-2 flex flex-col gap-2">
        <Link
          href="/identifications"
          className="flex min-h-12 items-center justify-center rounded border-2 border-france px-4 font-semibold text-france hover:bg-france-light"
        >
          {t("cantDoItMyIdentifications")}
        </Link>
        <Link href="/identifications/new" className="text-center font-medium text-france underline underline-offset-4">
          {t("identifyNow")}
        </Link>
      </div>
    </>
  );
}

/** A link between guide pages that keeps the case the guide was opened for (`?case=`). */
export function GuideLink({ href, className, children }: { href: string; className?: string; children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <Link href={href} className={className}>
          {children}
        </Link>
      }
    >
      <GuideLinkFromQuery href={href} className={className}>
        {children}
      </GuideLinkFromQuery>
    </Suspense>
  );
}

function GuideLinkFromQuery({ href, className, children }: { href: string; className?: string; children: ReactNode }) {
  const caseId = caseFromQuery(useSearchParams().get("case"));
  return (
    <Link href={caseId ? { pathname: href, query: { case: caseId } } : href} className={className}>
      {children}
    </Link>
  );
}
