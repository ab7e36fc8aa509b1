import { GENERAL_SECURING_RULES, SECURING_WARNING } from "@basegun/domain";
import { getTranslations } from "next-intl/server";
import { pick } from "@/lib/localized";

export async function SafetyRules({ locale }: { locale: string }) {
  const t = await getTranslations("securing");
  return (
    <section aria-labelledby="rules-title" className="mt-4 rounded-lg border-l-4 border-danger bg-danger-light p-4">
      <h2 id="rules-title" className="font-bold">
        {t("rulesTitle")}
      </h2>
      <p className="mt-1 text-sm font-semibold">{pick(SECURING_WARNING, locale)}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
        {GENERAL_SECURING_RULES.map((rule) => (
          <li key={rule.fr}>{pick(rule, locale)}</li>
        ))}
      </ul>
    </section>
  );
}
