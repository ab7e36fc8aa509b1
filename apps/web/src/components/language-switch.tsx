"use client";

import { useLocale } from "next-intl";
import { useSearchParams } from "next/navigation";
import { Link, usePathname } from "@/i18n/navigation";

export function LanguageSwitch({ label, ariaLabel, className }: { label: string; ariaLabel: string; className?: string }) {
  const locale = useLocale();
  const pathname = usePathname();
  const search = useSearchParams();
  const other = locale === "fr" ? "en" : "fr";
  const query = Object.fromEntries(search.entries());
  return (
    <Link
      href={{ pathname, query }}
      locale={other}
      lang={other}
      aria-label={ariaLabel}
      className={className ?? "flex h-10 items-center rounded px-3 text-sm font-medium text-france underline-offset-4 hover:underline"}
    >
      {label}
    </Link>
  );
}
