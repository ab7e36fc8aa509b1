"use client";

import { findReferenceModels, type TypologyKey } from "@basegun/domain";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { DecisionDraft, DecisionKind, DraftProblem } from "@/lib/review/decision-draft";
import type { TypologyOption } from "@/server/typology-options";
import { CandidateChoice, type Candidate } from "./candidate-choice";
import { RulesCategory } from "./rules-category";
import { TypologyPicker } from "./typology-picker";

const KINDS: Array<{ kind: DecisionKind; key: "decideConfirm" | "decideCorrect" | "decideUnusable"; shortcut: string }> = [
  { kind: "confirm", key: "decideConfirm", shortcut: "C" },
  { kind: "correct", key: "decideCorrect", shortcut: "R" },
  { kind: "unusable", key: "decideUnusable", shortcut: "U" },
];

const SUGGESTIONS = 6;

const PROBLEM_KEYS = {
  typologyMissing: "problemTypology",
  candidateMissing: "problemCandidate",
  messageMissing: "problemMessage",
  answersInvalid: "problemAnswers",
  overrideLettersMissing: "problemOverrideLetters",
  overrideExplanationMissing: "problemOverrideExplanation",
} as const satisfies Record<DraftProblem, string>;

/**
 * Confirm one of the model's candidates (1, 2, 3 then Enter), correct (a searched typology, the answers
 * the rules need, make/model/calibre with completion from the reference models, notes) or unusable (a
 * message asking the officer for another photo). The category is the rules', shown live.
 * `focusToken` changes when a shortcut picks a decision: the field to fill gets the focus.
 */
export function DecisionPanel({
  draft,
  onDraftChange,
  onChooseKind,
  onSubmit,
  pending,
  problem,
  candidates,
  typologies,
  focusToken,
  officerTypology = null,
}: {
  draft: DecisionDraft;
  onDraftChange: (draft: DecisionDraft) => void;
  onChooseKind: (kind: DecisionKind) => void;
  onSubmit: () => void;
  pending: boolean;
  problem: DraftProblem | null;
  candidates: Candidate[];
  typologies: TypologyOption[];
  focusToken: number;
  /** on a review opened for the officer's own identification: the typology "Confirmer" validates */
  officerTypology?: { key: TypologyKey; label: string } | null;
}) {
  const t = useTranslations("review");
  const id = useId();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const typologySearch = useRef<HTMLInputElement>(null);
  const messageField = useRef<HTMLTextAreaElement>(null);
  const [modelQuery, setModelQuery] = useState("");

  useEffect(() => {
    if (focusToken === 0) return;
    const target = draft.kind === "confirm" ? confirmButton.current : draft.kind === "correct" ? typologySearch.current : messageField.current;
    target?.focus();
    // focus follows the shortcut, not every keystroke in the draft: only focusToken is a dependency
  }, [focusToken]);

  const update = (patch: Partial<DecisionDraft>) => onDraftChange({ ...draft, ...patch });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  const typology = draft.typology || undefined;
  const suggestions =
    modelQuery.trim().length >= 2
      ? (() => {
          const sameTypology = findReferenceModels(modelQuery, { typology: typology as TypologyKey | undefined, limit: SUGGESTIONS });
          return sameTypology.length > 0 || !typology ? sameTypology : findReferenceModels(modelQuery, { limit: SUGGESTIONS });
        })()
      : [];
  const fieldClass = "mt-1 w-full rounded border border-neutral-500 px-2 py-1.5 text-sm";
  // confirming the officer's typology (the default on their review) rather than one of the model's candidates
  const confirmsOfficer = draft.kind === "confirm" && !!officerTypology && draft.typology === officerTypology.key;
  const submitLabel = confirmsOfficer ? t("submitConfirmOfficer", { typology: officerTypology.label }) : draft.kind === "confirm" ? t("submitConfirm") : draft.kind === "correct" ? t("submitCorrect") : t("submitUnusable");

  return (
    <section aria-labelledby="decision-title" data-testid="decision-panel">
      <h2 id="decision-title" className="text-base font-bold">
        {t("decisionTitle")}
      </h2>
      <div role="radiogroup" aria-label={t("decisionTitle")} className="mt-2 grid grid-cols-3 gap-1">
        {KINDS.map(({ kind, key, shortcut }) => {
          const active = draft.kind === kind;
          const disabled = kind === "confirm" && candidates.length === 0 && !officerTypology;
          return (
            <button
              key={kind}
              type="button"
              role="radio"
              aria-checked={active}
              disabled={disabled}
              onClick={() => onChooseKind(kind)}
              className={`flex h-11 items-center justify-center gap-2 rounded border-2 px-2 text-sm font-semibold disabled:opacity-40 ${
                active ? "border-france bg-france text-white" : "border-france text-france hover:bg-france-light"
              }`}
            >
              {t(key)}
              <kbd className={`rounded border px-1 text-xs ${active ? "border-white/60" : "border-france/40"}`}>{shortcut}</kbd>
            </button>
          );
        })}
      </div>
      {candidates.length === 0 && !officerTypology ? (
        <p className="mt-1 text-xs text-muted" data-testid="confirm-disabled-reason">
          {t("noCandidate")}
        </p>
      ) : null}

      <form onSubmit={submit} className="mt-3 space-y-3" noValidate>
        {draft.kind === "confirm" ? (
          <>
            {confirmsOfficer ? (
              <p className="rounded border-l-4 border-france bg-france-light p-2 text-sm" data-testid="confirm-officer-typology">
                {t("confirmOfficerHint", { typology: officerTypology.label })}
              </p>
            ) : null}
            <p className="text-sm text-muted">{confirmsOfficer ? t("confirmOfficerOther") : t("confirmHint")}</p>
            <CandidateChoice
              candidates={candidates}
              value={draft.typology}
              onChoose={(typology) => {
                update({ typology });
                confirmButton.current?.focus();
              }}
            />
          </>
        ) : null}

        {draft.kind === "correct" ? (
          <>
            <TypologyPicker
              ref={typologySearch}
              value={draft.typology}
              onChange={(typology) => update({ typology })}
              onPicked={() => confirmButton.current?.focus()}
              typologies={typologies}
              invalid={problem === "typologyMissing"}
            />
            <div>
              <label htmlFor={`${id}-reference`} className="block text-sm font-medium">
                {t("referenceSearch")}
              </label>
              <input
                id={`${id}-reference`}
                value={modelQuery}
                onChange={(event) => setModelQuery(event.target.value)}
                autoComplete="off"
                placeholder={t("referencePlaceholder")}
                className={fieldClass}
                aria-describedby={`${id}-reference-hint`}
              />
              <p id={`${id}-reference-hint`} className="sr-only">
                {t("referenceHint")}
              </p>
              {suggestions.length > 0 ? (
                <ul className="mt-1 divide-y divide-neutral-200 rounded border border-neutral-300" aria-label={t("referenceResults")}>
                  {suggestions.map((reference) => (
                    <li key={`${reference.make}-${reference.model}`}>
                      <button
                        type="button"
                        onClick={() => {
                          update({ make: reference.make, model: reference.model, calibre: draft.calibre || reference.typicalCalibres, typology: draft.typology || reference.typology });
                          setModelQuery("");
                        }}
                        className="flex w-full justify-between gap-2 px-2 py-1.5 text-left text-sm hover:bg-france-light"
                      >
                        <span className="font-medium">
                          {reference.make} {reference.model}
                        </span>
                        <span className="text-muted">
                          {reference.typicalCalibres}
                          {reference.designYear ? ` · ${reference.designYear}` : ""}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
            <div className="grid grid-cols-3 gap-2">
              {(["make", "model", "calibre"] as const).map((field) => (
                <label key={field} className="block text-sm font-medium">
                  {t(field)}
                  <input value={draft[field]} onChange={(event) => update({ [field]: event.target.value })} maxLength={field === "calibre" ? 60 : 120} autoComplete="off" className={fieldClass} />
                </label>
              ))}
            </div>
          </>
        ) : null}

        {draft.kind === "unusable" ? (
          <label className="block text-sm font-medium">
            {t("messageToOfficer")}
            <textarea
              ref={messageField}
              value={draft.messageToOfficer}
              onChange={(event) => update({ messageToOfficer: event.target.value })}
              rows={3}
              maxLength={1000}
              className={fieldClass}
              placeholder={t("messagePlaceholder")}
              aria-invalid={problem === "messageMissing"}
            />
          </label>
        ) : null}

        {draft.kind !== "unusable" && draft.typology ? <RulesCategory draft={draft} typology={draft.typology} onChange={update} problem={problem} /> : null}

        <label className="block text-sm font-medium">
          {t("notes")}
          <textarea value={draft.notes} onChange={(event) => update({ notes: event.target.value })} rows={2} maxLength={4000} className={fieldClass} />
        </label>

        {problem ? (
          <p role="alert" className="rounded border-l-4 border-danger bg-danger-light p-2 text-sm">
            {t(PROBLEM_KEYS[problem])}
          </p>
        ) : null}

        <button ref={confirmButton} type="submit" disabled={pending} className="h-11 w-full rounded bg-france px-4 font-semibold text-white hover:bg-france-dark disabled:opacity-60">
          {pending ? t("saving") : submitLabel}
        </button>
      </form>
    </section>
  );
}
