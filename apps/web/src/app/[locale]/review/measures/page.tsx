import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { formatPercent, TYPOLOGIES, isTypologyKey } from "@basegun/domain";
import { AgreementTable } from "@/components/review/measures/agreement-table";
import { DecisionsPerExpert } from "@/components/review/measures/decisions-per-expert";
import { QueueDepthChart } from "@/components/review/measures/queue-depth-chart";
import { Link } from "@/i18n/navigation";
import type { Locale } from "@/i18n/routing";
import { pick } from "@/lib/localized";
import { formatWaiting } from "@/lib/review/waiting-time";
import { serverCaller } from "@/server/caller";
import { requireScopeOrNotFound } from "@/server/require-actor";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "measures" }))("title") };
}

const PERIODS = [1, 7, 30, 90] as const;

export default async function MeasuresPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ days?: string }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireScopeOrNotFound(locale, "/review/measures", "review:measures");
  const requested = Number((await searchParams).days);
  const days = PERIODS.find((period) => period === requested) ?? 30;
  const caller = await serverCaller(actor);
  const measures = await caller.review.measures({ days });
  const t = await getTranslations({ locale, namespace: "measures" });
  const tReview = await getTranslations({ locale, namespace: "review" });
  const format = await getFormatter({ locale });
  // the one rounding on every screen (the domain's formatPercent)
  const percent = (rate: number | null) => formatPercent(rate, locale);
  const tierLabel = (key: string) => (key === "low" || key === "medium" || key === "high" ? tReview(`tier${key[0]!.toUpperCase()}${key.slice(1)}` as "tierLow") : key);
  const typologyLabel = (key: string) => (isTypologyKey(key) ? pick(TYPOLOGIES[key].label, locale) : key);
  const figures: Array<[string, string]> = [
    [t("decided"), String(measures.decided)],
    [t("medianTime"), measures.medianSecondsToDecision === null ? "—" : formatWaiting(measures.medianSecondsToDecision, locale)],
    [t("currentDepth"), String(measures.queueDepth.at(-1)?.depth ?? 0)],
    [t("doubleReview"), measures.doubleReview.pairs > 0 ? `${percent(measures.doubleReview.rate)} (${measures.doubleReview.agreed}/${measures.doubleReview.pairs})` : "—"],
  ];

  return (
    <div data-wide className="pt-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <Link href="/review" className="text-sm font-medium text-france underline underline-offset-4">
            ← {tReview("backToQueue")}
          </Link>
          <h1 className="mt-1 text-2xl font-bold">{t("title")}</h1>
          <p className="text-sm text-muted">
            {t("window", {
              since: format.dateTime(measures.since, { dateStyle: "short", timeStyle: "short" }),
              until: format.dateTime(measures.until, { dateStyle: "short", timeStyle: "short" }),
            })}
          </p>
        </div>
        <nav aria-label={t("period")} className="flex gap-1">
          {PERIODS.map((period) => (
            <Link
              key={period}
              href={{ pathname: "/review/measures", query: { days: period } }}
              aria-current={period === days ? "page" : undefined}
              className={`rounded px-3 py-1.5 text-sm font-medium ${period === days ? "bg-france text-white" : "border border-france text-france hover:bg-france-light"}`}
            >
              {t("days", { count: period })}
            </Link>
          ))}
        </nav>
      </div>

      <section aria-label={t("figures")} className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-4">
        {figures.map(([label, value]) => (
          <div key={label} className="rounded-lg border border-neutral-300 px-4 py-3">
            <p className="text-xs uppercase tracking-wide text-muted">{label}</p>
            <p className="text-2xl font-bold tabular-nums">{value}</p>
          </div>
        ))}
      </section>

      <section aria-labelledby="depth-title" className="mt-6">
        <h2 id="depth-title" className="text-lg font-bold">
          {t("depthTitle")}
        </h2>
        <QueueDepthChart
          points={measures.queueDepth.map((point) => ({
            label: format.dateTime(point.at, days <= 2 ? { timeStyle: "short" } : { dateStyle: "short" }),
            depth: point.depth,
          }))}
          caption={t("depthCaption")}
        />
      </section>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="experts-title">
          <h2 id="experts-title" className="text-lg font-bold">
            {t("perExpertTitle")}
          </h2>
          <DecisionsPerExpert rows={measures.decisionsPerExpert} />
        </section>
        <section aria-labelledby="tier-title">
          <h2 id="tier-title" className="text-lg font-bold">
            {t("agreementTierTitle")}
          </h2>
          <AgreementTable rows={measures.agreementByTier} labelOf={tierLabel} keyHeader={t("tier")} />
        </section>
        <section aria-labelledby="typology-title" className="lg:col-span-2">
          <h2 id="typology-title" className="text-lg font-bold">
            {t("agreementTypologyTitle")}
          </h2>
          <AgreementTable rows={measures.agreementByTypology} labelOf={typologyLabel} keyHeader={t("typology")} />
        </section>
        <section aria-labelledby="officer-agreement-title" data-testid="officer-agreement" className="lg:col-span-2">
          <h2 id="officer-agreement-title" className="text-lg font-bold">
            {t("agreementOfficerTitle")}
          </h2>
          <AgreementTable rows={measures.officerAgreementByTypology} labelOf={typologyLabel} keyHeader={t("typology")} />
        </section>
      </div>
      <p className="mt-4 text-xs text-muted">{t("agreementNote")}</p>
      <p className="mt-1 text-xs text-muted">{t("agreementOfficerNote")}</p>
    </div>
  );
}
