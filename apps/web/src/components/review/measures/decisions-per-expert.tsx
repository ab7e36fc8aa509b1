import { useTranslations } from "next-intl";

interface ExpertRow {
  expertId: string;
  name: string;
  confirm: number;
  correct: number;
  unusable: number;
  total: number;
}

const PARTS = [
  ["confirm", "bg-success"],
  ["correct", "bg-warning"],
  ["unusable", "bg-neutral-500"],
] as const;

/** Decisions per expert, split confirm / correct / unusable as a stacked bar. */
export function DecisionsPerExpert({ rows }: { rows: ExpertRow[] }) {
  const t = useTranslations("measures");
  if (rows.length === 0) return <p className="mt-2 text-sm text-muted">{t("noDecisions")}</p>;
  const max = Math.max(...rows.map((row) => row.total));
  return (
    <>
      <table className="mt-2 w-full text-left text-sm">
        <thead className="text-xs uppercase tracking-wide text-muted">
          <tr>
            <th scope="col" className="py-1 pr-2">{t("expert")}</th>
            {PARTS.map(([part]) => (
              <th key={part} scope="col" className="py-1 pr-2 text-right">
                {t(part)}
              </th>
            ))}
            <th scope="col" className="py-1 pr-2 text-right">{t("total")}</th>
            <th scope="col" className="w-1/3 py-1">
              <span className="sr-only">{t("share")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-200">
          {rows.map((row) => (
            <tr key={row.expertId}>
              <td className="py-1.5 pr-2">{row.name}</td>
              {PARTS.map(([part]) => (
                <td key={part} className="py-1.5 pr-2 text-right tabular-nums">
                  {row[part]}
                </td>
              ))}
              <td className="py-1.5 pr-2 text-right font-semibold tabular-nums">{row.total}</td>
              <td className="py-1.5">
                <span className="flex h-2 rounded bg-neutral-100" style={{ width: `${(row.total / max) * 100}%` }} aria-hidden="true">
                  {PARTS.map(([part, colour]) => (
                    <span key={part} className={`block h-2 ${colour}`} style={{ width: `${(row[part] / Math.max(row.total, 1)) * 100}%` }} />
                  ))}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 flex gap-4 text-xs text-muted" aria-hidden="true">
        {PARTS.map(([part, colour]) => (
          <span key={part} className="flex items-center gap-1">
            <span className={`inline-block h-2 w-3 ${colour}`} />
            {t(part)}
          </span>
        ))}
      </p>
    </>
  );
}
