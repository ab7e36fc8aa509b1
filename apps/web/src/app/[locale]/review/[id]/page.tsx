import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { hasScope } from "@basegun/auth";
import { ReviewScreen } from "@/components/review/review-screen";
import type { Locale } from "@/i18n/routing";
import { answerValueLabels } from "@/server/answer-labels";
import { serverCaller } from "@/server/caller";
import { requireScopeOrNotFound } from "@/server/require-actor";
import { typologyOptions } from "@/server/typology-options";
import { TRPCReactProvider } from "@/trpc/react";

type Params = Promise<{ locale: Locale; id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "review" }))("screenTitle") };
}

export default async function ReviewPage({ params }: { params: Params }) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireScopeOrNotFound(locale, `/review/${id}`, "review:read");
  const caller = await serverCaller(actor);
  const detail = await caller.review.byId({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && ["NOT_FOUND", "BAD_REQUEST"].includes(error.code)) notFound();
    throw error;
  });

  return (
    <div data-wide className="pt-3">
      <TRPCReactProvider>
        <ReviewScreen
          key={detail.id}
          initialDetail={detail}
          answerLabels={answerValueLabels(locale)}
          typologies={typologyOptions(locale)}
          canDecide={hasScope(actor.role, "review:decide")}
        />
      </TRPCReactProvider>
    </div>
  );
}
