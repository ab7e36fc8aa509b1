import { formatPercent } from "@basegun/domain";
import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { RoutingPolicyForm } from "@/components/admin/routing-policy-form";
import type { Locale } from "@/i18n/routing";
import { serverCaller } from "@/server/caller";
import { requireScopeOrNotFound } from "@/server/require-actor";
import { TRPCReactProvider } from "@/trpc/react";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "routing" }))("title") };
}

export default async function RoutingPolicyPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireScopeOrNotFound(locale, "/admin/routing", "routing:manage");
  const caller = await serverCaller(actor);
  const { active, history } = await caller.review.policy();
  const t = await getTranslations({ locale, namespace: "routing" });
  const tReview = await getTranslations({ locale, namespace: "review" });
  const format = await getFormatter({ locale });
  const tiers = (list: string[]) => list.map((tier) => tReview(`tier${tier[0]!.toUpperCase()}${tier.slice(1)}` as "tierLow")).join(", ") || "—";
  const percent = (rate: number) => formatPercent(rate, locale);

  return (
    <div data-wide className="pt-4">
      <AdminTabs locale={locale} current="routing" />
      <h1 className="mt-4 text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 max-w-3xl text-sm text-muted">{t("intro")}</p>
      <div className="mt-5 grid gap-8 lg:grid-cols-[28rem_minmax(0,1fr)]">
        <section aria-labelledby="edit-title">
          <h2 id="edit-title" className="text-lg font-bold">
            {active.version === 0 ? t("editDefault") : t("editVersion", { version: active.version })}
          </h2>
          <TRPCReactProvider>
            <RoutingPolicyForm active={active} />
          </TRPCReactProvider>
        </section>
        <section aria-labelledby="history-title">
          <h2 id="history-title" className="text-lg font-bold">
            {t("historyTitle")}
          </h2>
          {history.length === 0 ? (
            <p className="mt-2 text-sm text-muted">{t("noHistory")}</p>
          ) : (
            <div className="mt-2 overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="policy-history">
                <thead className="text-xs uppercase tracking-wide text-muted">
                  <tr>
                    <th scope="col" className="py-1 pr-3">{t("version")}</th>
                    <th scope="col" className="py-1 pr-3">{t("savedAt")}</th>
                    <th scope="col" className="py-1 pr-3">{t("reviewTiers")}</th>
                    <th scope="col" className="py-1 pr-3">{t("sampleTiers")}</th>
                    <th scope="col" className="py-1 pr-3 text-right">{t("sampleRate")}</th>
                    <th scope="col" className="py-1 pr-3 text-right">{t("doubleRate")}</th>
                    <th scope="col" className="py-1 pr-3 text-right">{t("claimTtl")}</th>
                    <th scope="col" className="py-1">{t("note")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-neutral-200">
                  {history.map((policy) => (
                    <tr key={policy.version} className={policy.version === active.version ? "font-semibold" : undefined}>
                      <td className="py-1.5 pr-3 tabular-nums">
                        v{policy.version}
                        {policy.version === active.version ? <span className="ml-2 rounded bg-success-light px-1.5 text-xs text-success">{t("active")}</span> : null}
                      </td>
                      <td className="py-1.5 pr-3">{policy.createdAt ? format.dateTime(policy.createdAt, { dateStyle: "short", timeStyle: "short" }) : "—"}</td>
                      <td className="py-1.5 pr-3">{tiers(policy.reviewTiers)}</td>
                      <td className="py-1.5 pr-3">{tiers(policy.sampleTiers)}</td>
                      <td className="py-1.5 pr-3 text-right tabular-nums">{percent(policy.qualitySampleRate)}</td>
                      <td className="py-1.5 pr-3 text-right tabular-nums">{percent(policy.doubleReviewRate)}</td>
                      <td className="py-1.5 pr-3 text-right tabular-nums">{t("minutes", { count: Math.round(policy.claimTtlSeconds / 60) })}</td>
                      <td className="py-1.5 font-normal">{policy.note ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="mt-2 text-xs text-muted">{t("auditNote")}</p>
        </section>
      </div>
    </div>
  );
}
