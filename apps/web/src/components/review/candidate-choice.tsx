"use client";

import type { TypologyKey } from "@basegun/domain";
import { useLocale, useTranslations } from "next-intl";
import { pick } from "@/lib/localized";
import { percentOf } from "./labels";
import type { ReviewDetailData } from "./review-screen";

export type Candidate = NonNullable<ReviewDetailData["prediction"]>["topCandidates"][number];

/**
 * The model's candidates to confirm, one key each (1, 2, 3… in the order shown). Equal probabilities
 * share their rank and say so: the screen never breaks a tie the model did not break.
 */
export function CandidateChoice({ candidates, value, onChoose }: { candidates: Candidate[]; value: TypologyKey | ""; onChoose: (key: TypologyKey) => void }) {
  const t = useTranslations("review");
  const locale = useLocale();
  if (candidates.length === 0) return <p className="text-sm text-muted">{t("noCandidate")}</p>;
  const tied = (rank: number) => candidates.filter((candidate) => candidate.rank === rank).length > 1;
  return (
    <div role="radiogroup" aria-label={t("candidatesTitle")} className="space-y-1" data-testid="candidates">
      {candidates.map((candidate, index) => {
        const chosen = candidate.key === value;
        return (
          <button
            key={candidate.key}
            type="button"
            role="radio"
            aria-checked={chosen}
            onClick={() => onChoose(candidate.key as TypologyKey)}
            data-rank={candidate.rank}
            className={`flex w-full items-center gap-2 rounded border-2 px-2 py-1.5 text-left text-sm ${chosen ? "border-france bg-france-light font-semibold" : "border-neutral-300 hover:border-france"}`}
          >
            {index < 9 ? <kbd className="rounded border border-neutral-500 bg-white px-1.5 font-mono text-xs">{index + 1}</kbd> : null}
            <span className="flex-1">{pick(candidate.label, locale)}</span>
            <span className="tabular-nums">{percentOf(candidate.probability)} %</span>
            <span className="w-16 text-right text-xs text-muted">{tied(candidate.rank) ? t("rankTied", { rank: candidate.rank }) : t("rank", { rank: candidate.rank })}</span>
          </button>
        );
      })}
    </div>
  );
}
