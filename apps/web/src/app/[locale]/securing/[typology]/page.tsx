import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isTypologyKey, TYPOLOGIES, TYPOLOGY_CUES, TYPOLOGY_KEYS } from "@basegun/domain";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { TypologyDrawing, VariantDrawing } from "@/components/drawings";
import { SafetyRules } from "@/components/securing/safety-rules";
import { GuideLink } from "@/components/securing/step-help";
import { VariantSteps } from "@/components/securing/variant-steps";
import { Link } from "@/i18n/navigation";
import { routing, type Locale } from "@/i18n/routing";
import { pick } from "@/lib/localized";
import { localizedSecuring } from "@/lib/securing";

type Params = Promise<{ locale: Locale; typology: string }>;

export function generateStaticParams() {
  return routing.locales.flatMap((locale) => TYPOLOGY_KEYS.map((typology) => ({ locale, typology })));
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale, typology } = await params;
  return { title: isTypologyKey(typology) ? localizedSecuring(typology, locale).typologyLabel : undefined };
}

export default async function SecuringTypologyPage({ params }: { params: Params }) {
  const { locale, typology } = await params;
  if (!isTypologyKey(typology)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "securing" });
  const guide = localizedSecuring(typology, locale);
  const only = guide.variants.length === 1 ? guide.variants[0] : undefined;

  return (
    <div className="pt-5">
      <p className="text-sm text-muted">{t("title")}</p>
      <h1 className="text-2xl font-bold">{guide.typologyLabel}</h1>
      <figure className="mt-3 flex items-center gap-3">
        <TypologyDrawing typology={typology} title={t("typologyDrawing", { typology: guide.typologyLabel })} className="h-auto w-36 shrink-0" />
        <figcaption className="text-sm text-muted">{pick(TYPOLOGY_CUES[typology], locale)}</figcaption>
      </figure>
      <div className="mt-4">
        {guide.noGuideMessage ? (
          <>
            <p className="rounded border-l-4 border-warning bg-warning-light p-3">{guide.noGuideMessage}</p>
            <SafetyRules locale={locale} family={TYPOLOGIES[typology].family} />
          </>
        ) : only ? (
          <>
            <h2 className="mb-3 text-lg font-bold">{t("steps")}</h2>
            <VariantSteps variant={only} typology={typology} />
          </>
        ) : (
          <>
            <h2 className="text-lg font-bold">{guide.question ?? t("chooseVariant")}</h2>
            <ul className="mt-3 grid gap-2">
              {guide.variants.map((variant) => (
                <li key={variant.key}>
                  <GuideLink
                    href={`/securing/${typology}/${variant.key}`}
                    className="flex items-center gap-3 rounded border border-neutral-400 px-3 py-3 hover:border-france hover:bg-france-light"
                  >
                    <VariantDrawing typology={typology} variant={variant.key} className="h-auto w-24 shrink-0" />
                    <span className="min-w-0 flex-1">
                      <span className="block font-semibold">{variant.option}</span>
                      <span className="block text-sm text-muted">{variant.recognise}</span>
                    </span>
                  </GuideLink>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <nav className="mt-8 flex flex-col gap-3">
        <Link href="/identifications/new" className="flex h-12 items-center justify-center rounded bg-france font-semibold text-white hover:bg-france-dark">
          {t("identifyNow")}
        </Link>
        <Link href="/securing" className="text-center font-medium text-france underline underline-offset-4">
          {t("backToTypologies")}
        </Link>
      </nav>
    </div>
  );
}
