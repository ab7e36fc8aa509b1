"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

/**
 * "Cette typologie vous semble-t-elle correcte ?" under a medium or high result: "non" opens the visual
 * key (the case then goes to an expert as identified by the officer); "oui" changes nothing.
 */
export function ModelCheck({ onDisagree }: { onDisagree: () => void }) {
  const t = useTranslations("guided");
  const [agreed, setAgreed] = useState(false);
  return (
    <section aria-labelledby="model-check-title" data-testid="model-check" className="mt-3 rounded border border-neutral-400 p-3">
      <h2 id="model-check-title" className="font-bold">
        {t("modelCheckQuestion")}
      </h2>
      {agreed ? (
        <p role="status" className="mt-1 text-sm">
          {t("modelCheckThanks")}
        </p>
      ) : (
        <div className="mt-2 grid grid-cols-2 gap-2">
          <button type="button" onClick={() => setAgreed(true)} className="h-12 rounded border-2 border-france font-semibold text-france hover:bg-france-light">
            {t("modelCheckYes")}
          </button>
          <button type="button" data-testid="model-check-no" onClick={onDisagree} className="h-12 rounded border-2 border-france font-semibold text-france hover:bg-france-light">
            {t("modelCheckNo")}
          </button>
        </div>
      )}
    </section>
  );
}
