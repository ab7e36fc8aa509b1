import { getTranslations, setRequestLocale } from "next-intl/server";
import { OnboardingNotice } from "@/components/onboarding-notice";
import { Link } from "@/i18n/navigation";
import type { Locale } from "@/i18n/routing";
import { requireActor } from "@/server/require-actor";

export default async function StartPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireActor(locale, "/");
  const t = await getTranslations({ locale, namespace: "start" });

  return (
    <div className="pt-5">
      <OnboardingNotice />
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-muted">{t("subtitle")}</p>
      <div className="mt-5 grid gap-4">
        <Link
          href="/identifications/new"
          className="flex min-h-24 flex-col justify-center rounded-lg bg-france px-5 py-4 text-white shadow hover:bg-france-dark"
        >
          <span className="text-xl font-bold">{t("identify")}</span>
          <span className="mt-1 text-sm text-white/90">{t("identifyHint")}</span>
        </Link>
        <Link
          href="/securing"
          className="flex min-h-24 flex-col justify-center rounded-lg border-2 border-france px-5 py-4 text-france hover:bg-france-light"
        >
          <span className="text-xl font-bold">{t("secure")}</span>
          <span className="mt-1 text-sm text-neutral-800">{t("secureHint")}</span>
        </Link>
      </div>
      <p className="mt-6">
        <Link href="/identifications" className="font-medium text-france underline underline-offset-4">
          {t("recent")}
        </Link>
      </p>
    </div>
  );
}
