import { useTranslations } from "next-intl";
import { VariantDrawing } from "@/components/drawings";
import type { LocalizedSecuring } from "@/lib/securing";
import { VariantSteps } from "./variant-steps";

/**
 * A whole guide on one page: the variant question, each variant folded with its drawn steps.
 * `caseId`: the case it is shown for (its "can't do this step" then opens that case's expert request).
 */
export function GuideView({ guide, caseId }: { guide: LocalizedSecuring; caseId?: string | null }) {
  const t = useTranslations("securing");
  if (guide.noGuideMessage) {
    return <p className="rounded border-l-4 border-warning bg-warning-light p-3">{guide.noGuideMessage}</p>;
  }
  const only = guide.variants.length === 1 ? guide.variants[0] : undefined;
  if (only) return <VariantSteps variant={only} typology={guide.typology} caseId={caseId} />;
  return (
    <div>
      <p className="font-medium">{guide.question ?? t("chooseVariant")}</p>
      <div className="mt-2 space-y-2">
        {guide.variants.map((variant) => (
          <details key={variant.key} className="rounded border border-neutral-300">
            <summary className="flex cursor-pointer items-center gap-3 p-3">
              <VariantDrawing typology={guide.typology} variant={variant.key} className="h-auto w-20 shrink-0" />
              <span className="min-w-0 flex-1">
                <span className="block font-semibold">{variant.option}</span>
                <span className="block text-sm text-muted">{variant.recognise}</span>
              </span>
            </summary>
            <div className="border-t border-neutral-200 p-3">
              <VariantSteps variant={variant} typology={guide.typology} caseId={caseId} />
            </div>
          </details>
        ))}
      </div>
    </div>
  );
}
