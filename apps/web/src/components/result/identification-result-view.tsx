"use client";

import type { RouterOutputs } from "@basegun/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { GuideView } from "@/components/securing/guide-view";
import { Link, useRouter } from "@/i18n/navigation";
import { pick } from "@/lib/localized";
import type { LocalizedSecuring } from "@/lib/securing";
import { useTRPC } from "@/trpc/react";
import { AnswersForm, type AlarmGunChoice } from "./answers-form";
import { AnswersSummary } from "./answers-summary";
import { ExpertPanel } from "./expert-panel";
import { MarkingsPanel } from "./markings-panel";
import { PhotoPanel } from "./photo-panel";
import { Verdict } from "./verdict";

export type IdentificationViewData = RouterOutputs["identification"]["byId"];

// final once identified (or failed) and no markings photo is still being read: live updates stop then
const isFinal = (view: IdentificationViewData | undefined) =>
  (view?.status === "done" || view?.status === "failed") && !view.markingsReadings.some((reading) => reading.status === "pending");

// the subscription pushes changes; polling only backs it up (slowly while live, quickly once it broke)
const POLL_WHILE_LIVE_MS = 15_000;
const POLL_WITHOUT_LIVE_MS = 3_000;

export function IdentificationResultView({
  initialView,
  securing,
  answerLabels,
  alarmGuns,
}: {
  initialView: IdentificationViewData;
  securing: LocalizedSecuring | null;
  answerLabels: Record<string, string>;
  alarmGuns: AlarmGunChoice[];
}) {
  const t = useTranslations("result");
  const tErrors = useTranslations("errors");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const input = { id: initialView.id };
  const queryKey = trpc.identification.byId.queryKey(input);
  const [liveLost, setLiveLost] = useState(false);

  const { data } = useQuery(
    trpc.identification.byId.queryOptions(input, {
      initialData: initialView,
      refetchInterval: (query) => (isFinal(query.state.data) ? false : liveLost ? POLL_WITHOUT_LIVE_MS : POLL_WHILE_LIVE_MS),
    }),
  );
  const view = data ?? initialView;
  const final = isFinal(view);

  useSubscription(
    trpc.identification.onUpdate.subscriptionOptions(input, {
      enabled: !final,
      onStarted: () => setLiveLost(false),
      onData: (event) => queryClient.setQueryData(queryKey, event.data),
      onError: () => setLiveLost(true),
    }),
  );

  // the securing guide is rendered on the server for the known typology: refresh once it becomes known
  const typologyKey = view.result?.typology?.key ?? null;
  useEffect(() => {
    if (typologyKey && securing?.typology !== typologyKey) router.refresh();
  }, [typologyKey, securing?.typology, router]);

  const retry = useMutation(
    trpc.identification.retry.mutationOptions({ onSuccess: (next) => queryClient.setQueryData(queryKey, next) }),
  );
  const saveAnswers = useMutation(
    trpc.identification.saveAnswers.mutationOptions({ onSuccess: (next) => queryClient.setQueryData(queryKey, next) }),
  );
  const requestExpert = useMutation(
    trpc.identification.requestExpert.mutationOptions({ onSuccess: (next) => queryClient.setQueryData(queryKey, next) }),
  );
  // added photos restart the analysis: reload the case, which turns the live updates back on
  const onPhotosAdded = () => void queryClient.invalidateQueries({ queryKey });
  const errorText = (error: unknown) => {
    const key = (error as { data?: { messageKey?: string | null } } | null)?.data?.messageKey;
    return key && tErrors.has(key as "generic") ? tErrors(key as "generic") : tErrors("generic");
  };

  const result = view.result;
  const category = result?.category ?? null;

  return (
    <div className="pt-3">
      <h1 className="sr-only">{t("title")}</h1>
      <PhotoPanel photos={view.photos} />

      <div className="mt-3">
        <Verdict
          view={view}
          liveLost={liveLost}
          onRetry={() => retry.mutate(input)}
          retrying={retry.isPending}
          retryError={retry.error ? errorText(retry.error) : null}
        />
      </div>

      {view.status === "done" || view.status === "failed" ? <MarkingsPanel view={view} onAdded={onPhotosAdded} /> : null}

      {result && category && category.conditions.length > 0 ? (
        <section aria-labelledby="conditions-title" className="mt-6">
          <h2 id="conditions-title" className="text-lg font-bold">
            {t("conditionsTitle")}
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {category.conditions.map((condition) => (
              <li key={condition.key}>{pick(condition, locale)}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {result && category && category.questions.length > 0 && result.typology ? (
        <section aria-labelledby="questions-title" className="mt-6">
          <h2 id="questions-title" className="text-lg font-bold">
            {t("questionsTitle")}
          </h2>
          <p className="mt-1 text-sm text-muted">{t("questionsIntro")}</p>
          <AnswersForm
            key={JSON.stringify(view.answers)}
            typologyFamilyKind={result.typology.key === "revolver" ? "revolver" : "pistol"}
            questions={category.questions}
            answers={view.answers}
            alarmGuns={alarmGuns}
            pending={saveAnswers.isPending}
            saved={saveAnswers.isSuccess}
            error={saveAnswers.error ? errorText(saveAnswers.error) : null}
            onSubmit={(answers) => saveAnswers.mutate({ id: view.id, answers })}
            onCannotAnswer={() => saveAnswers.mutate({ id: view.id, answers: view.answers, cannotAnswer: true })}
          />
        </section>
      ) : null}

      {result && Object.keys(view.answers).length > 0 ? (
        <AnswersSummary
          answers={view.answers}
          labels={answerLabels}
          onClear={() => saveAnswers.mutate({ id: view.id, answers: {} })}
          clearing={saveAnswers.isPending}
        />
      ) : null}

      {view.status === "done" || view.status === "failed" || view.expertReview || view.expertVerdict ? (
        <ExpertPanel
          view={view}
          onRequest={(request) => requestExpert.mutate({ id: view.id, request })}
          requesting={requestExpert.isPending}
          requestError={requestExpert.error ? errorText(requestExpert.error) : null}
          onPhotosAdded={onPhotosAdded}
        />
      ) : null}

      {result ? (
        <section aria-labelledby="notice-title" className="mt-6 rounded border-l-4 border-france bg-france-light p-3">
          <h2 id="notice-title" className="font-bold">
            {t("noticeTitle")}
          </h2>
          <p className="mt-1 text-sm">{pick(result.notice, locale)}</p>
        </section>
      ) : null}

      {securing && result?.typology ? (
        <section aria-labelledby="securing-title" className="mt-6">
          <h2 id="securing-title" className="text-lg font-bold">
            {t("securingTitle")}
          </h2>
          <div className="mt-2">
            <GuideView guide={securing} />
          </div>
        </section>
      ) : null}

      {result && !result.typology && result.status !== "no_firearm" && result.topCandidates.length > 0 ? (
        <section aria-labelledby="candidates-title" className="mt-6">
          <h2 id="candidates-title" className="font-bold">
            {t("candidatesTitle")}
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {result.topCandidates.map((candidate) => (
              <li key={candidate.key} className="flex justify-between gap-2">
                <span>{pick(candidate.label, locale)}</span>
                <span className="shrink-0 whitespace-nowrap tabular-nums text-muted">{Math.floor(candidate.probability * 100 + 1e-9)} %</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <nav className="mt-8 flex flex-col gap-3">
        <Link href="/identifications/new" className="flex h-12 items-center justify-center rounded border-2 border-france font-semibold text-france hover:bg-france-light">
          {t("identifyAnother")}
        </Link>
        <Link href="/identifications" className="text-center font-medium text-france underline underline-offset-4">
          {t("backToList")}
        </Link>
      </nav>

      {result ? (
        <p className="mt-6 text-xs text-muted">
          {view.procedureNumber ? `${t("procedure", { number: view.procedureNumber })} · ` : ""}
          {t("modelInfo", { model: result.modelVersion, rules: result.rulesVersion, ms: result.latencyMs })}
        </p>
      ) : null}
    </div>
  );
}
