import type { Actor } from "@basegun/auth";
import { rankCandidates, type IdentificationAnswers, type KeyAnswer } from "@basegun/domain";
import type { ServiceDeps } from "../../deps.ts";
import { notFound } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { toMarkingsReadingView, type MarkingsReadingView } from "../identification/markings-view.ts";
import { photoUrl, type TypologyRef } from "../identification/view.ts";
import { confirmedTypologyOf, toDecisionView, typologyRef, type ReviewDecisionView } from "./decision-view.ts";
import { expertRequestOf, type StoredExpertRequest } from "./expert-request.ts";


export interface ReviewDetail {
  id: string;
  reason: "low_confidence" | "category_needs_answer" | "officer_request" | "quality_sample" | "officer_identified";
  status: "open" | "claimed" | "decided";
  /** claimed but the lock ran out: anyone may claim it */
  lockExpired: boolean;
  priority: number;
  urgent: boolean;
  version: number;
  createdAt: Date;
  claimedBy: { id: string; name: string } | null;
  claimedUntil: Date | null;
  heldByMe: boolean;
  blindDoubleReview: boolean;
  decision: ReviewDecisionView | null;
  case: {
    id: string;
    createdAt: Date;
    status: string;
    unit: string | null;
    procedureNumber: string | null;
    urgency: "normal" | "urgent";
    owner: { name: string; unit: string | null };
    answers: IdentificationAnswers;
    answersIncomplete: boolean;
    expertRequest: StoredExpertRequest | null;
    /** the officer's own identification (cards or visual key); "confirm" on an officer_identified review confirms it */
    officerChoice: { typology: TypologyRef | null; family: string | null; keyAnswers: KeyAnswer[]; chosenAt: Date } | null;
  };
  photos: Array<{ id: string; url: string; kind: string; width: number; height: number; createdAt: Date }>;
  prediction: {
    id: string;
    status: "identified" | "not_determined" | "no_firearm";
    tier: "low" | "medium" | "high";
    confidence: number;
    typology: TypologyRef | null;
    /** ranked within the top three; equal probabilities share a rank and all come (a tie is never broken) */
    topCandidates: Array<TypologyRef & { probability: number; rank: number }>;
    family: string | null;
    noFirearmScore: number;
    categoryLetters: string[] | null;
    modelVersion: string;
    rulesVersion: string;
    createdAt: Date;
  } | null;
  /** earlier decisions on this case (the other half of a blind review stays hidden until this one is decided) */
  history: ReviewDecisionView[];
  /** OCR readings of the markings photos and what they matched, newest first */
  markingsReadings: MarkingsReadingView[];
  /**
   * The latest decision on another case made from one of the same photo files (original bytes), with
   * the answers it was decided on, so the expert can apply it in one key; null when there is none.
   */
  samePhotoDecision: (ReviewDecisionView & { caseId: string; answers: IdentificationAnswers | null }) | null;
}

/** Everything an expert needs to decide: every photo, the model's top three, the officer's answers. */
export async function getReviewDetail(deps: ServiceDeps, actor: Actor, reviewId: string): Promise<ReviewDetail> {
  requireScope(actor, "review:read");
  const review = await deps.db.review.findUnique({
    where: { id: reviewId },
    include: {
      claimedBy: { select: { id: true, name: true } },
      decidedBy: { select: { id: true, name: true } },
      prediction: { include: { modelVersion: { select: { version: true } } } },
      case: {
        include: {
          owner: { select: { name: true, unit: true } },
          photos: { orderBy: { position: "asc" } },
          markingsReadings: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 5 },
          reviews: {
            where: { status: "decided", id: { not: reviewId } },
            orderBy: { decidedAt: "desc" },
            include: { decidedBy: { select: { id: true, name: true } }, prediction: { select: { topTypology: true } } },
          },
        },
      },
    },
  });
  if (!review) throw notFound("review");
  const now = new Date();
  const samePhoto = await latestSamePhotoDecision(deps, review.caseId, review.case.photos.map((photo) => photo.originalSha256));
  const prediction = review.prediction;
  const probabilities = (prediction?.probabilities ?? {}) as Record<string, number>;
  const predictionCategory = prediction?.category as { letters?: string[] } | null | undefined;
  const hideBlindPartner = (other: { blindGroup: string | null }) =>
    review.status !== "decided" && review.blindGroup !== null && other.blindGroup === review.blindGroup;

  const answers = (review.case.answers ?? {}) as IdentificationAnswers;
  return {
    id: review.id,
    reason: review.reason,
    status: review.status,
    lockExpired: review.status === "claimed" && (review.claimedUntil?.getTime() ?? 0) < now.getTime(),
    priority: review.priority,
    urgent: review.urgent,
    version: review.version,
    createdAt: review.createdAt,
    claimedBy: review.status === "decided" ? null : review.claimedBy,
    claimedUntil: review.status === "decided" ? null : review.claimedUntil,
    heldByMe: review.status === "claimed" && review.claimedById === actor.userId,
    blindDoubleReview: review.blindGroup !== null,
    decision: toDecisionView(review, confirmedTypologyOf(review), answers),
    case: {
      id: review.case.id,
      createdAt: review.case.createdAt,
      status: review.case.status,
      unit: review.case.unit,
      procedureNumber: review.case.procedureNumber,
      urgency: review.case.urgency,
      owner: review.case.owner,
      answers,
      answersIncomplete: review.case.answersIncomplete,
      expertRequest: expertRequestOf(review.case.expertRequest),
      officerChoice: review.case.officerChoiceAt
        ? {
            typology: typologyRef(review.case.officerTypology),
            family: review.case.officerFamily,
            keyAnswers: (Array.isArray(review.case.officerKeyAnswers) ? review.case.officerKeyAnswers : []) as KeyAnswer[],
            chosenAt: review.case.officerChoiceAt,
          }
        : null,
    },
    photos: review.case.photos.map((p) => ({ id: p.id, url: photoUrl(p.id), kind: p.kind, width: p.width, height: p.height, createdAt: p.createdAt })),
    prediction: prediction
      ? {
          id: prediction.id,
          status: prediction.status,
          tier: prediction.tier,
          confidence: prediction.confidence,
          typology: typologyRef(prediction.typology),
          topCandidates: rankCandidates(probabilities).flatMap(({ key, probability, rank }) => {
            const ref = typologyRef(key);
            return ref ? [{ ...ref, probability, rank }] : [];
          }),
          family: prediction.family,
          noFirearmScore: prediction.noFirearmScore,
          categoryLetters: predictionCategory?.letters ?? null,
          modelVersion: prediction.modelVersion.version,
          rulesVersion: prediction.rulesVersion,
          createdAt: prediction.createdAt,
        }
      : null,
    history: review.case.reviews
      .filter((other) => !hideBlindPartner(other))
      .flatMap((other) => toDecisionView(other, confirmedTypologyOf(other), answers) ?? []),
    markingsReadings: review.case.markingsReadings.map((reading) => toMarkingsReadingView(reading, answers)),
    samePhotoDecision: samePhoto,
  };
}

async function latestSamePhotoDecision(deps: ServiceDeps, caseId: string, originalSha256s: string[]): Promise<ReviewDetail["samePhotoDecision"]> {
  if (originalSha256s.length === 0) return null;
  const earlier = await deps.db.review.findFirst({
    where: { status: "decided", caseId: { not: caseId }, case: { photos: { some: { originalSha256: { in: originalSha256s } } } } },
    orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
    include: { decidedBy: { select: { id: true, name: true } }, prediction: { select: { topTypology: true } }, case: { select: { answers: true } } },
  });
  if (!earlier) return null;
  const caseAnswers = (earlier.case.answers ?? {}) as IdentificationAnswers;
  const view = toDecisionView(earlier, confirmedTypologyOf(earlier), caseAnswers);
  if (!view) return null;
  const answers = (earlier.expertAnswers ?? null) as IdentificationAnswers | null;
  return { ...view, caseId: earlier.caseId, answers };
}
