import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ReviewQueueView } from "@/components/review/review-queue-view";
import { typologyOptions } from "@/server/typology-options";
import type { Locale } from "@/i18n/routing";
import { parseQueueSearch, toApiFilters } from "@/lib/review/queue-filters";
import { serverCaller } from "@/server/caller";
import { requireScopeOrNotFound } from "@/server/require-actor";
import { TRPCReactProvider } from "@/trpc/react";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "review" }))("queueTitle") };
}

const QUEUE_PAGE_SIZE = 100;

export default async function ReviewQueuePage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireScopeOrNotFound(locale, "/review", "review:read");
  const search = parseQueueSearch(await searchParams);
  const caller = await serverCaller(actor);
  const queue = await caller.review.queue({ ...toApiFilters(search), view: search.view, limit: QUEUE_PAGE_SIZE });

  return (
    <div data-wide className="pt-4">
      <TRPCReactProvider>
        <ReviewQueueView initialQueue={queue} search={search} pageSize={QUEUE_PAGE_SIZE} typologies={typologyOptions(locale)} />
      </TRPCReactProvider>
    </div>
  );
}
