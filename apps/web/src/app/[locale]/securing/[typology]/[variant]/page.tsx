import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isTypologyKey, SECURING_GUIDES, TYPOLOGY_KEYS } from "@basegun/domain";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { GuideLink } from "@/components/securing/step-help";
import { VariantSteps } from "@/components/securing/variant-steps";
import { Link } from "@/i18n/navigation";
import { routing, type Locale } from "@/i18n/routing";
import { localizedSecuring } from "@/lib/securing";

type Params = Promise<{ locale: Locale; typology: string; variant: string }>;

export function generateStaticParams() {
  return routing.locales.flatMap((locale) =>
    TYPOLOGY_KEYS.flatMap((typology) => (SECURING_GUIDES[typology]?.variants ?? []).map((variant) => ({ locale, typology, variant: variant.key }))),
  );
}

function load(locale: Locale, typology: string, variantKey: string) {
  if (!isTypologyKey(typology)) return null;
  const guide = localizedSecuring(typology, locale);
  const variant = guide.variants.find((candidate) => candidate.key === variantKey);
  return variant ? { guide, variant } : null;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale, typology, variant } = await params;
  const found = load(locale, typology, variant);
  return { title: found ? `${found.guide.typologyLabel} · ${found.variant.option}` : undefined };
}

export default async function SecuringVariantPage({ params }: { params: Params }) {
  const { locale, typology, variant } = await params;
  const found = load(locale, typology, variant);
  if (!found) notFound();
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "securing" });

  return (
    <div className="pt-5">
      <p className="text-sm text-muted">
        {t("title")} · {found.guide.typologyLabel}
      </p>
      <h1 className="text-2xl font-bold">{found.variant.option}</h1>
      <p className="mt-1 text-muted">{found.variant.recognise}</p>
      <h2 className="mt-5 mb-3 text-lg font-bold">{t("steps")}</h2>
      <VariantSteps variant={found.variant} typology={found.guide.typology} />
      <nav className="mt-8 flex flex-col gap-3">
        <Link href="/identifications/new" className="flex h-12 items-center justify-center rounded bg-france font-semibold text-white hover:bg-france-dark">
          {t("identifyNow")}
        </Link>
        <GuideLink href={`/securing/${typology}`} className="text-center font-medium text-france underline underline-offset-4">
          {t("backToVariants")}
        </GuideLink>
      </nav>
    </div>
  );
}
