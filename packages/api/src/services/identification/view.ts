import {
  categorize,
  isTypologyKey,
  TYPOLOGIES,
  type CategoryResult,
  type Family,
  type IdentificationAnswers,
  type KeyAnswer,
  type LocalizedText,
  type TypologyKey,
} from "@basegun/domain";
import { INTELLIGENCE_VALUE_NOTICE } from "@basegun/domain";
import { toMarkingsReadingView, type MarkingsReadingView } from "./markings-view.ts";
import { confirmedTypologyOf, toDecisionView, type ReviewDecisionView } from "../review/decision-view.ts";
import type { CaseRow } from "./case-row.ts";
import { expertRequestOf, type StoredExpertRequest } from "../review/expert-request.ts";

export type CaseStatus = "pending" | "processing" | "done" | "failed";
export type Tier = "low" | "medium" | "high";

export interface TypologyRef {
  key: TypologyKey;
  label: LocalizedText;
  family: Family;
}

export interface IdentificationResult {
  status: "identified" | "not_determined" | "no_firearm";
  /** null when the tier is low: the platform does not claim a typology it is unsure of */
  typology: TypologyRef | null;
  topCandidates: Array<TypologyRef & { probability: number }>;
  confidence: number;
  tier: Tier;
  family: Family | null;
  familyConfidence: number;
  probabilities: Record<string, number>;
  noFirearmScore: number;
  /** recomputed from the typology and the officer's current answers with the current rules */
  category: CategoryResult | null;
  notice: LocalizedText;
  modelVersion: string;
  rulesVersion: string;
  latencyMs: number;
  executionProvider: string;
  createdAt: Date;
}

export interface IdentificationView {
  id: string;
  status: CaseStatus;
  createdAt: Date;
  updatedAt: Date;
  procedureNumber: string | null;
  urgency: "normal" | "urgent";
  failureReason: string | null;
  answers: IdentificationAnswers;
  photos: Array<{ id: string; url: string; width: number; height: number; kind: string }>;
  result: IdentificationResult | null;
  /** where the case stands with the experts; null when it never went to one */
  expertReview?: ExpertReviewState | null;
  /** the latest expert decision, distinct from the model's result */
  expertVerdict?: ExpertVerdict | null;
  /** an expert asked for another photo: a task the officer answers by adding photos to this case */
  photoRequest?: PhotoRequest | null;
  /** OCR readings of the markings photos, newest first (at most five) */
  markingsReadings: MarkingsReadingView[];
  /** what the officer last sent the experts ("Demander l'avis d'un expert" or completing an automatic review) */
  expertRequest?: Omit<StoredExpertRequest, "requestedById"> | null;
  /** the officer's own identification (cards or visual key): never the model's nor an expert's answer */
  officerChoice?: OfficerChoice | null;
  /** where the case stands, in one word, for lists ("Mes identifications") */
  state?: CaseListState;
  /** the expert's verdict is the answer and the owner has not opened the case since it was given */
  verdictUnseen?: boolean;
}

export interface OfficerChoice {
  source: "officer";
  /** null when the key ended on a family (or undetermined) */
  typology: TypologyRef | null;
  family: Family | null;
  keyAnswers: KeyAnswer[];
  chosenAt: Date;
  /** the category from the officer's typology and answers, computed exactly as for a confident model answer */
  category: CategoryResult | null;
}

/**
 * One state per case for the officer's list: still analysing; failed; an expert's verdict (later than
 * any choice of the officer's); the officer's own identification; waiting for an expert; the model's
 * answer alone.
 */
export type CaseListState =
  | "analysing"
  | "failed"
  | "expert_confirmed"
  | "expert_corrected"
  | "photo_requested"
  | "officer_identified"
  | "awaiting_expert"
  | "model_result";

export interface ExpertReviewState {
  status: "waiting" | "in_review" | "decided";
  reason: "low_confidence" | "category_needs_answer" | "officer_request" | "quality_sample" | "officer_identified";
  openedAt: Date;
}

/** What the officer sees of a decision: the expert's identity and internal ids stay with the experts. */
export type ExpertVerdict = Omit<ReviewDecisionView, "decidedBy" | "reviewId">;

export interface PhotoRequest {
  reviewId: string;
  message: string;
  requestedAt: Date;
}

export interface IdentificationSummary {
  id: string;
  status: CaseStatus;
  createdAt: Date;
  procedureNumber: string | null;
  thumbnailUrl: string | null;
  typology: TypologyRef | null;
  tier: Tier | null;
  categoryLetters: string[] | null;
  resultStatus: IdentificationResult["status"] | null;
  state: CaseListState;
  /** an expert still has to look at it */
  awaitingExpert: boolean;
  /** the family as best known: the expert's, the officer's, then the model's */
  family: Family | null;
  officerTypology: TypologyRef | null;
  /** the expert's answer when it is the case's answer (state expert_confirmed / expert_corrected) */
  expertTypology: TypologyRef | null;
  expertLetters: string[] | null;
  /** a verdict the owner has not seen yet (cleared when they open the case) */
  verdictUnseen: boolean;
}

export const photoUrl = (photoId: string) => `/api/photos/${photoId}`;

const typologyRef = (key: string): TypologyRef | null =>
  isTypologyKey(key) ? { key, label: TYPOLOGIES[key].label, family: TYPOLOGIES[key].family } : null;

export { caseViewInclude, loadCaseRow, type CaseRow } from "./case-row.ts";

function safeCategory(typology: TypologyKey, answers: IdentificationAnswers): CategoryResult | null {
  try {
    return categorize(typology, answers);
  } catch {
    // answers are validated on the way in; a rules error must never yield a category (fail closed)
    return null;
  }
}

export function toIdentificationView(row: CaseRow): IdentificationView {
  const answers = (row.answers ?? {}) as IdentificationAnswers;
  const prediction = row.predictions[0];
  let result: IdentificationResult | null = null;
  if (prediction && row.status === "done") {
    const probabilities = prediction.probabilities as Record<string, number>;
    const typology = prediction.typology ? typologyRef(prediction.typology) : null;
    const familyProbabilities = prediction.familyProbabilities as Record<string, number>;
    const family = (prediction.family as Family | null) ?? null;
    result = {
      status: prediction.status,
      typology,
      topCandidates: Object.entries(probabilities)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .flatMap(([key, probability]) => {
          const ref = typologyRef(key);
          return ref ? [{ ...ref, probability }] : [];
        }),
      confidence: prediction.confidence,
      tier: prediction.tier,
      family,
      familyConfidence: family ? (familyProbabilities[family] ?? 0) : Math.max(0, ...Object.values(familyProbabilities)),
      probabilities,
      noFirearmScore: prediction.noFirearmScore,
      category: typology && prediction.status === "identified" && prediction.tier !== "low" ? safeCategory(typology.key, answers) : null,
      notice: INTELLIGENCE_VALUE_NOTICE,
      modelVersion: prediction.modelVersion.version,
      rulesVersion: prediction.rulesVersion,
      latencyMs: prediction.latencyMs,
      executionProvider: prediction.executionProvider,
      createdAt: prediction.createdAt,
    };
  }
  const side = expertSide(row, answers);
  const officerChoice = officerChoiceOf(row, answers);
  const state = listState(row.status, side, officerChoice);
  return {
    id: row.id,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    procedureNumber: row.procedureNumber,
    urgency: row.urgency,
    failureReason: row.failureReason,
    answers,
    photos: row.photos.map((p) => ({ id: p.id, url: photoUrl(p.id), width: p.width, height: p.height, kind: p.kind })),
    result,
    ...side,
    markingsReadings: row.markingsReadings.map((reading) => toMarkingsReadingView(reading, answers)),
    expertRequest: requestForOfficer(row.expertRequest),
    officerChoice,
    state,
    verdictUnseen: isVerdictUnseen(state, side.expertVerdict ?? null, row.verdictSeenAt),
  };
}

function requestForOfficer(value: unknown): Omit<StoredExpertRequest, "requestedById"> | null {
  const request = expertRequestOf(value);
  if (!request) return null;
  const { requestedById: _who, ...rest } = request;
  return rest;
}

function officerChoiceOf(row: CaseRow, answers: IdentificationAnswers): OfficerChoice | null {
  if (!row.officerChoiceAt || row.officerChoiceSource !== "officer") return null;
  const typology = row.officerTypology ? typologyRef(row.officerTypology) : null;
  return {
    source: "officer",
    typology,
    family: typology?.family ?? ((row.officerFamily as Family | null) ?? null),
    keyAnswers: (Array.isArray(row.officerKeyAnswers) ? row.officerKeyAnswers : []) as KeyAnswer[],
    chosenAt: row.officerChoiceAt,
    category: typology ? safeCategory(typology.key, answers) : null,
  };
}

const VERDICT_STATES: ReadonlySet<CaseListState> = new Set(["expert_confirmed", "expert_corrected", "photo_requested"]);

/** New to the owner: the verdict is the case's answer and was decided after they last opened the case. */
function isVerdictUnseen(state: CaseListState, verdict: ExpertVerdict | null, seenAt: Date | null): boolean {
  if (!verdict || !VERDICT_STATES.has(state)) return false;
  return !seenAt || new Date(seenAt).getTime() < new Date(verdict.decidedAt).getTime();
}

function listState(status: CaseStatus, side: ReturnType<typeof expertSide>, choice: OfficerChoice | null): CaseListState {
  if (status === "pending" || status === "processing") return "analysing";
  const verdict = side.expertVerdict;
  const verdictIsLatest = verdict && (!choice || verdict.decidedAt.getTime() >= choice.chosenAt.getTime());
  if (verdict && verdictIsLatest && side.expertReview?.status === "decided") {
    return verdict.decision === "confirm" ? "expert_confirmed" : verdict.decision === "correct" ? "expert_corrected" : "photo_requested";
  }
  if (choice) return "officer_identified";
  if (status === "failed") return "failed";
  if (side.expertReview && side.expertReview.status !== "decided") return "awaiting_expert";
  return "model_result";
}

function expertSide(row: CaseRow, answers: IdentificationAnswers): Pick<IdentificationView, "expertReview" | "expertVerdict" | "photoRequest"> {
  const now = Date.now();
  const latest = row.reviews[0];
  const decided = row.reviews
    .filter((review) => review.status === "decided" && review.decidedAt)
    .sort((a, b) => (b.decidedAt?.getTime() ?? 0) - (a.decidedAt?.getTime() ?? 0))[0];
  const verdict = decided ? toDecisionView(decided, confirmedTypologyOf(decided), answers) : null;
  const unanswered = decided?.decision === "unusable" && !decided.officerAnsweredAt ? decided : null;
  const live = latest && latest.status === "claimed" && (latest.claimedUntil?.getTime() ?? 0) >= now;
  return {
    expertReview: latest
      ? { status: latest.status === "decided" ? "decided" : live ? "in_review" : "waiting", reason: latest.reason, openedAt: latest.createdAt }
      : null,
    expertVerdict: verdict ? omitInternal(verdict) : null,
    photoRequest: unanswered ? { reviewId: unanswered.id, message: unanswered.messageToOfficer ?? "", requestedAt: unanswered.decidedAt! } : null,
  };
}

function omitInternal({ decidedBy: _decidedBy, reviewId: _reviewId, ...verdict }: ReviewDecisionView): ExpertVerdict {
  return verdict;
}

export function toSummary(row: CaseRow): IdentificationSummary {
  const view = toIdentificationView(row);
  const expertAnswers = view.state === "expert_confirmed" || view.state === "expert_corrected";
  return {
    id: view.id,
    status: view.status,
    createdAt: view.createdAt,
    procedureNumber: view.procedureNumber,
    thumbnailUrl: view.photos[0]?.url ?? null,
    typology: view.result?.typology ?? null,
    tier: view.result?.tier ?? null,
    categoryLetters: expertAnswers ? (view.expertVerdict?.categoryLetters ?? null) : (view.officerChoice?.category?.letters ?? view.result?.category?.letters ?? null),
    resultStatus: view.result?.status ?? null,
    state: view.state ?? "model_result",
    awaitingExpert: !!view.expertReview && view.expertReview.status !== "decided",
    family: view.expertVerdict?.typology?.family ?? view.officerChoice?.family ?? view.result?.family ?? null,
    officerTypology: view.officerChoice?.typology ?? null,
    expertTypology: expertAnswers ? (view.expertVerdict?.typology ?? null) : null,
    expertLetters: expertAnswers ? (view.expertVerdict?.categoryLetters ?? null) : null,
    verdictUnseen: view.verdictUnseen ?? false,
  };
}
