"use client";

import type { RouterOutputs } from "@basegun/api";
import { isTypologyKey } from "@basegun/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Link, useRouter } from "@/i18n/navigation";
import { pick } from "@/lib/localized";
import { answersToDraft, conflictOf, correctionDraft, draftFromEarlier, EMPTY_DRAFT, toDecisionInput, type DecisionDraft, type DecisionKind, type DraftProblem } from "@/lib/review/decision-draft";
import { actionForKey, candidateIndexForKey, type ReviewAction } from "@/lib/review/shortcuts";
import { formatCountdown, secondsLeft } from "@/lib/review/waiting-time";
import type { TypologyOption } from "@/server/typology-options";
import { useTRPC } from "@/trpc/react";
import { CaseContext } from "./case-context";
import { DecisionPanel } from "./decision-panel";
import { DecisionSummary } from "./decision-summary";
import { REASON_KEYS, reviewErrorKey } from "./labels";
import { MarkingsReadings } from "./markings-readings";
import { ModelAnswer } from "./model-answer";
import { OfficerChoiceNote } from "./officer-choice-note";
import { PhotoViewer, type PhotoViewerHandle } from "./photo-viewer";
import { ShortcutLegend } from "./shortcut-legend";
import { useNow } from "./use-now";

export type ReviewDetailData = RouterOutputs["review"]["byId"];
type DecisionResult = RouterOutputs["review"]["decide"];

// claims change under other experts' hands: keep the holder and expiry current
const REFRESH_MS = 20_000;

/**
 * The review screen: every photo (zoom, pan) beside the model's top three, the officer's context and
 * the decision. Keyboard first: 1, 2, 3 pick a candidate to confirm (Enter saves), C, R, U pick a
 * decision, N takes the next case, Esc releases this one.
 */
export function ReviewScreen({
  initialDetail,
  answerLabels,
  typologies,
  canDecide,
}: {
  initialDetail: ReviewDetailData;
  answerLabels: Record<string, string>;
  typologies: TypologyOption[];
  canDecide: boolean;
}) {
  const t = useTranslations("review");
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const input = { id: initialDetail.id };
  const queryKey = trpc.review.byId.queryKey(input);
  const { data } = useQuery(trpc.review.byId.queryOptions(input, { initialData: initialDetail, refetchInterval: REFRESH_MS }));
  const detail = data ?? initialDetail;
  const now = useNow(1000);
  const viewer = useRef<PhotoViewerHandle>(null);

  const prediction = detail.prediction;
  const modelTypology = prediction?.typology && isTypologyKey(prediction.typology.key) ? prediction.typology.key : null;
  const candidates = prediction?.topCandidates ?? [];
  // a review opened for the officer's own identification confirms the officer's typology by default
  const officerKey = detail.reason === "officer_identified" ? detail.case.officerChoice?.typology?.key : undefined;
  const officerTypology = officerKey && isTypologyKey(officerKey) ? officerKey : null;
  const canConfirm = candidates.length > 0 || officerTypology !== null;
  const [draft, setDraft] = useState<DecisionDraft>(() => {
    // the expert answers the officer's questions again, starting from what the officer said
    const request = initialDetail.case.expertRequest;
    const answers = answersToDraft({
      ...initialDetail.case.answers,
      ...(request?.overallLengthCm !== undefined && request?.overallLengthCm !== null ? { overallLengthCm: request.overallLengthCm } : {}),
      ...(request?.barrelLengthCm !== undefined && request?.barrelLengthCm !== null ? { barrelLengthCm: request.barrelLengthCm } : {}),
    });
    const start = { ...EMPTY_DRAFT, answers };
    // a typology the model claims is the default candidate; otherwise the expert picks one (1, 2, 3)
    return canConfirm ? { ...start, typology: officerTypology ?? modelTypology ?? "" } : correctionDraft(start, null);
  });
  const [focusToken, setFocusToken] = useState(0);
  const [problem, setProblem] = useState<DraftProblem | null>(null);
  const [outcome, setOutcome] = useState<DecisionResult | null>(null);
  const [nothingLeft, setNothingLeft] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const [showLegend, setShowLegend] = useState(true);

  const decided = detail.status === "decided";
  const claimLeft = detail.heldByMe ? secondsLeft(detail.claimedUntil, now) : null;
  const claimExpired = claimLeft !== null && claimLeft <= 0;
  const heldByOther = !decided && detail.claimedBy !== null && !detail.heldByMe && !detail.lockExpired;
  const canAct = canDecide && detail.heldByMe && !decided && !outcome;

  const refresh = () => queryClient.invalidateQueries({ queryKey });
  const claim = useMutation(trpc.review.claim.mutationOptions({ onSuccess: () => void refresh() }));
  const release = useMutation(trpc.review.release.mutationOptions({ onSuccess: () => router.push("/review") }));
  const claimNext = useMutation(
    trpc.review.claimNext.mutationOptions({
      onSuccess: (claimed) => (claimed ? router.push(`/review/${claimed.reviewId}`) : setNothingLeft(true)),
    }),
  );
  const decide = useMutation(
    trpc.review.decide.mutationOptions({
      onSuccess: (result) => {
        setOutcome(result);
        void refresh();
        void queryClient.invalidateQueries({ queryKey: trpc.review.queue.pathKey() });
      },
    }),
  );
  const conflict = conflictOf(decide.error);

  const chooseKind = (kind: DecisionKind) => {
    setProblem(null);
    setDraft((current) => (kind === "correct" ? correctionDraft(current, modelTypology) : { ...current, kind }));
    setFocusToken((token) => token + 1);
  };
  const submit = (toSend: DecisionDraft = draft) => {
    const result = toDecisionInput(toSend, detail.version);
    if ("problem" in result) return setProblem(result.problem);
    setProblem(null);
    decide.mutate({ id: detail.id, decision: result.input });
  };
  const earlier = detail.samePhotoDecision;
  // the same photo file was decided on another case: the same decision, saved in one key
  const applyEarlier = () => {
    if (!canAct || !earlier || decide.isPending) return;
    const applied = draftFromEarlier(draft, earlier, candidates.map((candidate) => candidate.key));
    setDraft(applied);
    submit(applied);
  };
  const goNext = () => {
    if (canAct) return setHint(t("decideOrReleaseFirst"));
    setHint(null);
    claimNext.mutate({ afterReviewId: detail.id });
  };
  const leave = () => {
    if (detail.heldByMe && !decided) release.mutate(input);
    else router.push("/review");
  };

  // the latest handlers for the window's key listener (registered once)
  const handlers = useRef<Record<ReviewAction, (key: string) => void>>(null as unknown as Record<ReviewAction, (key: string) => void>);
  handlers.current = {
    candidate: (key) => {
      const candidate = candidates[candidateIndexForKey(key) ?? -1];
      if (!canAct || !candidate || !isTypologyKey(candidate.key)) return;
      const typology = candidate.key;
      setProblem(null);
      setDraft((current) => ({ ...current, kind: "confirm", typology }));
      // the confirm button takes the focus: Enter saves
      setFocusToken((token) => token + 1);
    },
    applyEarlier: applyEarlier,
    confirm: () => (canAct && canConfirm ? chooseKind("confirm") : undefined),
    correct: () => (canAct ? chooseKind("correct") : undefined),
    unusable: () => (canAct ? chooseKind("unusable") : undefined),
    next: goNext,
    release: leave,
    zoomIn: () => viewer.current?.zoomIn(),
    zoomOut: () => viewer.current?.zoomOut(),
    zoomReset: () => viewer.current?.reset(),
    nextPhoto: () => viewer.current?.next(),
    previousPhoto: () => viewer.current?.previous(),
    help: () => setShowLegend((shown) => !shown),
  };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const action = actionForKey({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        repeat: event.repeat,
        targetTag: target?.tagName,
        targetEditable: target?.isContentEditable,
      });
      if (!action) return;
      event.preventDefault();
      if (action === "leaveField") return target?.blur();
      handlers.current[action](event.key);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  const otherError = !conflict ? (decide.error ?? claim.error ?? release.error ?? claimNext.error) : null;

  return (
    <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_27rem]">
      <div className="min-w-0">
        <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1">
          <Link href="/review" className="text-sm font-medium text-france underline underline-offset-4">
            ← {t("backToQueue")}
          </Link>
          <h1 className="text-lg font-bold">{t("screenTitle")}</h1>
          {detail.urgent ? <span className="rounded bg-marianne px-2 py-0.5 text-xs font-bold text-white">{t("urgent")}</span> : null}
          <span className="rounded bg-neutral-200 px-2 py-0.5 text-xs">{t(REASON_KEYS[detail.reason])}</span>
          {detail.blindDoubleReview ? <span className="rounded bg-neutral-200 px-2 py-0.5 text-xs">{t("blind")}</span> : null}
        </div>
        <PhotoViewer ref={viewer} photos={detail.photos} />
      </div>

      <aside className="space-y-5 lg:max-h-[calc(100svh-4.5rem)] lg:overflow-y-auto lg:pr-1" aria-label={t("sidePanel")}>
        <section aria-label={t("claimTitle")} data-testid="claim-bar" className="rounded-lg border border-neutral-300 p-3 text-sm">
          {decided ? (
            <p className="font-semibold">{t("alreadyDecided")}</p>
          ) : detail.heldByMe ? (
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p>
                <span className="font-semibold">{t("youHold")}</span>{" "}
                <span suppressHydrationWarning className={`tabular-nums ${claimExpired ? "font-bold text-danger" : "text-muted"}`} data-testid="claim-countdown">
                  {claimExpired ? t("claimExpired") : t("claimLeft", { time: formatCountdown(claimLeft ?? 0) })}
                </span>
              </p>
              <span className="flex gap-2">
                <button type="button" onClick={() => claim.mutate(input)} disabled={claim.isPending} className="h-9 rounded border border-france px-3 font-medium text-france hover:bg-france-light">
                  {claimExpired ? t("reclaim") : t("extend")}
                </button>
                <button type="button" onClick={leave} disabled={release.isPending} className="h-9 rounded border border-neutral-500 px-3 font-medium hover:bg-neutral-100">
                  {t("release")} <kbd className="text-xs text-muted">Esc</kbd>
                </button>
              </span>
            </div>
          ) : heldByOther ? (
            <p data-testid="held-by-other">
              {t("heldBy", { name: detail.claimedBy?.name ?? "—", time: detail.claimedUntil ? format.dateTime(detail.claimedUntil, { timeStyle: "short" }) : "—" })}
            </p>
          ) : (
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p>{t("notClaimed")}</p>
              {canDecide ? (
                <button type="button" onClick={() => claim.mutate(input)} disabled={claim.isPending} className="h-9 rounded bg-france px-4 font-semibold text-white hover:bg-france-dark">
                  {t("claimThis")}
                </button>
              ) : null}
            </div>
          )}
          {claimExpired && !decided ? <p className="mt-2 text-danger">{t("claimExpiredHint")}</p> : null}
        </section>

        {otherError ? (
          <p role="alert" className="rounded border-l-4 border-danger bg-danger-light p-3 text-sm">
            {t(reviewErrorKey(otherError))}
          </p>
        ) : null}
        {hint ? (
          <p role="status" className="rounded bg-warning-light p-3 text-sm">
            {hint}
          </p>
        ) : null}

        <ModelAnswer prediction={prediction} />
        <MarkingsReadings readings={detail.markingsReadings} />
        <OfficerChoiceNote detail={detail} />

        {conflict && !outcome ? (
          <div role="alert" className="rounded-lg border-2 border-danger bg-danger-light p-3 text-sm" data-testid="decision-conflict">
            <p className="font-bold">{t(`conflict.${conflict}`)}</p>
            <p className="mt-1">{t("conflict.notSaved")}</p>
            <div className="mt-2 flex flex-wrap gap-2">
              {conflict === "notHeld" ? (
                <button
                  type="button"
                  onClick={() => {
                    decide.reset();
                    claim.mutate(input);
                  }}
                  className="h-9 rounded bg-france px-3 font-semibold text-white"
                >
                  {t("conflict.reclaim")}
                </button>
              ) : (
                <button
                  type="button"
                  onClick={() => {
                    decide.reset();
                    void refresh();
                  }}
                  className="h-9 rounded bg-france px-3 font-semibold text-white"
                >
                  {conflict === "alreadyDecided" ? t("conflict.seeDecision") : t("conflict.reload")}
                </button>
              )}
              <button type="button" onClick={() => claimNext.mutate({ afterReviewId: detail.id })} className="h-9 rounded border border-france px-3 font-semibold text-france">
                {t("nextCase")} <kbd className="text-xs">N</kbd>
              </button>
            </div>
          </div>
        ) : null}

        {outcome ? (
          <div role="status" className="rounded-lg border-2 border-success bg-success-light p-3 text-sm" data-testid="decision-saved">
            <p className="font-bold text-success">{t("saved", { items: outcome.datasetItems })}</p>
            <div className="mt-2 flex flex-wrap gap-2">
              <button type="button" onClick={goNext} disabled={claimNext.isPending} className="h-10 rounded bg-france px-4 font-semibold text-white hover:bg-france-dark">
                {t("nextCase")} <kbd className="text-xs">N</kbd>
              </button>
              <Link href="/review" className="inline-flex h-10 items-center rounded border border-france px-4 font-semibold text-france">
                {t("backToQueue")}
              </Link>
            </div>
          </div>
        ) : null}
        {nothingLeft ? (
          <p role="status" className="rounded bg-france-light p-3 text-sm">
            {t("nothingToClaim")}
          </p>
        ) : null}

        {decided && detail.decision ? <DecisionSummary decision={detail.decision} /> : null}
        {decided && !outcome ? (
          <button type="button" onClick={goNext} className="h-10 w-full rounded bg-france px-4 font-semibold text-white hover:bg-france-dark">
            {t("nextCase")} <kbd className="text-xs">N</kbd>
          </button>
        ) : null}

        {earlier && !decided ? (
          <section aria-labelledby="same-photo-title" className="rounded-lg border-2 border-warning bg-warning-light/40 p-3" data-testid="same-photo-decision">
            <h2 id="same-photo-title" className="text-base font-bold">
              {t("samePhotoTitle")}
            </h2>
            <p className="mb-2 text-sm">{t("samePhotoHint")}</p>
            <DecisionSummary decision={earlier} compact />
            {canAct ? (
              <button type="button" onClick={applyEarlier} disabled={decide.isPending} className="mt-2 h-10 w-full rounded bg-france px-4 font-semibold text-white hover:bg-france-dark">
                {t("samePhotoApply")} <kbd className="text-xs">A</kbd>
              </button>
            ) : null}
          </section>
        ) : null}

        {canAct ? (
          <DecisionPanel
            draft={draft}
            onDraftChange={(next) => {
              setProblem(null);
              setDraft(next);
            }}
            onChooseKind={chooseKind}
            onSubmit={() => submit()}
            pending={decide.isPending}
            problem={problem}
            candidates={candidates}
            typologies={typologies}
            focusToken={focusToken}
            officerTypology={officerTypology && detail.case.officerChoice?.typology ? { key: officerTypology, label: pick(detail.case.officerChoice.typology.label, locale) } : null}
          />
        ) : null}

        <CaseContext detail={detail} answerLabels={answerLabels} />

        {detail.history.length > 0 ? (
          <section aria-labelledby="history-title">
            <h2 id="history-title" className="text-base font-bold">
              {t("historyTitle")}
            </h2>
            <div className="mt-2 space-y-2">
              {detail.history.map((earlier) => (
                <DecisionSummary key={earlier.reviewId} decision={earlier} compact />
              ))}
            </div>
          </section>
        ) : null}

        {showLegend ? <ShortcutLegend /> : null}
      </aside>
    </div>
  );
}
