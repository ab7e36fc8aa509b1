import { useTranslations } from "next-intl";
import type { LocalizedVariant } from "@/lib/securing";

/** Warnings, then numbered steps, then the way out when a step cannot be done. */
export function VariantSteps({ variant }: { variant: LocalizedVariant }) {
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
      <ol className="space-y-3">
        {variant.steps.map((step, index) => (
          <li key={step} className="flex gap-3">
            <span aria-hidden="true" className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-france text-sm font-bold text-white">
              {index + 1}
            </span>
            <span className="pt-0.5">{step}</span>
          </li>
        ))}
      </ol>
      <details className="mt-4 rounded border border-neutral-300 p-3">
        <summary className="cursor-pointer font-medium text-france">{t("cantDoIt")}</summary>
        <p className="mt-2 text-sm">{t("cantDoItHint")}</p>
      </details>
    </div>
  );
}
