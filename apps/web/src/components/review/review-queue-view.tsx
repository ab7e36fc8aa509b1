"use client";

import type { RouterOutputs } from "@basegun/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Link, useRouter } from "@/i18n/navigation";
import { hasFilters, toApiFilters, toSearchParams, type QueueSearch } from "@/lib/review/queue-filters";
import { formatWaiting } from "@/lib/review/waiting-time";
import { pick } from "@/lib/localized";
import type { TypologyOption } from "@/server/typology-options";
import { useTRPC } from "@/trpc/react";
import { percentOf, REASON_KEYS, reviewErrorKey, TIER_KEYS, TIER_STYLES } from "./labels";
import { QueueFiltersBar } from "./queue-filters-bar";
import { useNow } from "./use-now";

export type QueueData = RouterOutputs["review"]["queue"];
type QueueItem = QueueData["items"][number];

// other experts claim and decide meanwhile: the list follows without a reload
const REFRESH_MS = 10_000;

/**
 * The expert's queue, in the order "take the next case" serves it (urgent, then uncertainty, then
 * age), with the counts and the oldest wait at a glance. Filters live in the URL.
 */
export function ReviewQueueView({
  initialQueue,
  search,
  pageSize,
  typologies,
}: {
  initialQueue: QueueData;
  search: QueueSearch;
  pageSize: number;
  typologies: TypologyOption[];
}) {
  const t = useTranslations("review");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const filters = toApiFilters(search);
  const input = { ...filters, view: search.view, limit: pageSize };
  const { data, isFetching } = useQuery(trpc.review.queue.queryOptions(input, { initialData: initialQueue, refetchInterval: REFRESH_MS }));
  const queue = data ?? initialQueue;
  const [notice, setNotice] = useState<string | null>(null);

  const open = (reviewId: string) => router.push(`/review/${reviewId}`);
  const claimNext = useMutation(
    trpc.review.claimNext.mutationOptions({
      onSuccess: (claimed) => (claimed ? open(claimed.reviewId) : setNotice(t("nothingToClaim"))),
    }),
  );
  const claim = useMutation(trpc.review.claim.mutationOptions({ onSuccess: (claimed) => open(claimed.reviewId) }));
  const release = useMutation(
    trpc.review.release.mutationOptions({
      onSuccess: () => {
        setNotice(t("released"));
        void queryClient.invalidateQueries({ queryKey: trpc.review.queue.pathKey() });
      },
    }),
  );
  const failure = claimNext.error ?? claim.error ?? release.error;

  const applySearch = (next: QueueSearch) => {
    setNotice(null);
    const query = toSearchParams(next).toString();
    router.replace(query ? `/review?${query}` : "/review", { scroll: false });
  };

  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{t("queueTitle")}</h1>
          <p className="text-sm text-muted">{t("queueOrder")}</p>
        </div>
        <div className="flex items-center gap-3">
          <Link href="/review/measures" className="text-sm font-medium text-france underline underline-offset-4">
            {t("measuresLink")}
          </Link>
          <button
            type="button"
            onClick={() => {
              setNotice(null);
              claimNext.mutate(filters);
            }}
            disabled={claimNext.isPending || queue.counts.waiting === 0}
            className="h-11 rounded bg-france px-5 font-semibold text-white hover:bg-france-dark disabled:opacity-50"
          >
            {claimNext.isPending ? t("claiming") : t("takeNext", { count: queue.counts.waiting })}
          </button>
        </div>
      </div>

      <QueueSummary queue={queue} />

      <QueueFiltersBar search={search} typologies={typologies} units={unitsOf(queue.items)} onChange={applySearch} />

      {notice ? (
        <p role="status" className="mt-3 rounded bg-france-light p-3 text-sm">
          {notice}
        </p>
      ) : null}
      {failure ? (
        <p role="alert" className="mt-3 rounded border-l-4 border-danger bg-danger-light p-3 text-sm">
          {t(reviewErrorKey(failure))}
        </p>
      ) : null}

      {queue.items.length === 0 ? (
        <p className="mt-6 rounded border border-dashed border-neutral-400 p-6 text-center text-muted" data-testid="queue-empty">
          {hasFilters(search) ? t("emptyFiltered") : t("empty")}
        </p>
      ) : (
        <QueueTable
          items={queue.items}
          busy={claim.isPending || release.isPending}
          onClaim={(id) => claim.mutate({ id })}
          onRelease={(id) => release.mutate({ id })}
        />
      )}
      <p className="mt-2 text-xs text-muted" aria-live="polite">
        {queue.nextCursor ? t("firstShown", { count: pageSize }) : null} {isFetching ? t("refreshing") : t("autoRefresh")}
      </p>
    </div>
  );
}

function unitsOf(items: QueueItem[]): string[] {
  return [...new Set(items.flatMap((item) => (item.unit ? [item.unit] : [])))].sort();
}

function QueueSummary({ queue }: { queue: QueueData }) {
  const t = useTranslations("review");
  const locale = useLocale();
  const figures: Array<[string, string, string]> = [
    [t("countWaiting"), String(queue.counts.waiting), "count-waiting"],
    [t("countClaimed"), String(queue.counts.claimed), "count-claimed"],
    [t("oldestWaiting"), queue.oldestWaitingSeconds === null ? "—" : formatWaiting(queue.oldestWaitingSeconds, locale), "oldest-waiting"],
  ];
  return (
    <section aria-label={t("summary")} className="mt-4 flex flex-wrap items-stretch gap-3">
      {figures.map(([label, value, testId]) => (
        <div key={testId} className="min-w-36 rounded-lg border border-neutral-300 px-4 py-2">
          <p className="text-xs uppercase tracking-wide text-muted">{label}</p>
          <p className="text-2xl font-bold tabular-nums" data-testid={testId}>
            {value}
          </p>
        </div>
      ))}
      <dl className="grid flex-1 grid-cols-[auto_1fr] content-center gap-x-3 gap-y-1 rounded-lg border border-neutral-300 px-4 py-2 text-sm">
        <dt className="text-xs uppercase leading-5 tracking-wide text-muted">{t("byReason")}</dt>
        <dd className="flex flex-wrap gap-x-4">
          {Object.entries(REASON_KEYS).map(([reason, key]) => (
            <span key={reason}>
              {t(key)} <span className="font-bold tabular-nums">{queue.counts.byReason[reason as keyof typeof REASON_KEYS]}</span>
            </span>
          ))}
        </dd>
        <dt className="text-xs uppercase leading-5 tracking-wide text-muted">{t("byTier")}</dt>
        <dd className="flex flex-wrap gap-x-4">
          {Object.entries(TIER_KEYS).map(([tier, key]) => (
            <span key={tier}>
              {t(key)} <span className="font-bold tabular-nums">{queue.counts.byTier[tier as keyof typeof TIER_KEYS]}</span>
            </span>
          ))}
        </dd>
      </dl>
    </section>
  );
}

function QueueTable({
  items,
  busy,
  onClaim,
  onRelease,
}: {
  items: QueueItem[];
  busy: boolean;
  onClaim: (id: string) => void;
  onRelease: (id: string) => void;
}) {
  const t = useTranslations("review");
  const locale = useLocale();
  const format = useFormatter();
  const now = useNow(15_000);
  return (
    <div className="mt-4 overflow-x-auto rounded-lg border border-neutral-300">
      <table className="w-full min-w-[64rem] text-left text-sm">
        <thead className="bg-neutral-100 text-xs uppercase tracking-wide text-muted">
          <tr>
            <th scope="col" className="px-3 py-2">{t("colPriority")}</th>
            <th scope="col" className="px-3 py-2">{t("colPhoto")}</th>
            <th scope="col" className="px-3 py-2">{t("colModel")}</th>
            <th scope="col" className="px-3 py-2">{t("colReason")}</th>
            <th scope="col" className="px-3 py-2">{t("colUnit")}</th>
            <th scope="col" className="px-3 py-2">{t("colWaiting")}</th>
            <th scope="col" className="px-3 py-2">{t("colClaim")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("colActions")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-200">
          {items.map((item) => {
            const waiting = Math.max(item.waitingSeconds, (now - new Date(item.createdAt).getTime()) / 1000);
            return (
              <tr
                key={item.id}
                data-testid="queue-row"
                data-case-id={item.caseId}
                data-review-id={item.id}
                data-same-photos={item.samePhotos?.key}
                className={`${item.heldByMe ? "bg-france-light/60" : "hover:bg-neutral-50"} ${item.samePhotos && item.samePhotos.index > 0 ? "border-l-4 border-l-warning" : ""}`}
              >
                <td className="px-3 py-2">
                  <span className="flex flex-col items-start gap-1">
                    {item.urgent ? <span className="rounded bg-marianne px-2 py-0.5 text-xs font-bold text-white">{t("urgent")}</span> : null}
                    {item.blindDoubleReview ? <span className="rounded bg-neutral-200 px-2 py-0.5 text-xs">{t("blind")}</span> : null}
                    <span className="text-xs tabular-nums text-muted">{item.priority}</span>
                  </span>
                </td>
                <td className="px-3 py-2">
                  {item.samePhotos ? (
                    <span className="mb-1 block rounded bg-warning-light px-1.5 py-0.5 text-xs font-semibold text-warning" data-testid="same-photos">
                      {item.samePhotos.index === 0 ? t("samePhotosFirst", { count: item.samePhotos.size }) : t("samePhotosNext")}
                    </span>
                  ) : null}
                  {item.thumbnailUrl ? (
                    <img src={item.thumbnailUrl} alt={t("thumbnailAlt")} width={72} height={72} loading="lazy" className="h-18 w-18 rounded bg-neutral-100 object-contain" />
                  ) : (
                    <span className="block h-18 w-18 rounded bg-neutral-100" />
                  )}
                </td>
                <td className="px-3 py-2">
                  <span className="block font-semibold">{item.typology ? pick(item.typology.label, locale) : t("noTypology")}</span>
                  <span className="mt-1 flex flex-wrap items-center gap-2">
                    {item.tier ? <span className={`rounded px-2 py-0.5 text-xs font-semibold ${TIER_STYLES[item.tier]}`}>{t(TIER_KEYS[item.tier])}</span> : null}
                    {item.confidence !== null ? <span className="tabular-nums text-muted">{percentOf(item.confidence)} %</span> : null}
                  </span>
                </td>
                <td className="px-3 py-2">{t(REASON_KEYS[item.reason])}</td>
                <td className="px-3 py-2">{item.unit ?? "—"}</td>
                <td suppressHydrationWarning className="px-3 py-2 tabular-nums" title={format.dateTime(item.createdAt, { dateStyle: "short", timeStyle: "short" })}>
                  {formatWaiting(waiting, locale)}
                </td>
                <td className="px-3 py-2" data-testid="claim-state">
                  {item.claimedBy ? (
                    <span>
                      <span className="font-medium">{item.heldByMe ? t("heldByMe") : item.claimedBy.name}</span>
                      {item.claimedUntil ? (
                        <span className="block text-xs text-muted">
                          {t("claimUntil", { time: format.dateTime(item.claimedUntil, { timeStyle: "short" }) })}
                        </span>
                      ) : null}
                    </span>
                  ) : (
                    <span className="text-muted">{t("free")}</span>
                  )}
                </td>
                <td className="px-3 py-2">
                  <span className="flex justify-end gap-2">
                    <Link href={`/review/${item.id}`} className="inline-flex h-9 items-center rounded border border-france px-3 font-medium text-france hover:bg-france-light">
                      {t("open")}
                    </Link>
                    {item.heldByMe ? (
                      <button type="button" disabled={busy} onClick={() => onRelease(item.id)} className="h-9 rounded border border-neutral-500 px-3 font-medium hover:bg-neutral-100 disabled:opacity-50">
                        {t("release")}
                      </button>
                    ) : !item.claimedBy ? (
                      <button type="button" disabled={busy} onClick={() => onClaim(item.id)} className="h-9 rounded bg-france px-3 font-medium text-white hover:bg-france-dark disabled:opacity-50">
                        {t("claim")}
                      </button>
                    ) : null}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
