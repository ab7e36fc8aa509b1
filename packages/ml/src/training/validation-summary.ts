import { TYPOLOGY_KEYS } from "../domain.ts";
import { sigmoid } from "../head/probabilities.ts";
import { expectedCalibrationError } from "./calibration.ts";
import { evaluateSplit } from "./evaluate.ts";
import type { LabelledSample } from "./samples.ts";
import { pairedGroupBootstrap } from "./statistics.ts";
import { scoreSamples, type TrainedHead } from "./train-head.ts";
import { summariseTypologies } from "./typology-report.ts";

/** A trained head judged on the validation split only: how candidates (heads, backbones) are chosen. */
export interface ValidationSummary {
  top1: { rate: number | null; hits: number; n: number };
  top3: number | null;
  family: number;
  typologyEce: number;
  familyEce: number;
  /** Balanced validation NLL of the chosen L2 (the head's own selection criterion). */
  nll: number;
  noFirearmFlagged: { hits: number; n: number };
  /** Weapon photos the gate calls "no firearm", per source. */
  weaponsRejected: Record<string, { hits: number; n: number }>;
  trainedTypologies: readonly string[];
  /** Each validation weapon photo's outcome (top-1 null without a full label), for paired comparisons. */
  outcomes: { id: string; group: string; top1: boolean | null; family: boolean }[];
}

export function summariseValidation(trained: TrainedHead, samples: readonly LabelledSample[]): ValidationSummary {
  const validation = samples.filter((sample) => sample.split === "validation");
  const weapons = validation.filter((sample) => sample.kind === "weapon");
  const scored = scoreSamples(trained, validation);
  const evaluation = evaluateSplit(weapons, scoreSamples(trained, weapons).typologyLogits, TYPOLOGY_KEYS, trained.temperature);
  const summary = summariseTypologies(evaluation.rows, TYPOLOGY_KEYS);
  const flagged = { hits: 0, n: 0 };
  const weaponsRejected: Record<string, { hits: number; n: number }> = {};
  validation.forEach((sample, i) => {
    const called = sigmoid(scored.gateLogits[i]!) > trained.noFirearmThreshold ? 1 : 0;
    const tally = sample.kind === "no-firearm" ? flagged : (weaponsRejected[sample.source] ??= { hits: 0, n: 0 });
    tally.hits += called;
    tally.n += 1;
  });
  return {
    top1: summary.top1,
    top3: summary.top3.rate,
    family: evaluation.familyAccuracy,
    typologyEce: summary.ece,
    familyEce: expectedCalibrationError(evaluation.familyConfidence, evaluation.familyCorrect),
    nll: trained.validation.l2Scores.find((score) => score.l2 === trained.l2)!.nll,
    noFirearmFlagged: flagged,
    weaponsRejected,
    trainedTypologies: trained.trainedTypologies,
    outcomes: evaluation.rows.map((row, i) => ({
      id: row.sample.id,
      // photos without a known group stand alone
      group: row.sample.group ?? row.sample.id,
      top1: row.sample.allowedTypologies.length === 1 ? row.strictTypologyCorrect : null,
      family: evaluation.familyCorrect[i]!,
    })),
  };
}

const pct = (value: number | null) => (value === null ? "n/a" : `${(100 * value).toFixed(1)} %`);

export const VALIDATION_TABLE_HEADER =
  "| validation top-1 (full labels) | top-3 | family | typology ECE | family ECE | balanced validation NLL | no-firearm flagged | weapons called no firearm | typologies opening at medium |";

/** The summary as cells of VALIDATION_TABLE_HEADER (markdown, without the row's own first cells). */
export function validationCells(summary: ValidationSummary, l2: number): string {
  const rejected = Object.entries(summary.weaponsRejected)
    .map(([source, tally]) => `${source} ${tally.hits}/${tally.n}`)
    .join(", ");
  return `${pct(summary.top1.rate)} (${summary.top1.hits}/${summary.top1.n}) | ${pct(summary.top3)} | ${pct(summary.family)} | ${summary.typologyEce.toFixed(3)} | ${summary.familyEce.toFixed(3)} | ${summary.nll.toFixed(4)} (L2 ${l2}) | ${summary.noFirearmFlagged.hits}/${summary.noFirearmFlagged.n} | ${rejected} | ${summary.trainedTypologies.join(", ") || "none"} |`;
}

/** b − a on the same validation photos, paired by photo, bootstrapped over picture groups. */
export function pairedValidationDeltas(a: ValidationSummary, b: ValidationSummary): { top1: ReturnType<typeof pairedGroupBootstrap>; family: ReturnType<typeof pairedGroupBootstrap> } {
  const other = new Map(b.outcomes.map((outcome) => [outcome.id, outcome]));
  if (other.size !== a.outcomes.length || a.outcomes.some((outcome) => !other.has(outcome.id))) throw new Error("the two summaries are not on the same validation photos");
  const paired = a.outcomes.map((outcome) => ({ outcome, twin: other.get(outcome.id)! }));
  return {
    top1: pairedGroupBootstrap(paired.map(({ outcome, twin }) => ({ group: outcome.group, a: outcome.top1, b: twin.top1 }))),
    family: pairedGroupBootstrap(paired.map(({ outcome, twin }) => ({ group: outcome.group, a: outcome.family, b: twin.family }))),
  };
}
