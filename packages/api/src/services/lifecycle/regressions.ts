import { formatPercent, percentTenths } from "@basegun/domain";
import type { MetricDelta } from "./compare.ts";

/** The headline figures in the admins' words (the console shows the same names). */
export const HEADLINE_LABELS_FR: Record<string, string> = {
  top1Accuracy: "Exactitude de la typologie exacte",
  inLabelAccuracy: "Exactitude dans l'étiquette",
  familyAccuracy: "Exactitude de la famille",
  ece: "Erreur de calibration (ECE)",
  lowTierRate: "Part des réponses de fiabilité faible",
  mediumCoverage: "Couverture de la fiabilité moyenne",
  mediumPrecision: "Précision de la fiabilité moyenne",
  highCoverage: "Couverture de la fiabilité haute",
  highPrecision: "Précision de la fiabilité haute",
  noFirearmFlaggedOnNegatives: "« Pas une arme » reconnu sur les photos sans arme",
  noFirearmFlaggedOnWeapons: "Armes prises à tort pour « pas une arme »",
};

export interface Regression {
  metric: string;
  baseline: number;
  candidate: number;
  /** in French, with the figures rounded as on every screen */
  message: string;
}

/**
 * The headline figures on which the candidate is worse than production, judged on the figures as shown
 * (rounded to a tenth of a percent): "90,8 % → 79,9 %" is a regression, 0.9084 → 0.9083 is not.
 */
export function regressionsOf(headline: MetricDelta[]): Regression[] {
  return headline.flatMap((row) => {
    if (row.baseline === null || row.candidate === null) return [];
    const difference = percentTenths(row.candidate) - percentTenths(row.baseline);
    const worse = row.higherIsBetter ? difference < 0 : difference > 0;
    if (!worse) return [];
    const label = HEADLINE_LABELS_FR[row.metric] ?? row.metric;
    const direction = row.higherIsBetter ? "en baisse" : "en hausse";
    return [
      {
        metric: row.metric,
        baseline: row.baseline,
        candidate: row.candidate,
        message: `${label} ${direction} : ${formatPercent(row.baseline)} en production, ${formatPercent(row.candidate)} pour le candidat`,
      },
    ];
  });
}
