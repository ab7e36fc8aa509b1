import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";

export default function NotFound() {
  const t = useTranslations("errors");
  return (
    <div className="pt-8">
      <h1 className="text-2xl font-bold">{t("notFoundPage")}</h1>
      <Link href="/" className="mt-4 inline-block font-medium text-france underline underline-offset-4">
        {t("backHome")}
      </Link>
    </div>
  );
}
