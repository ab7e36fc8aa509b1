import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { OutboxList } from "@/components/offline/outbox-list";
import { StatusBadge } from "@/components/status-badge";
import { Link } from "@/i18n/navigation";
import type { Locale } from "@/i18n/routing";
import { pick } from "@/lib/localized";
import { serverCaller } from "@/server/caller";
import { requireActor } from "@/server/require-actor";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "list" }))("title") };
}

const CURSOR_PATTERN = /^[a-z0-9]{1,64}$/i;

export default async function IdentificationListPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale, "/identifications");
  const { cursor } = await searchParams;
  const caller = await serverCaller(actor);
  const page = await caller.identification.list({ cursor: cursor && CURSOR_PATTERN.test(cursor) ? cursor : undefined, limit: 20 });
  const t = await getTranslations({ locale, namespace: "list" });
  const format = await getFormatter({ locale });

  return (
    <div className="pt-5">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {/* photos still on the phone come first: they are not in the list below until sent */}
      <OutboxList />
      {page.items.length === 0 ? <p className="mt-4">{t("empty")}</p> : null}
      <ul className="mt-4 divide-y divide-neutral-200">
        {page.items.map((item) => {
          const date = format.dateTime(item.createdAt, { dateStyle: "short", timeStyle: "short" });
          const headline = item.typology
            ? pick(item.typology.label, locale)
            : item.resultStatus === "no_firearm"
              ? t("noFirearm")
              : item.status === "failed"
                ? t("failed")
                : item.status === "done"
                  ? t("undetermined")
                  : t("waiting");
          return (
            <li key={item.id}>
              <Link href={`/identifications/${item.id}`} className="flex items-center gap-3 py-3 hover:bg-neutral-50">
                {item.thumbnailUrl ? (
                  <img src={item.thumbnailUrl} alt={t("thumbnailAlt", { date })} width={64} height={64} loading="lazy" className="h-16 w-16 shrink-0 overflow-hidden rounded bg-neutral-100 object-contain text-xs" />
                ) : (
                  <span className="h-16 w-16 shrink-0 rounded bg-neutral-100" />
                )}
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-semibold">{headline}</span>
                  <span className="block text-sm text-muted">
                    {date}
                    {item.procedureNumber ? ` · ${item.procedureNumber}` : ""}
                  </span>
                  <span className="mt-1 flex flex-wrap items-center gap-2">
                    <StatusBadge status={item.status} />
                    {item.categoryLetters && item.categoryLetters.length > 0 ? (
                      <span className="rounded bg-neutral-900 px-2 py-0.5 text-xs font-bold text-white">{item.categoryLetters.join(" / ")}</span>
                    ) : null}
                  </span>
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      {page.nextCursor ? (
        <Link href={{ pathname: "/identifications", query: { cursor: page.nextCursor } }} className="mt-4 inline-block font-medium text-france underline underline-offset-4">
          {t("more")}
        </Link>
      ) : null}
    </div>
  );
}
