import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FAMILIES, SECURING_GUIDES, TYPOLOGIES, typologiesOfFamily, type Family } from "@basegun/domain";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { TypologyDrawing } from "@/components/drawings";
import { SafetyRules } from "@/components/securing/safety-rules";
import { CantDoStep, GuideLink } from "@/components/securing/step-help";
import { Link } from "@/i18n/navigation";
import { routing, type Locale } from "@/i18n/routing";
import { pick } from "@/lib/localized";

type Params = Promise<{ locale: Locale; family: string }>;

const isFamily = (value: string): value is Family => (FAMILIES as readonly string[]).includes(value);

export function generateStaticParams() {
  return routing.locales.flatMap((locale) => FAMILIES.map((family) => ({ locale, family })));
}

async function familyTitle(locale: Locale, family: Family) {
  const t = await getTranslations({ locale, namespace: "securing" });
  return family === "handgun" ? t("familyRulesHandgun") : t("familyRulesLongGun");
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale, family } = await params;
  return { title: isFamily(family) ? await familyTitle(locale, family) : undefined };
}

/**
 * The family's general rules, drawn: where an identification ends on a family (the key's "je ne sais
 * pas", or a typology not yet known), this is the securing guide; the family's own guides follow.
 */
export default async function SecuringFamilyPage({ params }: { params: Params }) {
  const { locale, family } = await params;
  if (!isFamily(family)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "securing" });

  return (
    <div className="pt-5">
      <p className="text-sm text-muted">{t("title")}</p>
      <h1 className="text-2xl font-bold">{await familyTitle(locale, family)}</h1>
      <p className="mt-1">{t("familyRulesIntro")}</p>
      <SafetyRules locale={locale} family={family} />
      <CantDoStep />
      <section aria-labelledby="family-guides" className="mt-6">
        <h2 id="family-guides" className="text-lg font-bold">
          {t("familyGuides")}
        </h2>
        <ul className="mt-2 grid gap-2">
          {typologiesOfFamily(family).map((key) => (
            <li key={key}>
              <GuideLink
                href={`/securing/${key}`}
                className="flex min-h-14 items-center gap-3 rounded border border-neutral-400 px-3 py-2 hover:border-france hover:bg-france-light"
              >
                <TypologyDrawing typology={key} className="h-auto w-24 shrink-0" />
                <span className="flex-1 font-medium">{pick(TYPOLOGIES[key].label, locale)}</span>
                {SECURING_GUIDES[key] ? null : <span className="shrink-0 text-xs text-muted">expert</span>}
              </GuideLink>
            </li>
          ))}
        </ul>
      </section>
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
