import { useTranslations } from "next-intl";

const STYLES = {
  pending: "bg-neutral-200 text-neutral-900",
  processing: "bg-france-light text-france",
  done: "bg-success-light text-success",
  failed: "bg-danger-light text-danger",
} as const;

export function StatusBadge({ status }: { status: keyof typeof STYLES }) {
  const t = useTranslations("status");
  return <span className={`rounded px-2 py-0.5 text-xs font-semibold ${STYLES[status]}`}>{t(status)}</span>;
}
