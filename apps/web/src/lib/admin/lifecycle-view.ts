/**
 * Pure helpers of the admin model-lifecycle console: number display, bar widths, polling and the
 * training-parameter form. Kept free of React so they are tested on their own.
 */

import { formatPercent } from "@basegun/domain";

/** A rate in [0, 1] as "87,5 %" (one decimal), or "—" when unknown: the domain's one rounding (formatPercent). */
export function formatRate(rate: number | null | undefined, locale = "fr"): string {
  return formatPercent(rate, locale);
}

export type DeltaTone = "better" | "worse" | "neutral";

/**
 * How a candidate-minus-baseline difference reads: a change under `tolerance` (in rate units) is
 * neutral; otherwise it is better when it goes the way the metric should.
 */
export function deltaTone(delta: number | null | undefined, higherIsBetter = true, tolerance = 0.005): DeltaTone {
  if (delta === null || delta === undefined || !Number.isFinite(delta) || Math.abs(delta) < tolerance) return "neutral";
  return delta > 0 === higherIsBetter ? "better" : "worse";
}

/** A difference of rates in percentage points, signed: "+2.5 pts", "−1 pts", "—". */
export function formatDelta(delta: number | null | undefined, locale = "fr"): string {
  if (delta === null || delta === undefined || !Number.isFinite(delta)) return "—";
  const points = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Math.abs(delta * 100));
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
  return `${sign}${points} pts`;
}

/** Width of a CSS bar in percent of the largest value, never negative nor above 100. */
export function barPercent(value: number, max: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(max) || max <= 0 || value <= 0) return 0;
  return Math.min(100, (value / max) * 100);
}

/** A training run still moving: the console polls it. */
export const isRunActive = (status: string) => status === "queued" || status === "running";

/** Poll every 2 s while a run is active, stop once every run has finished. */
export function runsPollInterval(runs: ReadonlyArray<{ status: string }> | undefined, activeMs = 2_000): number | false {
  return runs?.some((run) => isRunActive(run.status)) ? activeMs : false;
}

export interface TrainingForm {
  seed: string;
  maxIterations: string;
  l2Grid: string;
  minTierSupport: string;
  fieldLabelWeight: string;
  note: string;
}

export interface TrainingParametersInput {
  seed?: number;
  maxIterations?: number;
  l2Grid?: number[];
  minTierSupport?: number;
  fieldLabelWeight?: number;
  note?: string;
}

export type TrainingFormProblem = "seed" | "maxIterations" | "l2Grid" | "minTierSupport" | "fieldLabelWeight";

const integerIn = (text: string, min: number, max: number): number | null | undefined => {
  if (text.trim() === "") return undefined;
  if (!/^\d+$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : null;
};

/**
 * The parameters the api accepts (trainingParametersSchema): empty fields are left to the defaults;
 * bounds are checked here so the admin sees which field is wrong before a run is queued.
 */
export function trainingParameters(form: TrainingForm): { parameters: TrainingParametersInput } | { problem: TrainingFormProblem } {
  const parameters: TrainingParametersInput = {};
  const seed = integerIn(form.seed, 0, 2 ** 31 - 1);
  if (seed === null) return { problem: "seed" };
  if (seed !== undefined) parameters.seed = seed;
  const maxIterations = integerIn(form.maxIterations, 5, 2000);
  if (maxIterations === null) return { problem: "maxIterations" };
  if (maxIterations !== undefined) parameters.maxIterations = maxIterations;
  const minTierSupport = integerIn(form.minTierSupport, 1, 1000);
  if (minTierSupport === null) return { problem: "minTierSupport" };
  if (minTierSupport !== undefined) parameters.minTierSupport = minTierSupport;
  if (form.fieldLabelWeight.trim() !== "") {
    const weight = Number(form.fieldLabelWeight.trim().replace(",", "."));
    if (!Number.isFinite(weight) || weight < 1 || weight > 200) return { problem: "fieldLabelWeight" };
    parameters.fieldLabelWeight = weight;
  }
  if (form.l2Grid.trim() !== "") {
    const grid = form.l2Grid.split(/[\s;]+|,(?=\s|\d)/).map((part) => part.trim().replace(",", ".")).filter(Boolean).map(Number);
    if (grid.length < 1 || grid.length > 8 || grid.some((value) => !Number.isFinite(value) || value <= 0 || value > 100)) return { problem: "l2Grid" };
    parameters.l2Grid = grid;
  }
  if (form.note.trim() !== "") parameters.note = form.note.trim().slice(0, 500);
  return { parameters };
}

/** Bytes of a file as base64, the way the upload procedure takes the ONNX. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/**
 * The growth rows (one per period and source, cumulative over all sources in order) folded into one
 * row per period: the items added then, and the dataset's size at its end.
 */
export function growthByPeriod(rows: ReadonlyArray<{ periodStart: Date | string; count: number; cumulative: number }>): Array<{ periodStart: Date; added: number; total: number }> {
  const byPeriod = new Map<number, { periodStart: Date; added: number; total: number }>();
  for (const row of rows) {
    const start = new Date(row.periodStart);
    const entry = byPeriod.get(start.getTime()) ?? { periodStart: start, added: 0, total: 0 };
    entry.added += row.count;
    entry.total = Math.max(entry.total, row.cumulative);
    byPeriod.set(start.getTime(), entry);
  }
  return [...byPeriod.values()].sort((a, b) => a.periodStart.getTime() - b.periodStart.getTime());
}
