import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import type { Locale } from "@/i18n/routing";

export const ADMIN_PAGES = [
  { href: "/admin/dataset", key: "dataset" },
  { href: "/admin/training", key: "training" },
  { href: "/admin/models", key: "models" },
  { href: "/admin/monitoring", key: "monitoring" },
  { href: "/admin/routing", key: "routing" },
] as const;

/** The admin console's own tabs, the current page marked. */
export async function AdminTabs({ locale, current }: { locale: Locale; current: (typeof ADMIN_PAGES)[number]["key"] }) {
  const t = await getTranslations({ locale, namespace: "admin.tabs" });
  return (
    <nav aria-label={t("label")} className="flex flex-wrap gap-1 border-b border-neutral-200 pb-2 text-sm">
      {ADMIN_PAGES.map((page) => (
        <Link
          key={page.key}
          href={page.href}
          aria-current={page.key === current ? "page" : undefined}
          className={`rounded px-3 py-2 ${page.key === current ? "bg-france font-semibold text-white" : "text-france hover:bg-france-light"}`}
        >
          {t(page.key)}
        </Link>
      ))}
    </nav>
  );
}
