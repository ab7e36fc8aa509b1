import type { TypologyKey } from "../domain.ts";
import { expectedCalibrationError } from "./calibration.ts";
import type { EvaluatedRow } from "./evaluate.ts";
import { wilsonInterval } from "./statistics.ts";

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

/** A proportion with its two-sided 95 % Wilson interval (null rate when nothing was measured). */
export interface TypologyRate {
  hits: number;
  n: number;
  rate: number | null;
  ci: [number, number] | null;
}

function rateOf(hits: number, n: number): TypologyRate {
  if (n === 0) return { hits, n, rate: null, ci: null };
  const { low, high } = wilsonInterval(hits, n);
  return { hits, n, rate: round(hits / n), ci: [round(low), round(high)] };
}

/**
 * What the typology labels can verify on one split: photos with a full (singleton) label only, top-1
 * and top-3 against it, per typology (recall, and precision among the full-labelled photos predicted
 * as it), and the ECE of the top-1 typology probability. Photos with a coarse label set are left out:
 * nothing tells which of their typologies is right.
 */
export interface TypologySummary {
  fullLabelled: number;
  top1: TypologyRate;
  top3: TypologyRate;
  /** 15 equal-width bins of the top-1 typology probability against exact correctness. */
  ece: number;
  perTypology: Partial<Record<TypologyKey, { support: number; top1: TypologyRate; predicted: number; precision: TypologyRate }>>;
}

export function summariseTypologies(rows: readonly EvaluatedRow[], labels: readonly TypologyKey[]): TypologySummary {
  const full = rows.filter((row) => row.sample.allowedTypologies.length === 1);
  const inTop3 = (row: EvaluatedRow) => {
    const truth = labels.indexOf(row.sample.allowedTypologies[0]!);
    const above = [...row.probabilities].filter((p, k) => p > row.probabilities[truth]! || (p === row.probabilities[truth]! && k < truth)).length;
    return above < 3;
  };
  const perTypology: TypologySummary["perTypology"] = {};
  for (const key of labels) {
    const support = full.filter((row) => row.sample.allowedTypologies[0] === key);
    const predicted = full.filter((row) => row.topTypology === key);
    if (support.length === 0 && predicted.length === 0) continue;
    perTypology[key] = {
      support: support.length,
      top1: rateOf(support.filter((row) => row.strictTypologyCorrect).length, support.length),
      predicted: predicted.length,
      precision: rateOf(predicted.filter((row) => row.strictTypologyCorrect).length, predicted.length),
    };
  }
  return {
    fullLabelled: full.length,
    top1: rateOf(full.filter((row) => row.strictTypologyCorrect).length, full.length),
    top3: rateOf(full.filter(inTop3).length, full.length),
    ece: round(expectedCalibrationError(full.map((row) => row.topTypologyProbability), full.map((row) => row.strictTypologyCorrect))),
    perTypology,
  };
}
