"use client";

import type { RouterOutputs } from "@basegun/api";
import { useLocale, useTranslations } from "next-intl";
import { TypologyDrawing } from "@/components/drawings/typology-drawing";
import { CategoryBox } from "@/components/result/verdict";
import { Link } from "@/i18n/navigation";
import { pick } from "@/lib/localized";
import { securingHref } from "@/lib/securing-href";

type OfficerChoice = NonNullable<RouterOutputs["identification"]["byId"]["officerChoice"]>;

const linkClass = "mt-3 flex min-h-12 items-center justify-center rounded bg-france px-3 py-2 text-center font-semibold text-white hover:bg-france-dark";

/**
 * What the officer said the weapon is, marked as theirs ("indiquée par l'agent": never the model's nor
 * an expert's answer), with what it gives at once: the category (computed as for a confident model
 * answer) and the securing guide, the typology's own or the family's general rules.
 */
export function OfficerChoicePanel({
  choice,
  caseId,
  expertDecided,
  onChange,
}: {
  choice: OfficerChoice;
  /** the guide's «je n'arrive pas à réaliser cette étape» then opens this case's expert request */
  caseId: string;
  /** an expert decided after this choice: their verdict (below) is the answer now */
  expertDecided: boolean;
  onChange: () => void;
}) {
  const t = useTranslations("guided");
  const locale = useLocale();
  const typology = choice.typology;
  const familyName = choice.family ? t(`families.${choice.family}`) : null;
  const title = typology ? pick(typology.label, locale) : familyName ? t("officerFamilyTitle", { family: familyName }) : t("officerUndeterminedTitle");

  return (
    <section aria-labelledby="officer-choice-title" data-testid="officer-choice" className="rounded-lg border-2 border-france p-3">
      <p className="inline-block rounded bg-france-light px-2 py-0.5 text-sm font-bold text-france" data-testid="officer-badge">
        {t("byOfficer")}
      </p>
      <div className="mt-1 flex items-center gap-3">
        {typology ? <TypologyDrawing typology={typology.key} className="h-12 w-24 shrink-0" /> : null}
        <h2 id="officer-choice-title" data-testid="officer-typology" className="text-xl leading-tight font-bold">
          {title}
        </h2>
      </div>
      <p className="mt-1 text-sm">
        {expertDecided ? t("expertDecided") : typology ? t("byOfficerHint") : choice.family ? t("familyCategoryHint") : t("officerUndeterminedHint")}
      </p>
      {typology ? <CategoryBox category={choice.category} id="officer-category" /> : null}
      {typology ? (
        <Link href={securingHref({ typology: typology.key }, caseId)} data-testid="securing-link" className={linkClass}>
          {t("securingLink", { typology: pick(typology.label, locale) })}
        </Link>
      ) : choice.family ? (
        <Link href={securingHref({ family: choice.family }, caseId)} data-testid="securing-link" className={linkClass}>
          {t("securingFamilyLink", { family: familyName!.toLowerCase() })}
        </Link>
      ) : (
        <Link href="/securing" data-testid="securing-link" className={linkClass}>
          {t("securingGeneralLink")}
        </Link>
      )}
      {expertDecided ? null : (
        <button type="button" onClick={onChange} className="mt-2 h-11 w-full font-medium text-france underline underline-offset-4">
          {t("change")}
        </button>
      )}
    </section>
  );
}
