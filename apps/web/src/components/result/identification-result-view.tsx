"use client";

import type { RouterOutputs } from "@basegun/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useLocale, useTranslations } from "next-intl";
import { formatProbability, isFamilyConfident, isTypologyKey, orderCandidates, startKeyFor, type KeyAnswer, type KeyQuestionId, type TypologyKey } from "@basegun/domain";
import { useCallback, useEffect, useState } from "react";
import { CandidateCards } from "@/components/guided/candidate-cards";
import { IdentificationKeyView } from "@/components/guided/identification-key-view";
import { ModelCheck } from "@/components/guided/model-check";
import { OfficerChoicePanel } from "@/components/guided/officer-choice-panel";
import { GuideView } from "@/components/securing/guide-view";
import { Link, useRouter } from "@/i18n/navigation";
import { pick } from "@/lib/localized";
import type { LocalizedSecuring } from "@/lib/securing";
import { useTRPC } from "@/trpc/react";
import { AnswersForm, type AlarmGunChoice } from "./answers-form";
import { AnswersSummary } from "./answers-summary";
import { ExpertAnswer } from "./expert-answer";
import { ExpertPanel } from "./expert-panel";
import { MarkingsPanel } from "./markings-panel";
import { PhotoPanel } from "./photo-panel";
import { Verdict } from "./verdict";

export type IdentificationViewData = RouterOutputs["identification"]["byId"];

/** The cards to show, in the domain's order (the confident family first); the model's top three if its figures are unusable. */
function candidateCards(result: NonNullable<IdentificationViewData["result"]>): TypologyKey[] {
  const clamp = (value: number) => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);
  try {
    return orderCandidates({
      probabilities: Object.fromEntries(Object.entries(result.probabilities).filter(([key]) => isTypologyKey(key)).map(([key, p]) => [key, clamp(p)])),
      family: result.family,
      familyConfidence: clamp(result.familyConfidence),
    });
  } catch {
    return result.topCandidates.map((candidate) => candidate.key);
  }
}

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

  // once an expert confirmed or corrected (later than any choice of the officer's), their verdict is the answer
  const expertAnswer = (view.state === "expert_confirmed" || view.state === "expert_corrected") && view.expertVerdict ? view.expertVerdict : null;
  // the securing guide is rendered on the server for the known typology (the expert's, then the officer's
  // own choice, then the model's): refresh once it becomes known or changes
  const typologyKey = expertAnswer?.typology?.key ?? view.officerChoice?.typology?.key ?? view.result?.typology?.key ?? null;
  useEffect(() => {
    if (typologyKey && securing?.typology !== typologyKey) router.refresh();
  }, [typologyKey, securing?.typology, router]);

  // opening the case (or seeing a verdict arrive on it) clears its "new verdict" badge, server-side; the
  // header's count is a server component: refresh it
  const markSeen = useMutation(trpc.identification.markVerdictSeen.mutationOptions({ onSuccess: () => router.refresh() }));
  const mutateSeen = markSeen.mutate;
  const unseenSince = view.verdictUnseen && view.expertVerdict ? String(view.expertVerdict.decidedAt) : null;
  useEffect(() => {
    if (unseenSince) mutateSeen({ id: initialView.id });
  }, [unseenSince, mutateSeen, initialView.id]);

  const retry = useMutation(
    trpc.identification.retry.mutationOptions({ onSuccess: (next) => queryClient.setQueryData(queryKey, next) }),
  );
  const saveAnswers = useMutation(
    trpc.identification.saveAnswers.mutationOptions({ onSuccess: (next) => queryClient.setQueryData(queryKey, next) }),
  );
  const requestExpert = useMutation(
    trpc.identification.requestExpert.mutationOptions({ onSuccess: (next) => queryClient.setQueryData(queryKey, next) }),
  );
  // the guided identification: the officer's own choice (cards or the visual key)
  const [keyStart, setKeyStart] = useState<KeyQuestionId | null>(null);
  const [choosingAgain, setChoosingAgain] = useState(false);
  const setOfficerChoice = useMutation(
    trpc.identification.setOfficerChoice.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(queryKey, next);
        setKeyStart(null);
        setChoosingAgain(false);
        window.scrollTo({ top: 0 });
      },
    }),
  );
  const chooseTypology = (typology: TypologyKey) => setOfficerChoice.mutate({ id: view.id, choice: { typology } });
  // stable across renders (the key calls it from an effect once it ends): mutate is stable, the id never changes here
  const mutateChoice = setOfficerChoice.mutate;
  const caseId = view.id;
  const finishKey = useCallback((keyAnswers: KeyAnswer[]) => mutateChoice({ id: caseId, choice: { keyAnswers } }), [mutateChoice, caseId]);

  // added photos restart the analysis: reload the case, which turns the live updates back on
  const onPhotosAdded = () => void queryClient.invalidateQueries({ queryKey });
  const errorText = (error: unknown) => {
    const key = (error as { data?: { messageKey?: string | null } } | null)?.data?.messageKey;
    return key && tErrors.has(key as "generic") ? tErrors(key as "generic") : tErrors("generic");
  };

  const result = view.result;
  const officerChoice = view.officerChoice ?? null;
  // the officer's own typology, when given, decides the category and its questions (as a confident model answer would)
  const activeTypology = officerChoice ? officerChoice.typology : (result?.typology ?? null);
  // under an expert's answer, their conditions are in it: the model's or the officer's are not repeated
  const category = expertAnswer ? null : officerChoice ? officerChoice.category : (result?.category ?? null);
  const familyConfident = !!result?.family && Number.isFinite(result.familyConfidence) && isFamilyConfident(Math.min(1, Math.max(0, result.familyConfidence)));
  const keyStartFor = () => startKeyFor(familyConfident ? result?.family : null).id;
  // "Quelle arme avez-vous ?" whenever the tier is not high (the medium tier's typology is the first
  // card); "Cette typologie vous semble-t-elle correcte ?" under a medium or high one; both open the
  // visual key. Not once an expert has decided.
  const guided = view.status === "done" && !!result && !view.expertVerdict;
  // not on "no firearm detected": that photo is to be taken again first
  const showCards = guided && result.tier !== "high" && result.status !== "no_firearm" && (!officerChoice || choosingAgain);
  const showModelCheck = guided && result.tier !== "low" && result.status === "identified" && !officerChoice;
  // a medium-tier answer (typology, its category) is read first, on the phone's first screen; the cards
  // under it are the officer's way to confirm it or pick another
  const verdictFirst = showCards && result.tier === "medium" && !expertAnswer;
  const candidates = result ? candidateCards(result) : [];
  const guideTypology = expertAnswer?.typology ?? activeTypology;
  const choiceError = setOfficerChoice.error ? errorText(setOfficerChoice.error) : null;

  const modelVerdict = (
    <Verdict
      view={view}
      liveLost={liveLost}
      onRetry={() => retry.mutate(input)}
      retrying={retry.isPending}
      retryError={retry.error ? errorText(retry.error) : null}
    />
  );

  if (keyStart) {
    return (
      <div className="pt-3">
        <h1 className="sr-only">{t("title")}</h1>
        <PhotoPanel photos={view.photos} compact="key" />
        <IdentificationKeyView
          start={keyStart}
          onFinish={finishKey}
          onCancel={() => {
            setKeyStart(null);
            setOfficerChoice.reset();
          }}
          pending={setOfficerChoice.isPending}
          error={choiceError}
        />
      </div>
    );
  }

  return (
    <div>
      <h1 className="sr-only">{t("title")}</h1>
      {/* the next weapon without scrolling past the whole result (the same link also ends the page) */}
      <div className="flex justify-end">
        <Link
          href="/identifications/new"
          data-testid="identify-another-top"
          className="flex h-10 items-center rounded px-2 text-sm font-semibold text-france hover:bg-france-light"
        >
          <span aria-hidden="true" className="mr-1 text-base">
            +
          </span>
          <span className="underline underline-offset-4">{t("identifyAnother")}</span>
        </Link>
      </div>
      <PhotoPanel photos={view.photos} compact={showCards || (!!officerChoice && guided)} />

      {expertAnswer ? (
        <div className="mt-3">
          <ExpertAnswer verdict={expertAnswer} isNew={!!view.verdictUnseen} />
        </div>
      ) : null}

      {verdictFirst ? <div className="mt-3">{modelVerdict}</div> : null}

      {showCards ? (
        <div className="mt-3">
          <CandidateCards
            candidates={candidates}
            onChoose={chooseTypology}
            onOpenKey={() => setKeyStart(keyStartFor())}
            pending={setOfficerChoice.isPending}
            error={choiceError}
          />
        </div>
      ) : officerChoice ? (
        <div className="mt-3">
          <OfficerChoicePanel
            choice={officerChoice}
            caseId={view.id}
            expertDecided={!!view.expertVerdict && new Date(view.expertVerdict.decidedAt).getTime() >= new Date(officerChoice.chosenAt).getTime()}
            onChange={() => {
              if (result && result.tier !== "high") setChoosingAgain(true);
              else setKeyStart(startKeyFor(null).id);
            }}
          />
        </div>
      ) : null}

      {expertAnswer ? (
        <details className="mt-3 rounded-lg border border-neutral-300 p-3" data-testid="model-details">
          <summary className="min-h-11 cursor-pointer py-2 font-semibold">{t("modelAnswerDetails")}</summary>
          <div className="mt-2">{modelVerdict}</div>
        </details>
      ) : verdictFirst ? null : (
        <div className="mt-3">{modelVerdict}</div>
      )}

      {view.status === "done" || view.status === "failed" ? <MarkingsPanel view={view} onAdded={onPhotosAdded} /> : null}
      {showModelCheck ? <ModelCheck onDisagree={() => setKeyStart(startKeyFor(null).id)} /> : null}

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

      {result && category && category.questions.length > 0 && activeTypology ? (
        <section aria-labelledby="questions-title" className="mt-6">
          <h2 id="questions-title" className="text-lg font-bold">
            {t("questionsTitle")}
          </h2>
          <p className="mt-1 text-sm text-muted">{t("questionsIntro")}</p>
          <AnswersForm
            key={JSON.stringify(view.answers)}
            typologyFamilyKind={activeTypology.key === "revolver" ? "revolver" : "pistol"}
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
          answerShown={!!expertAnswer}
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

      {securing && guideTypology && securing.typology === guideTypology.key ? (
        <section aria-labelledby="securing-title" className="mt-6">
          <h2 id="securing-title" className="text-lg font-bold">
            {t("securingTitle")}
          </h2>
          <div className="mt-2">
            <GuideView guide={securing} caseId={view.id} />
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
                <span className="shrink-0 whitespace-nowrap tabular-nums text-muted">{formatProbability(candidate.probability, locale)}</span>
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

      {view.procedureNumber ? <p className="mt-6 text-sm text-muted">{t("procedure", { number: view.procedureNumber })}</p> : null}
      {result ? (
        <details className="mt-4 text-sm text-muted" data-testid="technical-details">
          <summary className="cursor-pointer py-2 font-medium">{t("technicalDetails")}</summary>
          <p className="mt-1 text-xs">{t("modelInfo", { model: result.modelVersion, rules: result.rulesVersion, ms: result.latencyMs })}</p>
        </details>
      ) : null}
    </div>
  );
}
