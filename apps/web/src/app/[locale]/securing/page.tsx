import type { Metadata } from "next";
import { FAMILIES, SECURING_GUIDES, TYPOLOGIES, TYPOLOGY_KEYS } from "@basegun/domain";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { TypologyDrawing } from "@/components/drawings";
import { SafetyRules } from "@/components/securing/safety-rules";
import { Link } from "@/i18n/navigation";
import type { Locale } from "@/i18n/routing";
import { pick } from "@/lib/localized";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "securing" }))("title") };
}

/** Browsable without a photo and without a case: securing comes before identifying. */
export default async function SecuringPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "securing" });

  return (
    <div className="pt-5">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1">{t("intro")}</p>
      <SafetyRules locale={locale} />
      {FAMILIES.map((family) => (
        <section key={family} aria-labelledby={`family-${family}`} className="mt-6">
          <h2 id={`family-${family}`} className="text-lg font-bold">
            {family === "handgun" ? t("handguns") : t("longGuns")}
          </h2>
          <Link
            href={`/securing/families/${family}`}
            className="mt-2 flex min-h-12 items-center justify-between gap-3 rounded border border-danger px-4 py-2 font-medium hover:bg-danger-light"
          >
            {family === "handgun" ? t("familyRulesHandgun") : t("familyRulesLongGun")}
            <span aria-hidden="true">→</span>
          </Link>
          <ul className="mt-2 grid gap-2">
            {TYPOLOGY_KEYS.filter((key) => TYPOLOGIES[key].family === family).map((key) => (
              <li key={key}>
                <Link
                  href={`/securing/${key}`}
                  className="flex min-h-14 items-center gap-3 rounded border border-neutral-400 px-3 py-2 hover:border-france hover:bg-france-light"
                >
                  <TypologyDrawing typology={key} className="h-auto w-24 shrink-0" />
                  <span className="flex-1 font-medium">{pick(TYPOLOGIES[key].label, locale)}</span>
                  {SECURING_GUIDES[key] ? (
                    <span aria-hidden="true" className="text-france">
                      →
                    </span>
                  ) : (
                    <span className="shrink-0 text-xs text-muted">expert</span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
