"use client";

import { TYPOLOGIES, TYPOLOGY_CUES, type TypologyKey } from "@basegun/domain";
import { useLocale, useTranslations } from "next-intl";
import { TypologyDrawing } from "@/components/drawings/typology-drawing";
import { pick } from "@/lib/localized";

/**
 * "Quelle arme avez-vous ?": the model's candidates as large cards, each with its drawing and the
 * visible feature that decides it. No percentage: the officer recognises the feature, the model only
 * orders the cards. "Aucune de celles-ci" and "Je ne sais pas" open the visual key.
 */
export function CandidateCards({
  candidates,
  onChoose,
  onOpenKey,
  pending,
  error,
}: {
  candidates: TypologyKey[];
  onChoose: (typology: TypologyKey) => void;
  onOpenKey: () => void;
  pending: boolean;
  error: string | null;
}) {
  const t = useTranslations("guided");
  const locale = useLocale();
  return (
    <section aria-labelledby="guided-question" data-testid="guided-chooser" className="rounded-lg border-2 border-france p-3">
      <h2 id="guided-question" className="text-xl leading-tight font-bold">
        {t("question")}
      </h2>
      <p className="mt-0.5 text-sm">{t("questionHint")}</p>
      <ul aria-label={t("candidatesLabel")} className="mt-2 grid grid-cols-2 gap-2">
        {candidates.map((key) => (
          <li key={key}>
            <button
              type="button"
              data-testid={`candidate-${key}`}
              disabled={pending}
              onClick={() => onChoose(key)}
              className="flex h-full w-full flex-col rounded-lg border-2 border-neutral-400 bg-white p-2 text-left hover:border-france hover:bg-france-light disabled:opacity-60"
            >
              <TypologyDrawing typology={key} className="h-14 w-full" />
              <span className="mt-1 text-sm leading-tight font-bold">{pick(TYPOLOGIES[key].label, locale)}</span>
              <span className="mt-0.5 text-xs leading-snug text-muted">{pick(TYPOLOGY_CUES[key], locale)}</span>
            </button>
          </li>
        ))}
      </ul>
      {error ? (
        <p role="alert" className="mt-2 text-sm font-semibold text-danger">
          {error}
        </p>
      ) : null}
      <div className="mt-2 grid grid-cols-2 gap-2">
        <button type="button" onClick={onOpenKey} disabled={pending} className="h-12 rounded border-2 border-france px-2 font-semibold text-france hover:bg-france-light">
          {t("noneOfThese")}
        </button>
        <button type="button" onClick={onOpenKey} disabled={pending} className="h-12 rounded border-2 border-france px-2 font-semibold text-france hover:bg-france-light">
          {t("dontKnow")}
        </button>
      </div>
    </section>
  );
}
