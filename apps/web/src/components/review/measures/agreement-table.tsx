import { formatPercent } from "@basegun/domain";
import { useLocale, useTranslations } from "next-intl";

interface AgreementRow {
  key: string;
  decided: number;
  agreed: number;
  rate: number | null;
}

/** Model versus expert agreement per group, with a bar per rate. */
export function AgreementTable({ rows, labelOf, keyHeader }: { rows: AgreementRow[]; labelOf: (key: string) => string; keyHeader: string }) {
  const t = useTranslations("measures");
  const locale = useLocale();
  if (rows.length === 0) return <p className="mt-2 text-sm text-muted">{t("noDecisions")}</p>;
  return (
    <table className="mt-2 w-full text-left text-sm">
      <thead className="text-xs uppercase tracking-wide text-muted">
        <tr>
          <th scope="col" className="py-1 pr-2">{keyHeader}</th>
          <th scope="col" className="py-1 pr-2 text-right">{t("decidedShort")}</th>
          <th scope="col" className="py-1 pr-2 text-right">{t("agreed")}</th>
          <th scope="col" className="w-1/2 py-1">{t("rate")}</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-neutral-200">
        {rows.map((row) => {
          const percent = row.rate === null ? null : Math.round(row.rate * 100);
          return (
            <tr key={row.key}>
              <td className="py-1.5 pr-2">{labelOf(row.key)}</td>
              <td className="py-1.5 pr-2 text-right tabular-nums">{row.decided}</td>
              <td className="py-1.5 pr-2 text-right tabular-nums">{row.agreed}</td>
              <td className="py-1.5">
                <span className="flex items-center gap-2">
                  <span className="h-2 flex-1 rounded bg-neutral-200" aria-hidden="true">
                    <span className="block h-2 rounded bg-success" style={{ width: `${percent ?? 0}%` }} />
                  </span>
                  <span className="w-14 text-right tabular-nums">{formatPercent(row.rate, locale)}</span>
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
