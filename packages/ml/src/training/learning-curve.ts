import { TYPOLOGY_KEYS, type TypologyKey } from "../domain.ts";
import { sigmoid } from "../head/probabilities.ts";
import { evaluateSplit } from "./evaluate.ts";
import { chooseGateThreshold } from "./gate-threshold.ts";
import type { LabelledSample } from "./samples.ts";
import { hashUnit, splitOf } from "./splits.ts";
import { DEFAULT_TRAIN_HEAD_OPTIONS, trainHead, scoreSamples, type TrainHeadOptions } from "./train-head.ts";
import { summariseTypologies } from "./typology-report.ts";

/**
 * §5 of issue 10: how much do the first expert labels help, and how should they be weighed?
 *
 * Stand-in expert labels become a new field source, split 70/15/15 by group as the platform splits
 * expert cases (so a few land in validation and reach the gate's threshold, as on the platform), drawn
 * k groups per typology, one photo per group; each k is repeated over independent, nested draws. Two
 * designs:
 * - "same-domain": drawn from one half of the validation split (by group hash); the other half is
 *   the selection split. The stand-ins look like the training photos: the floor of what labels add.
 * - "new-source": one whole source (the Caltech catalogue revolvers) is left out of the base model,
 *   as field photos are absent from the web data; stand-ins are drawn from its train split, its
 *   validation split is the selection set (typology and photos wrongly called "no firearm"), its test
 *   split is reported. This is the situation the platform is in with its first expert verdicts.
 * Nothing is chosen on the test split: the field weight is chosen on the selection sets.
 */
export const STAND_IN_SOURCE = "stand-in-field";

/** Platform split of expert cases (packages/api split-rule: train < 70, validation < 85, test). */
const PLATFORM_SPLIT = { train: 0.7, validation: 0.15 } as const;

export type CurveDesign = { kind: "same-domain" } | { kind: "new-source"; source: string };

export interface LearningCurveOptions {
  samples: readonly LabelledSample[];
  design: CurveDesign;
  /** Groups per typology drawn as stand-in expert labels (0 = the model as it is trained today). */
  counts: readonly number[];
  /** Field label weights compared (FIELD_LABEL_WEIGHT's candidates). */
  fieldWeights: readonly number[];
  repeats: number;
  headOptions?: Partial<Omit<TrainHeadOptions, "labels" | "fieldLabelWeight" | "isFieldSource">>;
  /** Typologies with fewer labelled groups than this are reported as "rare". */
  rareBelowGroups?: number;
  log: (line: string) => void;
}

export interface GateFigures {
  threshold: number;
  decidedBy: string;
  /** Test no-firearm photos called "no firearm". */
  noFirearmFlagged: { hits: number; n: number };
  /** Test weapon photos called "no firearm", per base source. */
  weaponsRejected: Record<string, { hits: number; n: number }>;
}

export interface SplitFigures {
  top1: { hits: number; n: number };
  /** Weapon photos called "no firearm" by the gate as trained. */
  weaponsRejected: { hits: number; n: number };
  rareTop1: { hits: number; n: number };
  family: { hits: number; n: number };
  typologyEce: number;
}

export interface CurvePoint {
  count: number;
  fieldWeight: number;
  repeat: number;
  /** Stand-in photos by the split the platform rule gave them. */
  standIn: { train: number; validation: number; test: number; perTypology: Partial<Record<TypologyKey, number>> };
  selection: SplitFigures;
  test: SplitFigures;
  /** new-source design: that source's test photos alone. */
  sourceTest?: SplitFigures;
  /** The gate as trained: threshold by the pooled-spread rule for small sources. */
  gate: GateFigures;
  /** The same head with the former own-spread rule for small sources (what the issue measured). */
  gateOwnSpread: GateFigures;
  trainedTypologies: TypologyKey[];
}

export interface LearningCurve {
  design: CurveDesign;
  points: CurvePoint[];
  rareTypologies: TypologyKey[];
  drawPool: Partial<Record<TypologyKey, number>>;
  selectionSplit: { weapons: number; fullLabelled: number };
}

const isFull = (sample: LabelledSample) => sample.kind === "weapon" && sample.allowedTypologies.length === 1;
/** What an expert could have labelled: a full, `sure` label (a `likely` one is not drawn). */
const drawable = (sample: LabelledSample) => isFull(sample) && (sample.labelWeight ?? 1) >= 1;
const groupOf = (sample: LabelledSample) => sample.group ?? sample.id;

/** Which validation groups are the draw pool (half, by hash) and which stay for selection. */
export function inDrawPool(group: string): boolean {
  return hashUnit(`learning-curve-pool:${group}`) < 0.5;
}

/**
 * The stand-in groups of one repeat, nested in k: per typology, the draw pool's groups in an order
 * fixed by (repeat, group), one photo per group (an expert labels distinct weapons, not copies).
 */
export function drawStandIns(pool: readonly LabelledSample[], count: number, repeat: number): LabelledSample[] {
  const byTypology = new Map<TypologyKey, Map<string, LabelledSample>>();
  for (const sample of [...pool].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!drawable(sample)) continue;
    const groups = byTypology.get(sample.allowedTypologies[0]!) ?? new Map<string, LabelledSample>();
    if (!groups.has(groupOf(sample))) groups.set(groupOf(sample), sample);
    byTypology.set(sample.allowedTypologies[0]!, groups);
  }
  const drawn: LabelledSample[] = [];
  for (const typology of TYPOLOGY_KEYS) {
    const groups = [...(byTypology.get(typology)?.entries() ?? [])].sort(([a], [b]) => hashUnit(`draw:${repeat}:${a}`) - hashUnit(`draw:${repeat}:${b}`));
    for (const [group, sample] of groups.slice(0, count)) {
      drawn.push({ ...sample, source: STAND_IN_SOURCE, sourceLabel: typology, split: splitOf(`${STAND_IN_SOURCE}:${group}`, PLATFORM_SPLIT, `repeat-${repeat}`) });
    }
  }
  return drawn;
}

function rate(hits: number, n: number) {
  return { hits, n };
}

export async function runLearningCurve(options: LearningCurveOptions): Promise<LearningCurve> {
  const { log } = options;
  const labels = TYPOLOGY_KEYS;
  const headOptions = { ...DEFAULT_TRAIN_HEAD_OPTIONS, priorCorrection: true, ...options.headOptions };
  const groupsPerTypology = new Map<TypologyKey, Set<string>>();
  for (const sample of options.samples.filter(isFull)) {
    const key = sample.allowedTypologies[0]!;
    groupsPerTypology.set(key, (groupsPerTypology.get(key) ?? new Set()).add(groupOf(sample)));
  }
  const rareTypologies = labels.filter((key) => (groupsPerTypology.get(key)?.size ?? 0) < (options.rareBelowGroups ?? 30));
  const { design } = options;
  let pool: LabelledSample[];
  let base: LabelledSample[];
  let selection: LabelledSample[];
  if (design.kind === "same-domain") {
    const drawable = (sample: LabelledSample) => sample.split === "validation" && sample.kind === "weapon" && inDrawPool(groupOf(sample));
    pool = options.samples.filter(drawable);
    // The draw pool leaves validation whole (drawn or not): its copies would otherwise sit on both sides.
    base = options.samples.filter((sample) => !drawable(sample));
    selection = base.filter((sample) => sample.split === "validation" && sample.kind === "weapon");
  } else {
    if (!options.samples.some((sample) => sample.source === design.source)) throw new Error(`No photo of source ${design.source}`);
    pool = options.samples.filter((sample) => sample.source === design.source && sample.split === "train");
    selection = options.samples.filter((sample) => sample.source === design.source && sample.split === "validation" && sample.kind === "weapon");
    // its test photos stay (trainHead never reads the test split; they are reported)
    base = options.samples.filter((sample) => sample.source !== design.source || sample.split === "test");
  }
  const test = base.filter((sample) => sample.split === "test");
  const drawPool: Partial<Record<TypologyKey, number>> = {};
  for (const typology of labels) {
    const groups = new Set(pool.filter((sample) => drawable(sample) && sample.allowedTypologies[0] === typology).map(groupOf));
    if (groups.size) drawPool[typology] = groups.size;
  }
  log(`draw pool (validation half, groups per typology): ${Object.entries(drawPool).map(([key, n]) => `${key} ${n}`).join(", ")}; selection split ${selection.length} weapon photos; rare typologies: ${rareTypologies.join(", ")}`);

  const points: CurvePoint[] = [];
  for (const count of options.counts) {
    for (let repeat = 1; repeat <= (count === 0 ? 1 : options.repeats); repeat++) {
      const standIns = drawStandIns(pool, count, repeat);
      for (const fieldWeight of count === 0 ? [options.fieldWeights[0]!] : options.fieldWeights) {
        const started = performance.now();
        const samples = [...base, ...standIns];
        const trained = await trainHead(samples, { ...headOptions, labels, fieldLabelWeight: fieldWeight, isFieldSource: (source) => source === STAND_IN_SOURCE });
        const figures = (subset: readonly LabelledSample[]): SplitFigures => {
          const weapons = subset.filter((sample) => sample.kind === "weapon");
          const scored = scoreSamples(trained, weapons);
          const evaluation = evaluateSplit(weapons, scored.typologyLogits, labels, trained.temperature);
          const summary = summariseTypologies(evaluation.rows, labels);
          const rare = evaluation.rows.filter((row) => isFull(row.sample) && rareTypologies.includes(row.sample.allowedTypologies[0]!));
          return {
            top1: rate(summary.top1.hits, summary.top1.n),
            weaponsRejected: rate(scored.gateLogits.filter((logit) => sigmoid(logit) > trained.noFirearmThreshold).length, weapons.length),
            rareTop1: rate(rare.filter((row) => row.strictTypologyCorrect).length, rare.length),
            family: rate(evaluation.familyCorrect.filter(Boolean).length, weapons.length),
            typologyEce: summary.ece,
          };
        };
        const validationAll = samples.filter((sample) => sample.split === "validation" && sample.kind === "weapon");
        const validationGate = scoreSamples(trained, validationAll).gateLogits.map((logit, i) => ({ source: validationAll[i]!.source, logit }));
        const testGate = scoreSamples(trained, test).gateLogits;
        const gateFigures = (smallSources: "pooled-sd" | "own-sd"): GateFigures => {
          const choice = chooseGateThreshold(validationGate, { maxRejectionRate: headOptions.maxWeaponRejectionRate, confidence: headOptions.gateToleranceConfidence, smallSources });
          const flagged = test.map((sample, i) => ({ sample, rejected: sigmoid(testGate[i]!) > choice.threshold }));
          const weaponsRejected: GateFigures["weaponsRejected"] = {};
          for (const { sample, rejected } of flagged.filter((item) => item.sample.kind === "weapon")) {
            const row = (weaponsRejected[sample.source] ??= rate(0, 0));
            row.n++;
            row.hits += rejected ? 1 : 0;
          }
          const negatives = flagged.filter((item) => item.sample.kind === "no-firearm");
          return { threshold: choice.threshold, decidedBy: choice.decidedBy, noFirearmFlagged: rate(negatives.filter((item) => item.rejected).length, negatives.length), weaponsRejected };
        };
        const point: CurvePoint = {
          count,
          fieldWeight,
          repeat,
          standIn: {
            train: standIns.filter((sample) => sample.split === "train").length,
            validation: standIns.filter((sample) => sample.split === "validation").length,
            test: standIns.filter((sample) => sample.split === "test").length,
            perTypology: Object.fromEntries(labels.map((key) => [key, standIns.filter((sample) => sample.sourceLabel === key).length]).filter(([, n]) => n)),
          },
          selection: figures(selection),
          test: figures(test),
          ...(design.kind === "new-source" ? { sourceTest: figures(test.filter((sample) => sample.source === design.source)) } : {}),
          gate: gateFigures("pooled-sd"),
          gateOwnSpread: gateFigures("own-sd"),
          trainedTypologies: trained.trainedTypologies,
        };
        points.push(point);
        const pct = (value: { hits: number; n: number }) => (value.n ? `${((100 * value.hits) / value.n).toFixed(1)} %` : "n/a");
        log(
          `${design.kind} k=${count} weight=${fieldWeight} repeat=${repeat}: stand-ins ${standIns.length} (${point.standIn.validation} in validation); selection top-1 ${pct(point.selection.top1)}, test top-1 ${pct(point.test.top1)}, rare ${pct(point.test.rareTop1)}, family ${pct(point.test.family)}; no firearm flagged ${pct(point.gate.noFirearmFlagged)} (own-spread rule ${pct(point.gateOwnSpread.noFirearmFlagged)}) — ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      }
    }
  }
  return { design, points, rareTypologies, drawPool, selectionSplit: { weapons: selection.length, fullLabelled: selection.filter(isFull).length } };
}
