"use client";

import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { SERVICE_UNAVAILABLE_DIGEST } from "@/lib/service-unavailable-digest";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  // an outage (the database unreachable) says so, rather than "an error occurred"
  const unavailable = error.digest === SERVICE_UNAVAILABLE_DIGEST;
  return (
    <div role="alert" className="pt-8">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2">{t(unavailable ? "serviceUnavailable" : "generic")}</p>
      <button type="button" onClick={reset} className="mt-4 h-12 w-full rounded bg-france font-semibold text-white hover:bg-france-dark">
        {t("retry")}
      </button>
      <Link href="/" className="mt-4 block text-center font-medium text-france underline underline-offset-4">
        {t("backHome")}
      </Link>
    </div>
  );
}
