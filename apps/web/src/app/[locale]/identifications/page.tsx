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

/** Each case's state, in one word the officer can act on (see the api's CaseListState). */
const STATE_KEYS = {
  analysing: "stateAnalysing",
  failed: "stateFailed",
  expert_confirmed: "stateExpertConfirmed",
  expert_corrected: "stateExpertCorrected",
  photo_requested: "statePhotoRequested",
  officer_identified: "stateOfficerIdentified",
  awaiting_expert: "stateAwaitingExpert",
  model_result: "stateModelResult",
} as const;

const STATE_STYLES: Record<keyof typeof STATE_KEYS, string> = {
  analysing: "bg-neutral-200 text-neutral-900",
  failed: "bg-danger-light text-danger",
  expert_confirmed: "bg-success-light text-success",
  expert_corrected: "bg-success-light text-success",
  photo_requested: "bg-warning-light text-warning",
  officer_identified: "bg-france-light text-france",
  awaiting_expert: "bg-warning-light text-warning",
  model_result: "bg-neutral-200 text-neutral-900",
};

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
  const [page, unseen] = await Promise.all([
    caller.identification.list({ cursor: cursor && CURSOR_PATTERN.test(cursor) ? cursor : undefined, limit: 20 }),
    caller.identification.unseenVerdicts(),
  ]);
  const t = await getTranslations({ locale, namespace: "list" });
  const tResult = await getTranslations({ locale, namespace: "result" });
  const format = await getFormatter({ locale });

  return (
    <div className="pt-5">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {unseen.count > 0 ? (
        <p role="status" data-testid="unseen-verdicts" className="mt-2 rounded border-l-4 border-danger bg-danger-light p-3 font-semibold">
          {t("unseenVerdicts", { count: unseen.count })}
        </p>
      ) : null}
      {/* photos still on the phone come first: they are not in the list below until sent */}
      <OutboxList />
      {page.items.length === 0 ? <p className="mt-4">{t("empty")}</p> : null}
      <ul className="mt-4 divide-y divide-neutral-200">
        {page.items.map((item) => {
          const date = format.dateTime(item.createdAt, { dateStyle: "short", timeStyle: "short" });
          // the expert's answer, once given, is the row's answer
          const expertHeadline = item.expertTypology
            ? t(item.state === "expert_corrected" ? "rowExpertCorrected" : "rowExpertConfirmed", { typology: pick(item.expertTypology.label, locale) }) +
              ` · ${item.expertLetters && item.expertLetters.length > 0 ? t("rowCategory", { letters: item.expertLetters.join(" / ") }) : t("rowNotClassified")}`
            : null;
          const headline = expertHeadline
            ? expertHeadline
            : item.officerTypology
            ? pick(item.officerTypology.label, locale)
            : item.typology
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
                  <span className={`block font-semibold ${expertHeadline ? "" : "truncate"}`} data-testid="case-headline">
                    {item.verdictUnseen ? <span className="mr-2 rounded bg-danger px-2 py-0.5 text-xs font-bold text-white">{t("newVerdict")}</span> : null}
                    {headline}
                  </span>
                  <span className="block text-sm text-muted">
                    {item.family ? tResult(`families.${item.family}`) : t("familyUnknown")}
                    {item.procedureNumber ? ` · ${t("procedure", { number: item.procedureNumber })}` : ""}
                    {` · ${date}`}
                  </span>
                  <span className="mt-1 flex flex-wrap items-center gap-2">
                    {item.state === "analysing" ? (
                      <StatusBadge status={item.status} />
                    ) : (
                      <span data-testid="case-state" className={`rounded px-2 py-0.5 text-xs font-bold ${STATE_STYLES[item.state]}`}>
                        {t(STATE_KEYS[item.state])}
                        {item.awaitingExpert && item.state !== "awaiting_expert" ? ` · ${t("awaitingExpertSuffix")}` : ""}
                      </span>
                    )}
                    {!expertHeadline && item.categoryLetters && item.categoryLetters.length > 0 ? (
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
