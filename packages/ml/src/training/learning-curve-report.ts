import type { CurvePoint, LearningCurve } from "./learning-curve.ts";

/** Mean and range over the repeats of one (count, weight) cell. */
interface CellStat {
  mean: number | null;
  min: number | null;
  max: number | null;
}

const share = (value: { hits: number; n: number }) => (value.n ? value.hits / value.n : null);

function stat(values: (number | null)[]): CellStat {
  const known = values.filter((value): value is number => value !== null);
  if (!known.length) return { mean: null, min: null, max: null };
  return { mean: known.reduce((a, b) => a + b, 0) / known.length, min: Math.min(...known), max: Math.max(...known) };
}

const pct = (value: number | null) => (value === null ? "n/a" : `${(100 * value).toFixed(1)}`);
const cell = (value: CellStat) => (value.mean === null ? "n/a" : value.min === value.max ? `${pct(value.mean)} %` : `${pct(value.mean)} % (${pct(value.min)}–${pct(value.max)})`);

export interface CurveChoice {
  fieldWeight: number;
  /** Per weight: mean over designs, k ≥ 1 and draws of (selection top-1 − selection weapons called "no firearm"). */
  scoreByWeight: Record<string, number>;
}

const pointScore = (point: CurvePoint) => (share(point.selection.top1) ?? 0) - (share(point.selection.weaponsRejected) ?? 0);

/**
 * The field weight the curves support, on their selection sets only (never the test split): the best
 * mean of selection top-1 minus the share of selection weapon photos called "no firearm", over every
 * design, k ≥ 1 and draw; within 0.2 point the smaller weight wins.
 */
export function chooseFieldWeight(curves: readonly LearningCurve[]): CurveChoice {
  const points = curves.flatMap((curve) => curve.points.filter((point) => point.count > 0));
  const weights = [...new Set(points.map((point) => point.fieldWeight))].sort((a, b) => a - b);
  const scoreByWeight: Record<string, number> = {};
  for (const weight of weights) scoreByWeight[String(weight)] = stat(points.filter((point) => point.fieldWeight === weight).map(pointScore)).mean ?? 0;
  let best = weights[0] ?? 1;
  for (const weight of weights) if (scoreByWeight[String(weight)]! > scoreByWeight[String(best)]! + 0.002) best = weight;
  return { fieldWeight: best, scoreByWeight };
}

const cells = (points: CurvePoint[], read: (point: CurvePoint) => number | null) => stat(points.map(read));
const maxRejected = (point: CurvePoint, gate: "gate" | "gateOwnSpread") => Math.max(0, ...Object.values(point[gate].weaponsRejected).map((value) => share(value) ?? 0));

function table(curve: LearningCurve): string[] {
  const keys = [...new Set(curve.points.map((point) => `${point.count}|${point.fieldWeight}`))];
  const newSource = curve.design.kind === "new-source" ? curve.design.source : null;
  const header = newSource
    ? [
        `| k | field weight | draws | stand-in photos (in validation) | ${newSource} validation: top-1 | its validation photos called "no firearm" | ${newSource} test: top-1 | its test photos called "no firearm" | same, former own-spread gate rule | all test photos: top-1 | family | no-firearm photos flagged | same, former rule |`,
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
      ]
    : [
        "| k per typology | field weight | draws | stand-in photos (in validation) | selection top-1 | test top-1 | test top-1, rare typologies | test family | test typology ECE | test no-firearm flagged | worst source's test weapons called \"no firearm\" | no-firearm flagged, former own-spread gate rule | trained typologies |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
      ];
  const rows = keys.map((key) => {
    const [count, weight] = key.split("|").map(Number) as [number, number];
    const points = curve.points.filter((point) => point.count === count && point.fieldWeight === weight);
    const photos = `${cells(points, (p) => p.standIn.train + p.standIn.validation + p.standIn.test).mean?.toFixed(1)} (${cells(points, (p) => p.standIn.validation).mean?.toFixed(1)})`;
    const w = count === 0 ? "—" : String(weight);
    if (newSource) {
      const ownRule = (p: CurvePoint) => share(p.gateOwnSpread.weaponsRejected[newSource] ?? { hits: 0, n: 0 });
      return `| ${count} | ${w} | ${points.length} | ${photos} | ${cell(cells(points, (p) => share(p.selection.top1)))} | ${cell(cells(points, (p) => share(p.selection.weaponsRejected)))} | ${cell(cells(points, (p) => (p.sourceTest ? share(p.sourceTest.top1) : null)))} | ${cell(cells(points, (p) => (p.sourceTest ? share(p.sourceTest.weaponsRejected) : null)))} | ${cell(cells(points, ownRule))} | ${cell(cells(points, (p) => share(p.test.top1)))} | ${cell(cells(points, (p) => share(p.test.family)))} | ${cell(cells(points, (p) => share(p.gate.noFirearmFlagged)))} | ${cell(cells(points, (p) => share(p.gateOwnSpread.noFirearmFlagged)))} |`;
    }
    return `| ${count} | ${w} | ${points.length} | ${photos} | ${cell(cells(points, (p) => share(p.selection.top1)))} | ${cell(cells(points, (p) => share(p.test.top1)))} | ${cell(cells(points, (p) => share(p.test.rareTop1)))} | ${cell(cells(points, (p) => share(p.test.family)))} | ${cell(cells(points, (p) => p.test.typologyEce))} | ${cell(cells(points, (p) => share(p.gate.noFirearmFlagged)))} | ${cell(cells(points, (p) => maxRejected(p, "gate")))} | ${cell(cells(points, (p) => share(p.gateOwnSpread.noFirearmFlagged)))} | ${cells(points, (p) => p.trainedTypologies.length).mean?.toFixed(1)} |`;
  });
  return [...header, ...rows];
}

/** Markdown report of the curves: one row per (k, weight), means over draws with their range. */
export function renderLearningCurve(curves: readonly LearningCurve[], choice: CurveChoice, command: string, calibration = "validation split, typology NLL where the label names one, family NLL elsewhere"): string {
  const lines = [
    "# Learning curve: the first expert labels (issue 10 §5)",
    "",
    `Command: \`${command}\``,
    "",
    `Temperature fitted on: ${calibration} (it moves the ECE column only).`,
    "",
    "Stand-in expert labels: k groups per typology (one photo per group) added as a field source, split 70/15/15 by group like the platform's expert cases (so some reach validation and the gate's threshold), each photo weighing the field weight times a web photo of its class in both heads. Means over independent draws, range in brackets; the draws are nested (k = 2 adds to k = 1). The field weight is chosen on the selection sets only; test figures are reported, never chosen on.",
    "",
  ];
  for (const curve of curves) {
    if (curve.design.kind === "same-domain") {
      lines.push(
        "## Same domain: stand-ins drawn from the validation split",
        "",
        `Drawn from one half of the validation split (by group hash); the other half is the selection split (${curve.selectionSplit.weapons} weapon photos, ${curve.selectionSplit.fullLabelled} with a full label). Draw pool (groups per typology): ${Object.entries(curve.drawPool).map(([key, n]) => `${key} ${n}`).join(", ")}; a typology with fewer groups than k gives all it has. Rare typologies (fewer than 30 labelled groups in all the data): ${curve.rareTypologies.join(", ")}.`,
        "",
      );
    } else {
      lines.push(
        `## New source: ${curve.design.source} left out of the base model`,
        "",
        `The base model never sees ${curve.design.source} (train and validation photos removed), as the web data never shows field photos; stand-ins are drawn from its train split (draw pool: ${Object.entries(curve.drawPool).map(([key, n]) => `${key} ${n}`).join(", ")} groups), its validation split (${curve.selectionSplit.weapons} photos) is the selection set, its test split is reported.`,
        "",
      );
    }
    lines.push(...table(curve), "");
  }
  lines.push(
    `**Chosen field weight: ${choice.fieldWeight}** (mean over both designs, k ≥ 1 and draws of selection top-1 minus the share of selection weapon photos called "no firearm": ${Object.entries(choice.scoreByWeight).map(([weight, value]) => `weight ${weight}: ${pct(value)} points`).join(", ")}; within 0.2 point the smaller weight wins).`,
    "",
  );
  return lines.join("\n");
}
