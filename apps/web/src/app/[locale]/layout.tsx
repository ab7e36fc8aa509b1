import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import { hasLocale, NextIntlClientProvider } from "next-intl";
import { getMessages, getTimeZone, getTranslations, setRequestLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { AppShellWorker } from "@/components/offline/app-shell-worker";
import { OfflineBanner } from "@/components/offline/offline-banner";
import { SiteHeader } from "@/components/site-header";
import { routing } from "@/i18n/routing";
import { offlineShellUrls } from "@/lib/offline-shell";
import { actorForLayout } from "@/server/actor-for-layout";
import { TimeZoneCookie } from "@/components/time-zone-cookie";
import "../globals.css";

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

// Pinch-zoom stays allowed (no maximumScale, no userScalable): officers zoom on markings.
export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#000091" };

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: hasLocale(routing.locales, locale) ? locale : "fr", namespace: "meta" });
  return {
    title: { default: t("title"), template: `%s | ${t("title")}` },
    description: t("description"),
    robots: { index: false, follow: false },
    manifest: "/manifest.webmanifest",
    icons: { icon: [{ url: "/favicon.ico", sizes: "32x32" }, { url: "/icons/icon.svg", type: "image/svg+xml" }], apple: "/icons/apple-touch-icon.png" },
    appleWebApp: { capable: true, title: "Basegun", statusBarStyle: "default" },
  };
}

// The expert and admin screens' texts are half of the messages: every officer page would carry them in
// its HTML (the offline shell keeps ~30 such pages). Those screens get them from their own layouts.
const DESK_NAMESPACES = new Set(["admin", "review", "routing", "measures"]);
function officerMessages(messages: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(messages).filter(([namespace]) => !DESK_NAMESPACES.has(namespace)));
}

export default async function LocaleLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "nav" });
  // during an outage: no owner for the outbox, and the page itself says the service is unavailable
  const actor = await actorForLayout();
  const messages = officerMessages(await getMessages());
  // offline, the service worker answers with this very page as it was drawn: the banner dates it
  const renderedAt = Date.now();
  // times on this page are drawn in this zone (the user's, once their browser has told it)
  const timeZone = await getTimeZone();

  return (
    <html lang={locale}>
      <body data-time-zone={timeZone} className="group/body min-h-svh bg-white font-sans text-neutral-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
          {t("skipToContent")}
        </a>
        <NextIntlClientProvider messages={messages}>
          <AppShellWorker shell={offlineShellUrls(locale)} officerId={actor?.userId ?? null} />
          <TimeZoneCookie drawnIn={timeZone} />
          <OfflineBanner renderedAt={renderedAt} />
          <SiteHeader locale={locale} />
          {/* phone-first column; the expert's desktop pages mark themselves data-wide to use the screen */}
          <main id="main" className="mx-auto w-full max-w-2xl px-4 pb-10 has-[[data-wide]]:max-w-screen-2xl has-[[data-wide]]:px-6">
            {children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
