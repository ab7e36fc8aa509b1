import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { MonitoringView } from "@/components/admin/monitoring-view";
import { AdminTabs } from "@/components/admin/admin-tabs";
import type { Locale } from "@/i18n/routing";
import { requireScopeOrNotFound } from "@/server/require-actor";
import { TRPCReactProvider } from "@/trpc/react";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "admin.monitoring" }))("title") };
}

/** Admins only: anyone else gets a 404 (the page is not advertised to them). */
export default async function AdminMonitoringPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireScopeOrNotFound(locale, "/admin/monitoring", "model:manage");
  const t = await getTranslations({ locale, namespace: "admin.monitoring" });
  return (
    <div data-wide className="pt-4">
      <AdminTabs locale={locale} current="monitoring" />
      <h1 className="mt-4 text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 max-w-3xl text-sm text-muted">{t("intro")}</p>
      <TRPCReactProvider>
        <MonitoringView />
      </TRPCReactProvider>
    </div>
  );
}
