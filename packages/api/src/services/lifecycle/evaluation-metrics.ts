import { assessPrediction, rankCandidates, TYPOLOGIES, TYPOLOGY_KEYS, type Tier, type TypologyKey } from "@basegun/domain";

/** What a model version says about how it assigns tiers (from its manifest). */
export interface TierPolicy {
  thresholds: { medium: number; high: number; typology?: Partial<Record<string, { medium: number; high: number }>> };
  trainedTypologies: readonly string[];
  noFirearm: { threshold: number };
}

/** One frozen test item as the model saw it: its label and the model's calibrated output. */
export interface EvaluatedItem {
  /** exact label, or null for a coarse label (labelSet) or a photo without firearm */
  typology: string | null;
  labelSet: readonly string[];
  noFirearm: boolean;
  /** the label as its source gave it (revolver, HandGun, no_firearm:camera) */
  sourceLabel: string;
  probabilities: Record<TypologyKey, number>;
  noFirearmScore: number;
}

export interface ClassMetrics {
  /** exact-labelled test photos of this typology */
  support: number;
  /** exact-labelled photos the model put first in this typology */
  predicted: number;
  correct: number;
  precision: number | null;
  recall: number | null;
}

export interface TierMetrics {
  count: number;
  /** share of the weapon photos that got this tier */
  coverage: number;
  /** share of those whose top typology is within the label (exact label, or the coarse label's set) */
  precision: number | null;
}

export interface CalibrationBin {
  from: number;
  to: number;
  count: number;
  meanConfidence: number | null;
  accuracy: number | null;
}

/**
 * A model version's evaluation on one frozen split. Also the reference that monitoring compares live
 * traffic with (classMix, confidenceHistogram, lowTierRate).
 */
export interface EvaluationMetrics {
  schema: "basegun-evaluation/1";
  counts: { items: number; weapons: number; exact: number; coarse: number; noFirearm: number };
  /** exact labels only: top-1 typology equals the label */
  top1Accuracy: number | null;
  /** weapons: top-1 typology is within the label (exact or coarse set) */
  inLabelAccuracy: number | null;
  /** weapons: the family of the top-1 typology is the label's family */
  familyAccuracy: number | null;
  perClass: Record<TypologyKey, ClassMetrics>;
  /**
   * rows: true labels (typology keys, coarse source labels, "no_firearm"); columns: the 12 typology keys
   * then "no_firearm" (the model's gate fired); counts of photos
   */
  confusion: { columns: string[]; rows: { label: string; counts: number[] }[] };
  /** top-1 confidence against "top-1 within the label", weapons only; ECE over 10 equal-width bins */
  calibration: { ece: number | null; bins: CalibrationBin[] };
  /** weapons that are not gated as "no firearm", by the tier the officer would have seen */
  tiers: Record<Tier, TierMetrics>;
  noFirearmGate: { negatives: number; negativesFlagged: number | null; weaponsFlagged: number | null };
  /** share of every photo per top-1 typology (the live class mix is compared with it) */
  classMix: Record<string, number>;
  /** share of every photo per top-1 confidence decile */
  confidenceHistogram: number[];
  lowTierRate: number | null;
  meanConfidence: number | null;
}

/** the answer's column: a typology, the no-firearm gate, or "ex_aequo" when the top is a tie (never broken) */
export const CONFUSION_COLUMNS = [...TYPOLOGY_KEYS, "no_firearm", "ex_aequo"] as const;
const NO_FIREARM_COLUMN = CONFUSION_COLUMNS.indexOf("no_firearm");
const TIE_COLUMN = CONFUSION_COLUMNS.indexOf("ex_aequo");
/** the class-mix bucket of a tie at the top (evaluation and live monitoring alike), never the catalogue's first member */
export const TIE_MIX_KEY = "ex_aequo";
const BINS = 10;
const ratio = (n: number, d: number) => (d === 0 ? null : n / d);
const round = (value: number | null) => (value === null ? null : Number(value.toFixed(6)));

/** The tier an officer would have seen: the same rule as the inference worker (typology thresholds first). */
export function assessItem(policy: TierPolicy, probabilities: Record<TypologyKey, number>, noFirearmScore: number) {
  let top: TypologyKey = TYPOLOGY_KEYS[0];
  for (const key of TYPOLOGY_KEYS) if ((probabilities[key] ?? 0) > (probabilities[top] ?? 0)) top = key;
  const typologyThresholds = policy.thresholds.typology?.[top];
  return assessPrediction({
    probabilities,
    thresholds: typologyThresholds ?? { medium: policy.thresholds.medium, high: policy.thresholds.high },
    trainedTypologies: policy.trainedTypologies.filter((key): key is TypologyKey => key in TYPOLOGIES),
    noFirearmScore,
    noFirearmThreshold: policy.noFirearm.threshold,
  });
}

export const decileOf = (confidence: number) => Math.min(BINS - 1, Math.max(0, Math.floor(confidence * BINS)));

export function computeEvaluationMetrics(items: readonly EvaluatedItem[], policy: TierPolicy): EvaluationMetrics {
  const perClass = Object.fromEntries(TYPOLOGY_KEYS.map((key) => [key, { support: 0, predicted: 0, correct: 0, precision: null, recall: null }])) as Record<TypologyKey, ClassMetrics>;
  const confusion = new Map<string, number[]>();
  const bins = Array.from({ length: BINS }, () => ({ count: 0, confidence: 0, correct: 0 }));
  const tiers = { low: { count: 0, correct: 0 }, medium: { count: 0, correct: 0 }, high: { count: 0, correct: 0 } };
  const classMix: Record<string, number> = {};
  const histogram = new Array<number>(BINS).fill(0);
  let exact = 0, exactCorrect = 0, weapons = 0, inLabel = 0, familyCorrect = 0, coarse = 0;
  let negatives = 0, negativesFlagged = 0, weaponsFlagged = 0, confidenceSum = 0, lowTier = 0;

  for (const item of items) {
    const assessment = assessItem(policy, item.probabilities, item.noFirearmScore);
    const top = assessment.topCandidates[0]!;
    const flagged = assessment.status === "no_firearm";
    histogram[decileOf(top.probability)]! += 1;
    confidenceSum += top.probability;
    if (assessment.tier === "low") lowTier += 1;

    const rowLabel = item.noFirearm ? "no_firearm" : (item.typology ?? item.sourceLabel);
    const row = confusion.get(rowLabel) ?? new Array<number>(CONFUSION_COLUMNS.length).fill(0);
    // a tie at the top is no answer between its members: it is shown as a tie, not as the catalogue's first
    const tied = rankCandidates(item.probabilities, 1).map((candidate) => candidate.key);
    const isTie = tied.length > 1;
    const mixKey = isTie ? TIE_MIX_KEY : top.key;
    classMix[mixKey] = (classMix[mixKey] ?? 0) + 1;
    row[flagged ? NO_FIREARM_COLUMN : isTie ? TIE_COLUMN : TYPOLOGY_KEYS.indexOf(top.key)]! += 1;
    confusion.set(rowLabel, row);

    if (item.noFirearm) {
      negatives += 1;
      if (flagged) negativesFlagged += 1;
      continue;
    }
    weapons += 1;
    if (flagged) weaponsFlagged += 1;
    const allowed = item.typology ? [item.typology] : item.labelSet;
    // in the label (and in its family) when every tied answer is: a four-way tie inside "HandGun" is right
    // for the label, and says nothing about the exact typology
    const answers = isTie ? tied : [top.key];
    const correct = answers.every((key) => allowed.includes(key));
    if (correct) inLabel += 1;
    const labelFamilies = new Set(allowed.map((key) => TYPOLOGIES[key as TypologyKey]?.family));
    if (labelFamilies.size === 1 && answers.every((key) => labelFamilies.has(TYPOLOGIES[key].family))) familyCorrect += 1;
    const bin = bins[decileOf(top.probability)]!;
    bin.count += 1;
    bin.confidence += top.probability;
    if (correct) bin.correct += 1;
    if (!flagged) {
      tiers[assessment.tier].count += 1;
      if (correct) tiers[assessment.tier].correct += 1;
    }
    if (item.typology && item.typology in perClass) {
      exact += 1;
      perClass[item.typology as TypologyKey].support += 1;
      if (!isTie) perClass[top.key].predicted += 1;
      if (!isTie && top.key === item.typology) {
        exactCorrect += 1;
        perClass[top.key].correct += 1;
      }
    } else coarse += 1;
  }

  for (const metrics of Object.values(perClass)) {
    metrics.precision = round(ratio(metrics.correct, metrics.predicted));
    metrics.recall = round(ratio(metrics.correct, metrics.support));
  }
  const weaponBins = bins.reduce((total, bin) => total + bin.count, 0);
  const ece = weaponBins === 0 ? null : bins.reduce((total, bin) => (bin.count === 0 ? total : total + (bin.count / weaponBins) * Math.abs(bin.correct / bin.count - bin.confidence / bin.count)), 0);
  const tierView = (tier: Tier): TierMetrics => ({
    count: tiers[tier].count,
    coverage: round(ratio(tiers[tier].count, weapons)) ?? 0,
    precision: round(ratio(tiers[tier].correct, tiers[tier].count)),
  });
  const total = items.length;
  return {
    schema: "basegun-evaluation/1",
    counts: { items: total, weapons, exact, coarse, noFirearm: negatives },
    top1Accuracy: round(ratio(exactCorrect, exact)),
    inLabelAccuracy: round(ratio(inLabel, weapons)),
    familyAccuracy: round(ratio(familyCorrect, weapons)),
    perClass,
    confusion: {
      columns: [...CONFUSION_COLUMNS],
      rows: [...confusion.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([label, counts]) => ({ label, counts })),
    },
    calibration: {
      ece: round(ece),
      bins: bins.map((bin, index) => ({
        from: index / BINS,
        to: (index + 1) / BINS,
        count: bin.count,
        meanConfidence: round(ratio(bin.confidence, bin.count)),
        accuracy: round(ratio(bin.correct, bin.count)),
      })),
    },
    tiers: { low: tierView("low"), medium: tierView("medium"), high: tierView("high") },
    noFirearmGate: { negatives, negativesFlagged: round(ratio(negativesFlagged, negatives)), weaponsFlagged: round(ratio(weaponsFlagged, weapons)) },
    classMix: Object.fromEntries(Object.entries(classMix).map(([key, count]) => [key, round(count / total) ?? 0])),
    confidenceHistogram: histogram.map((count) => (total === 0 ? 0 : round(count / total) ?? 0)),
    lowTierRate: round(ratio(lowTier, total)),
    meanConfidence: round(ratio(confidenceSum, total)),
  };
}

/** Reads stored metrics back (JSON column); null when they are not an evaluation of this schema. */
export function asEvaluationMetrics(value: unknown): EvaluationMetrics | null {
  return typeof value === "object" && value !== null && (value as { schema?: unknown }).schema === "basegun-evaluation/1" ? (value as EvaluationMetrics) : null;
}
