import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { IdentificationResultView } from "@/components/result/identification-result-view";
import type { Locale } from "@/i18n/routing";
import { localizedSecuring } from "@/lib/securing";
import { alarmGunChoices, answerValueLabels } from "@/server/answer-labels";
import { serverCaller } from "@/server/caller";
import { requireActor } from "@/server/require-actor";
import { TRPCReactProvider } from "@/trpc/react";

type Params = Promise<{ locale: Locale; id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "result" }))("title") };
}

export default async function IdentificationPage({ params }: { params: Params }) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale, `/identifications/${id}`);
  const caller = await serverCaller(actor);
  const view = await caller.identification.byId({ id }).catch((error: unknown) => {
    // someone else's case reads as "not found": its existence is not disclosed
    if (error instanceof TRPCError && ["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"].includes(error.code)) notFound();
    throw error;
  });

  // the expert's answer first, then the officer's own typology: it is the one the page gives the category and the guide for
  const expertAnswers = view.state === "expert_confirmed" || view.state === "expert_corrected";
  const typology = (expertAnswers ? view.expertVerdict?.typology?.key : undefined) ?? view.officerChoice?.typology?.key ?? view.result?.typology?.key;
  // only this page talks tRPC from the browser: the other pages do not ship its client
  return (
    <TRPCReactProvider>
      <IdentificationResultView
        initialView={view}
        securing={typology ? localizedSecuring(typology, locale) : null}
        answerLabels={answerValueLabels(locale)}
        alarmGuns={alarmGunChoices()}
      />
    </TRPCReactProvider>
  );
}
