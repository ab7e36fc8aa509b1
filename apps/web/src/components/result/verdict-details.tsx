"use client";

import { useTranslations } from "next-intl";
import type { IdentificationViewData } from "./identification-result-view";

type ExpertVerdict = NonNullable<IdentificationViewData["expertVerdict"]>;

/**
 * What an expert's verdict says beyond its typology and category: the rules' conditions, make / model /
 * calibre (and the expert's notes where asked), and the message to the officer. One rendering for the
 * answer on top of the case and for the expert panel.
 */
export function VerdictDetails({ verdict, withNotes = false }: { verdict: ExpertVerdict; withNotes?: boolean }) {
  const t = useTranslations("expert");
  const details = ([
    ["make", verdict.make],
    ["model", verdict.model],
    ["calibre", verdict.calibre],
    ...(withNotes ? ([["notes", verdict.notes]] as const) : []),
  ] as const).filter(([, value]) => value);
  return (
    <>
      {verdict.conditions.length > 0 ? (
        <ul className="mt-2 list-disc pl-5 text-sm">
          {verdict.conditions.map((condition) => (
            <li key={condition}>{condition}</li>
          ))}
        </ul>
      ) : null}
      {details.length > 0 ? (
        <dl className="mt-2 text-sm">
          {details.map(([key, value]) => (
            <div key={key} className="flex gap-2">
              <dt className="text-muted">{t(key)} :</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {verdict.messageToOfficer ? (
        <p className="mt-2 rounded bg-france-light p-2 text-sm">
          <span className="font-semibold">{t("messageFromExpert")} : </span>
          {verdict.messageToOfficer}
        </p>
      ) : null}
    </>
  );
}
