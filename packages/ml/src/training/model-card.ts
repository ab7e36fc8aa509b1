import type { ModelManifest } from "../manifest.ts";
import type { TrainingMetrics } from "./train-pipeline.ts";

const percent = (value: number | null | undefined, digits = 1) => (value === null || value === undefined ? "n/a" : `${(value * 100).toFixed(digits)} %`);

/** MODEL_CARD.md: what the model was trained on, how it was measured, and what it cannot do. */
export function renderModelCard(manifest: ModelManifest, metrics: TrainingMetrics): string {
  const { test } = metrics;
  const lines: string[] = [];
  lines.push(`# Model card: ${manifest.version}`, "");
  lines.push(
    `Bootstrap identification model of Basegun: a frozen MobileNetV2 backbone (\`${manifest.backbone.id}\`, converted to ONNX, sha256 \`${manifest.backbone.sha256.slice(0, 16)}…\`) and a linear head over ${manifest.backbone.featureDim} pooled features (${manifest.backbone.layers.map((layer) => `${layer.name} ${layer.dim}`).join(" + ")}), with a separate linear "no firearm" gate. Created ${manifest.createdAt}.`,
    "",
  );
  lines.push("## Intended use", "");
  lines.push(
    "First triage of photos of seized firearms: handgun versus long gun, a ranked list of typologies for the expert, and a flag for photos that show no firearm. Every answer is advisory; an expert confirms anything below the high tier. It is a starting point to be replaced by models trained on expert-labelled field photos collected by the platform.",
    "",
  );
  lines.push("## Training data", "");
  lines.push("| dataset | licence | photos used | attribution |", "|---|---|---|---|");
  for (const dataset of manifest.training.datasets) lines.push(`| ${dataset.name} | ${dataset.licence} | ${dataset.images} | ${dataset.attribution} |`);
  lines.push("");
  lines.push(
    "Attribution (CC BY 4.0): this model was trained on the public \"Weapon detector\" dataset (version 6) published on Roboflow Universe by the University of Texas Rio Grande Valley, and on images of Caltech-101 (L. Fei-Fei, R. Fergus, P. Perona, 2004), both under the Creative Commons Attribution 4.0 licence (https://creativecommons.org/licenses/by/4.0/). The photos are not redistributed with the model.",
    "",
  );
  lines.push("Counts per label and split (after dropping multi-weapon scenes and duplicate files):", "");
  lines.push("| label | train | validation | test |", "|---|---|---|---|");
  for (const [label, row] of Object.entries({ ...metrics.counts.weapons, ...metrics.counts.noFirearm })) lines.push(`| ${label} | ${row.train ?? 0} | ${row.validation ?? 0} | ${row.test ?? 0} |`);
  lines.push("");
  lines.push(
    `Splits: weapons-coarse by \`group\` (augmented copies of one picture stay in one split), 70/15/15; caltech101-revolver 50/25/25 and caltech101-negatives 60/20/20 by file; assignment by a salted hash (seed ${manifest.training.seed}). Validation chose L2 (${manifest.training.l2}, gate ${manifest.training.gateL2}), the temperature and every threshold; the test split served only to report the figures below (see Notes for how often it was looked at).`,
    "",
  );
  lines.push("## How labels were used", "");
  lines.push(
    "- The coarse labels are sets of typologies (domain `COARSE_LABEL_TYPOLOGIES`): HandGun = 4 handgun typologies, Rifle = 6 long-gun typologies, ShotGun = 3, SMG = `semi_auto_style_militaire_autre`; Caltech revolvers are labelled `revolver`.",
    "- The head maximises the probability of the label set, plus a KL term to a uniform split inside the set. Without it the maximum-likelihood solution puts every Rifle photo on the typology it shares with SMG photos. Consequence: **within a family, typology probabilities are mostly a prior**, moved only by the few narrower labels (revolver, SMG).",
    "- Classes are balanced by source label inside each family (inverse frequency, capped at 5x), then the two families against each other.",
    "",
  );
  lines.push("## Test results (held-out split)", "");
  lines.push(`- Weapon photos: ${test.n}. Family (handgun / long gun) top-1: **${percent(test.familyTop1)}**. Top-1 typology inside the photo's label set: ${percent(test.labelSetTop1)}.`);
  lines.push(`- Calibration (family level, 15-bin ECE): ${test.ece.before.toFixed(4)} before, ${test.ece.after.toFixed(4)} after temperature scaling (T = ${manifest.calibration.temperature.toFixed(3)}).`);
  lines.push("");
  lines.push("| label | n | family top-1 | typology in label set | exact typology | predicted handgun / long gun |", "|---|---|---|---|---|---|");
  for (const [label, row] of Object.entries(test.perClass)) lines.push(`| ${label} | ${row.n} | ${percent(row.familyTop1)} | ${percent(row.labelSetTop1)} | ${percent(row.strictTypologyTop1)} | ${row.predictedFamily.handgun} / ${row.predictedFamily.long_gun} |`);
  lines.push("");
  lines.push("### Confidence tiers", "");
  lines.push(
    `Thresholds are on the calibrated **family** confidence, the only level the coarse labels can verify: medium ≥ ${manifest.thresholds.medium.toFixed(4)}, high ${manifest.thresholds.high >= 1 ? "never (no threshold reached the target on validation)" : `≥ ${manifest.thresholds.high.toFixed(4)}`}, chosen on validation as the lowest thresholds whose precision has a one-sided 95 % Wilson lower bound ≥ ${percent(manifest.thresholds.targetPrecision.medium, 0)} (medium) and ≥ ${percent(manifest.thresholds.targetPrecision.high, 0)} (high).`,
    "",
  );
  lines.push("| tier (family) | share of test photos | precision on test |", "|---|---|---|");
  lines.push(`| high | ${percent(test.tiers.high.share)} | ${percent(test.tiers.high.precision)} |`);
  lines.push(`| medium | ${percent(test.tiers.medium.share)} | ${percent(test.tiers.medium.precision)} |`);
  lines.push(`| low | ${percent(test.tiers.low.share)} | ${percent(test.tiers.low.precision)} |`);
  lines.push("");
  if (manifest.trainedTypologies.length === 0) {
    lines.push(
      "**Typology level: no typology is \"trained\"** (`trainedTypologies` is empty). A typology can reach medium or high only if, on validation, the photos predicted as that typology carried exactly that label often enough (lower bound ≥ the target precision); none did. The platform must therefore show every typology as low confidence (top three for the expert) and may show the family tier.",
      "",
    );
  } else {
    lines.push(`Typologies with typology-level tiers (strict precision: only photos whose label is exactly the typology count as correct): ${manifest.trainedTypologies.join(", ")}.`, "");
    lines.push("| typology | predicted top-1 on test | high share / precision | medium share / precision |", "|---|---|---|---|");
    for (const [typology, row] of Object.entries(test.typologyTiers)) lines.push(`| ${typology} | ${row?.predictedTop1} | ${percent(row?.high.share)} / ${percent(row?.high.precision)} | ${percent(row?.medium.share)} / ${percent(row?.medium.precision)} |`);
    lines.push("", "Every other typology stays low confidence.", "");
  }
  lines.push("### No-firearm gate", "");
  lines.push(
    `Threshold ${test.noFirearm.threshold} (photo called "no firearm" above it), chosen on validation so that at most ${percent(manifest.noFirearm.maxWeaponRejectionRate / 2, 0)} of each weapon source's validation photos are rejected (half the ${percent(manifest.noFirearm.maxWeaponRejectionRate, 0)} budget, as a margin). Test: ROC AUC ${test.noFirearm.auc}.`,
    "",
  );
  lines.push("| test photos | n | called no firearm |", "|---|---|---|");
  for (const [source, row] of Object.entries(test.noFirearm.weaponRejectionRate)) lines.push(`| weapons from ${source} | ${row.n} | ${percent(row.rate)} |`);
  lines.push(`| caltech101-negatives (no firearm) | ${test.noFirearm.noFirearmDetectionRate.n} | ${percent(test.noFirearm.noFirearmDetectionRate.rate)} |`);
  lines.push("");
  const overBudget = Object.entries(test.noFirearm.weaponRejectionRate).filter(([, row]) => row.rate > manifest.noFirearm.maxWeaponRejectionRate);
  if (overBudget.length) {
    lines.push(
      `**Over budget on test:** ${overBudget.map(([source, row]) => `${source} ${percent(row.rate)} of ${row.n} (${Math.round(row.rate * row.n)} photo${Math.round(row.rate * row.n) === 1 ? "" : "s"})`).join(", ")} against the ${percent(manifest.noFirearm.maxWeaponRejectionRate, 0)} budget. With so few photos a 2 % rate cannot be established either way; the threshold was not moved after seeing the test split.`,
      "",
    );
  }
  if (manifest.training.notes.length) {
    lines.push("## Notes", "");
    for (const note of manifest.training.notes) lines.push(`- ${note}`);
    lines.push("");
  }
  lines.push("## Limits", "");
  lines.push(
    "- Web product photos (often stretched to 360 × 360, some grayscale) are not field photos. Earlier measurements on real photos with this backbone: handgun versus long gun about 88 %, twelve typologies 25–50 %. Expect lower figures than the test above in the field, and over-confidence: the temperature was fitted on web photos.",
    "- Within-family typology probabilities are a prior, not a measurement. Long-gun subtypes (bolt, lever, pump, break-action, semi-automatic) are not separated by this model; antique mechanisms, `autre_pistolet`, `epaule_semi_auto_style_militaire_milieu_20e` have no direct training example.",
    "- The no-firearm gate learnt Caltech-style everyday objects against web gun photos; it partly learns photo style. Its threshold must be re-set on real field gun photos once the platform has them.",
    "- Replicas, airsoft and alarm guns look like firearms and are not distinguished.",
    "- Retrain as soon as expert-labelled field photos arrive (even a few per typology help more than any web data).",
    "",
  );
  return `${lines.join("\n")}\n`;
}
