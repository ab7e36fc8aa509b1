import { GENERAL_SECURING_RULES, SECURING_WARNING, type Family } from "@basegun/domain";
import { getTranslations } from "next-intl/server";
import { GeneralRuleDrawing } from "@/components/drawings";
import { pick } from "@/lib/localized";

/** The general rules of every securing; with a family, each rule is drawn on that family's weapon. */
export async function SafetyRules({ locale, family }: { locale: string; family?: Family }) {
  const t = await getTranslations("securing");
  return (
    <section aria-labelledby="rules-title" className="mt-4 rounded-lg border-l-4 border-danger bg-danger-light p-4">
      <h2 id="rules-title" className="font-bold">
        {t("rulesTitle")}
      </h2>
      <p className="mt-1 text-sm font-semibold">{pick(SECURING_WARNING, locale)}</p>
      {family ? (
        <ol className="mt-3 grid grid-cols-2 gap-3">
          {GENERAL_SECURING_RULES.map((rule, index) => (
            <li key={rule.fr} className="rounded bg-white p-2 text-sm">
              <GeneralRuleDrawing rule={index} family={family} title={t("ruleDrawing", { number: index + 1 })} className="h-auto w-full" />
              <p className="mt-1">{pick(rule, locale)}</p>
            </li>
          ))}
        </ol>
      ) : (
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
          {GENERAL_SECURING_RULES.map((rule) => (
            <li key={rule.fr}>{pick(rule, locale)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
