import type { TypologyKey } from "@basegun/domain";
import { useTranslations } from "next-intl";
import { SecuringStepDrawing } from "@/components/drawings";
import type { LocalizedVariant } from "@/lib/securing";
import { CantDoStep } from "./step-help";

/**
 * Warnings, then numbered steps, each with its drawing (when the guide is drawn) and its way out when
 * the step cannot be done. `caseId`: the case the guide is shown for; left out, it is read from `?case=`.
 */
export function VariantSteps({
  variant,
  typology,
  caseId,
}: {
  variant: LocalizedVariant;
  typology?: TypologyKey;
  caseId?: string | null;
}) {
  const t = useTranslations("securing");
  return (
    <div>
      {variant.warnings.length > 0 ? (
        <div role="note" className="mb-3 rounded border-l-4 border-danger bg-danger-light p-3 text-sm">
          <p className="font-bold">{t("warning")}</p>
          <ul className="mt-1 list-disc pl-5">
            {variant.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ol className="space-y-5">
        {variant.steps.map((step, index) => (
          <li key={step} className="flex gap-3">
            <span aria-hidden="true" className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-france text-sm font-bold text-white">
              {index + 1}
            </span>
            <div className="min-w-0 flex-1">
              <p className="pt-0.5">{step}</p>
              {typology ? (
                <SecuringStepDrawing
                  typology={typology}
                  variant={variant.key}
                  step={index}
                  title={t("stepDrawing", { number: index + 1 })}
                  className="mt-2 h-auto w-full max-w-xs rounded border border-neutral-200 bg-white"
                />
              ) : null}
              <CantDoStep step={index + 1} caseId={caseId} />
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
