import { caseAggregationOf, type ModelManifest } from "../manifest.ts";
import type { Rate } from "./test-report.ts";
import { wilsonLowerBound } from "./thresholds.ts";
import type { TrainingMetrics } from "./train-pipeline.ts";

export const CONFUSION_IMAGE = "confusion-test.png";
export const RELIABILITY_IMAGE = "reliability-test.png";

const percent = (value: number | null | undefined, digits = 1) => (value === null || value === undefined ? "n/a" : `${(value * 100).toFixed(digits)} %`);
/** "92.1 % [89.8–94.0] (547/594)": a rate, its 95 % Wilson interval and its counts. */
const withCi = (rate: Rate | null | undefined) =>
  !rate || rate.rate === null || !rate.ci ? "n/a" : `${percent(rate.rate)} [${(rate.ci[0] * 100).toFixed(1)}–${(rate.ci[1] * 100).toFixed(1)}] (${rate.hits}/${rate.n})`;

const CC_BY_ATTRIBUTION =
  'Attribution (CC BY 4.0): this model was trained on the public "Weapon detector" dataset (version 6) published on Roboflow Universe by the University of Texas Rio Grande Valley, and on images of Caltech-101 (L. Fei-Fei, R. Fergus, P. Perona, 2004), both under the Creative Commons Attribution 4.0 licence (https://creativecommons.org/licenses/by/4.0/). The photos are not redistributed with the model.';

/** MODEL_CARD.md: what the model was trained on, how it was measured, and what it cannot do. */
export function renderModelCard(manifest: ModelManifest, metrics: TrainingMetrics, reproduceFineTune?: { command: string; backbonePath: string; foldBackbones?: string[] }): string {
  const { test, validation } = metrics;
  const revolverValidation = metrics.counts.weapons.revolver?.validation ?? 0;
  const lines: string[] = [];
  const add = (...more: string[]) => lines.push(...more);
  add(`# Model card: ${manifest.version}`, "");
  add(
    `Bootstrap identification model of Basegun: ${manifest.backbone.bundled ? `a MobileNetV2 backbone fine-tuned on the labelled photos (\`${manifest.backbone.id}\`, shipped in this directory as \`${manifest.backbone.fileName}\`, sha256` : `a frozen MobileNetV2 backbone (\`${manifest.backbone.id}\`, converted to ONNX, sha256`} \`${manifest.backbone.sha256.slice(0, 16)}…\`) and a linear head over ${manifest.backbone.featureDim} pooled features (${manifest.backbone.layers.map((layer) => `${layer.name} ${layer.dim}`).join(" + ")}), mirror test-time augmentation ${manifest.preprocessing.mirrorTTA ? "on" : "off"}, with a separate linear "no firearm" gate.`,
    "",
    manifest.backbone.bundled
      ? `Reproduce: \`${reproduceFineTune?.command ?? `pnpm model:finetune --seed ${metrics.seed}`}\` (the backbone; its log is \`finetune-log.json\`), then \`pnpm model:train --version ${manifest.version} --seed ${metrics.seed} --fine-tuned-backbone ${reproduceFineTune?.backbonePath ?? `.cache/ml/finetune/seed-${metrics.seed}/backbone.onnx`}${(reproduceFineTune?.foldBackbones ?? []).map((fold) => ` --cross-fit-backbone ${fold}`).join("")}\` (the head: deterministic given the backbone${reproduceFineTune?.foldBackbones ? "s" : ""}).`
      : `Reproduce: \`pnpm model:train --version ${manifest.version} --seed ${metrics.seed}${manifest.preprocessing.pipeline === 4 ? "" : ` --pipeline ${manifest.preprocessing.pipeline}`}\` (deterministic: same data, same metrics; only \`createdAt\` changes).`,
    "",
    `Preprocessing pipeline ${manifest.preprocessing.pipeline}: ${manifest.preprocessing.fit === "fill" ? "the whole photo stretched to 224 × 224 (no trim, no letterbox: no band or border that differs between sources)" : "border trim, then letterbox on white to 224 × 224"}.`,
    "",
  );
  add("## Intended use", "");
  add(
    "First triage of photos of seized firearms: handgun versus long gun, a ranked list of typologies for the expert, and a flag for photos that show no firearm. Every answer is advisory; an expert confirms anything below the high tier. It is a starting point to be replaced by models trained on expert-labelled field photos collected by the platform.",
    "",
  );

  add("## Training data", "");
  add("| dataset | licence | photos used | attribution |", "|---|---|---|---|");
  for (const dataset of manifest.training.datasets) add(`| ${dataset.name} | ${dataset.licence} | ${dataset.images} | ${dataset.attribution} |`);
  add("", CC_BY_ATTRIBUTION, "");
  add("Counts per label and split (after dropping multi-weapon scenes and duplicate files):", "");
  add("| label | train | validation | test |", "|---|---|---|---|");
  for (const [label, row] of Object.entries({ ...metrics.counts.weapons, ...metrics.counts.noFirearm })) add(`| ${label} | ${row.train ?? 0} | ${row.validation ?? 0} | ${row.test ?? 0} |`);
  add(
    "",
    `Splits: weapons-coarse by \`group\` (augmented copies of one picture stay in one split), 70/15/15; caltech101-revolver 50/25/25 and caltech101-negatives 60/20/20 by file; extra sources 60/20/20 by \`group\` (or file); assignment by a salted hash (seed ${manifest.training.seed}). Validation chose L2 (${manifest.training.l2}, gate ${manifest.training.gateL2}), the temperature and every threshold; the test split was evaluated once, at the end of the run that wrote this version.`,
    "",
  );

  if (validation.crossFit) {
    const folds = validation.crossFit.folds;
    add("## Cross-fitting: where \"validation\" comes from", "");
    add(
      `Train and validation photos were cut into ${folds.length} folds by the split hash (the test split is unchanged). For each fold, a backbone fine-tuned without it and a head trained without it scored it; the pooled out-of-fold scores (${folds.reduce((total, fold) => total + fold.heldOutPhotos, 0)} photos, every train and validation photo once) chose L2 (mean NLL over the folds) and fitted the prior correction, the temperature, every tier threshold and the no-firearm threshold. In this card, "validation" means those pooled out-of-fold scores; the served backbone and head trained on every fold with the same recipe.`,
      "",
    );
    add("| fold | train photos | held-out photos | L2 (typology, gate) | its own temperature | held-out typology top-1 | typology ECE | family top-1 |", "|---|---|---|---|---|---|---|---|");
    for (const fold of folds) {
      add(`| ${fold.fold} | ${fold.trainPhotos} | ${fold.heldOutPhotos} | ${fold.l2}, ${fold.gateL2} | ${fold.temperature.toFixed(3)} | ${percent(fold.typologyTop1)} | ${fold.typologyEce === null ? "n/a" : fold.typologyEce.toFixed(4)} | ${percent(fold.familyAccuracy)} |`);
    }
    add("", `Counts per split below: "train" holds every fold (the served model trained on all of them). Pooled: temperature ${manifest.calibration.temperature.toFixed(3)}; mean held-out NLL per typology L2: ${validation.crossFit.l2Scores.map((score) => `${score.l2} → ${score.nll.toFixed(4)}`).join(", ")}.`, "");
  }

  if (validation.cases) {
    const { linear, logarithmic } = validation.cases;
    const served = caseAggregationOf(manifest);
    add("## Cases of several photos: how their probabilities pool", "");
    add(
      `An officer's case holds several photos; the served model pools their calibrated probabilities, each photo weighted by how much it looks like a firearm. The ${validation.crossFit ? "out-of-fold" : "validation"} photos grouped as \`model:eval\` groups the test split (one case per picture group and label): ${linear.cases} cases, ${linear.multiPhotoCases} of two photos or more, ${linear.photosPerCase} photos per case. In brackets, the ECE a perfectly calibrated model would read with the same confidences on as many cases (ECE is biased upwards on small samples). The pooling with the lower per-case NLL is served (\`chooseCaseAggregation\`, "linear" when fewer than 30 cases hold several photos): **${served}**.`,
      "",
    );
    add("| pooling | per-case typology top-1 | per-case typology ECE (a calibrated model's) | per-case family top-1 | per-case family ECE (a calibrated model's) | per-case NLL |", "|---|---|---|---|---|---|");
    for (const [name, report] of [["linear (weighted mean)", linear], ["logarithmic (weighted geometric mean)", logarithmic]] as const) {
      add(`| ${name} | ${percent(report.typologyTop1)} (${report.fullLabelledCases} cases) | ${report.typologyEce === null ? "n/a" : `${report.typologyEce.toFixed(4)} (${report.typologyEceIfCalibrated?.toFixed(4) ?? "n/a"})`} | ${percent(report.familyAccuracy)} | ${report.familyEce.toFixed(4)} (${report.familyEceIfCalibrated.toFixed(4)}) | ${report.nll.toFixed(4)} |`);
    }
    add("");
  }

  add("## How labels were used", "");
  if (validation.typology) {
    add(
      `- weapons-coarse photos take their label from \`typology-labels.csv\` (labelled by the team following \`LABELLING.md\`): the typology where one is given (a full label; \`likely\` labels weigh 0.95, the agreement measured on the pictures labelled twice), the coarse folder's set where \`unsure\`; \`multiple\` and \`none\` pictures are dropped. Caltech revolvers and extra sources carry full labels.`,
    );
  }
  add(
    "- The coarse labels are sets of typologies (domain `COARSE_LABEL_TYPOLOGIES`): HandGun = 4 handgun typologies, Rifle = 6 long-gun typologies, ShotGun = 3, SMG = `semi_auto_style_militaire_autre`; Caltech revolvers are labelled `revolver`; extra sources carry full typology labels.",
    "- The head maximises the probability of the label set, plus a KL term to a uniform split inside the set. Without it the maximum-likelihood solution puts every Rifle photo on the typology it shares with SMG photos. Consequence: **within a family, typology probabilities are mostly a prior**, moved only by the few narrower labels (revolver, SMG).",
    "- Classes are balanced by source label inside each family (inverse frequency, capped at 5x), then the two families against each other.",
    "",
  );

  if (validation.typology && test.typology) {
    add("## Typologies: photos with a full label", "");
    add(
      `Top-1 / top-3 typology against the full label (photos whose label is a coarse set are left out), calibrated probabilities, 95 % Wilson intervals. Validation (selection split): top-1 ${withCi(validation.typology.top1)}, top-3 ${withCi(validation.typology.top3)}, typology ECE ${validation.typology.ece}. **Test: top-1 ${withCi(test.typology.top1)}, top-3 ${withCi(test.typology.top3)}, typology ECE ${test.typology.ece}** (15 bins, per photo).`,
      "",
    );
    add("| typology | validation: n, top-1 | test: n | test top-1 (recall) | test precision (full-labelled photos predicted as it) |", "|---|---|---|---|---|");
    const keys = [...new Set([...Object.keys(validation.typology.perTypology), ...Object.keys(test.typology.perTypology)])] as (keyof typeof test.typology.perTypology)[];
    for (const key of manifest.labels.filter((label) => keys.includes(label))) {
      const v = validation.typology.perTypology[key];
      const t = test.typology.perTypology[key];
      add(`| ${key} | ${v ? `${v.support}, ${withCi(v.top1)}` : "0"} | ${t?.support ?? 0} | ${withCi(t?.top1)} | ${withCi(t?.precision)} |`);
    }
    add("");
  }
  add("## Test results (held-out split)", "");
  add(`Intervals are two-sided 95 % Wilson intervals. Weapon photos: ${test.n}.`, "");
  add(`- Family (handgun / long gun) top-1: **${withCi(test.familyTop1)}**.`);
  add(`- Top-1 typology inside the photo's label set: ${withCi(test.labelSetTop1)}.`);
  add(`- Calibration (family confidence, 15-bin ECE): ${test.ece.before.toFixed(4)} before, ${test.ece.after.toFixed(4)} after temperature scaling (T = ${manifest.calibration.temperature.toFixed(3)}; validation: ${validation.ece.before} → ${validation.ece.after}).`, "");
  add("| label | n | family top-1 | typology in label set | exact typology (full labels only) | predicted handgun / long gun |", "|---|---|---|---|---|---|");
  for (const [label, row] of Object.entries(test.perClass)) add(`| ${label} | ${row.n} | ${withCi(row.familyTop1)} | ${withCi(row.labelSetTop1)} | ${withCi(row.strictTypologyTop1)} | ${row.predictedFamily.handgun} / ${row.predictedFamily.long_gun} |`);
  add("", `![Confusion matrix on the test split](${CONFUSION_IMAGE})`, "", `![Reliability diagram of the family confidence on the test split](${RELIABILITY_IMAGE})`, "");

  add("### What an officer sees: platform tiers", "");
  add(
    "Each test photo as a one-photo case through the platform's policy (domain `assessPrediction` with this manifest's per-typology thresholds, `trainedTypologies` and no-firearm threshold, as the inference worker calls it). A typology outside `trainedTypologies` is always low (\"Typologie non déterminée\", top three shown to the expert). Strict precision counts a coarse-labelled photo as wrong (lower bound); \"in label set\" counts it as right (upper bound).",
    "",
  );
  add("| tier | share of test weapon photos | typology strictly right | typology in label set | family right |", "|---|---|---|---|---|");
  for (const tier of ["high", "medium", "low"] as const) {
    const row = test.platformTiers[tier];
    add(`| ${tier} | ${percent(row.share)} (${row.count}) | ${withCi(row.strictTypology)} | ${withCi(row.typologyInLabelSet)} | ${withCi(row.family)} |`);
  }
  add("");

  add("### Typology level: which typologies may leave the low tier", "");
  if (manifest.trainedTypologies.length === 0) {
    add("**No typology is trained** (`trainedTypologies` is empty): none met the rule below on validation, so the platform shows every typology at the low tier, as before, and says so.", "");
  } else {
    add(`**Trained typologies: ${manifest.trainedTypologies.join(", ")}.** Every other typology stays low.`, "");
  }
  add(
    "Rule: among validation photos whose top-1 is the typology, those at or above a threshold must carry exactly that label often enough: one-sided 95 % Wilson lower bound ≥ 90 % (medium) or ≥ 98 % (high), at least 20 photos. Photos whose coarse label merely allows the typology (a HandGun photo predicted revolver) cannot be checked and count as wrong.",
    "",
  );
  add("| typology (full labels) | validation top-1 | exactly labelled | undecidable | best cut: threshold, photos | strict precision | lower bound (strict) | lower bound if undecidable were right | medium | high |", "|---|---|---|---|---|---|---|---|---|---|");
  for (const [typology, report] of Object.entries(validation.typologyThresholds)) {
    if (!report) continue;
    const cut = report.bestCut;
    add(
      `| ${typology} | ${report.predictedTop1} | ${report.strictlyCorrect} | ${report.undecidable} | ${cut ? `≥ ${cut.threshold.toFixed(3)}, ${cut.support} (${cut.strictlyCorrect} exact, ${cut.undecidable} undecidable)` : "n/a"} | ${cut ? percent(cut.strictlyCorrect / cut.support) : "n/a"} | ${cut ? percent(cut.strictLowerBound) : "n/a"} | ${cut ? percent(cut.optimisticLowerBound) : "n/a"} | ${report.medium.reached ? `≥ ${report.medium.threshold.toFixed(3)}` : "not reached"} | ${report.high.reached ? `≥ ${report.high.threshold.toFixed(3)}` : "not reached"} |`,
    );
  }
  add("");

  add("### Family tiers (manifest.thresholds)", "");
  add(
    `On the calibrated family confidence: medium ≥ ${manifest.thresholds.medium.toFixed(4)}, high ${manifest.thresholds.high >= 1 ? "never (no threshold reached 98 % on validation)" : `≥ ${manifest.thresholds.high.toFixed(4)}`}, same rule as above on the family. The platform does not display a family tier today; these thresholds are the fallback the worker passes for a top typology without its own.`,
    "",
  );
  add("| family tier | share of test photos | family right |", "|---|---|---|");
  for (const tier of ["high", "medium", "low"] as const) add(`| ${tier} | ${percent(test.familyTiers[tier].share)} | ${withCi(test.familyTiers[tier].precision)} |`);
  add("");

  add("### No-firearm gate", "");
  const gate = validation.gateThreshold;
  add(
    `Threshold ${test.noFirearm.threshold} (a photo is called "no firearm" above it). Chosen on validation, per weapon source, as the larger of the empirical bound (at most 2 % of the source's photos rejected) and a one-sided normal tolerance bound on the gate logits (with 90 % confidence, 98 % of the source's photos below it); the strictest source decides: **${gate.decidedBy}**. Test ROC AUC ${test.noFirearm.auc}.`,
    "",
  );
  add("| source (validation) | photos | empirical bound | tolerance bound |", "|---|---|---|---|");
  for (const source of gate.perSource) add(`| ${source.source} | ${source.n} | ${source.empirical.toFixed(4)} | ${source.tolerance.toFixed(4)} |`);
  add("", "| test photos | called no firearm |", "|---|---|");
  for (const [source, row] of Object.entries(test.noFirearm.weaponRejection)) add(`| weapons from ${source} (budget 2 %) | ${withCi(row)} |`);
  add(`| no-firearm photos (caltech101-negatives) | ${withCi(test.noFirearm.noFirearmDetection)} |`, "");
  const overBudget = Object.entries(test.noFirearm.weaponRejection).filter(([, row]) => (row.rate ?? 0) > manifest.noFirearm.maxWeaponRejectionRate);
  if (overBudget.length) add(`**Over budget on test:** ${overBudget.map(([source, row]) => `${source} ${row.hits}/${row.n}`).join(", ")}. The threshold was not moved after seeing the test split.`, "");

  if (manifest.training.notes.length) {
    add("## Notes", "");
    for (const note of manifest.training.notes) add(`- ${note}`);
    add("");
  }
  add("## Limits", "");
  add(
    "- Web product photos (often stretched to 360 × 360, some grayscale) are not field photos. Earlier measurements on real photos with this backbone: handgun versus long gun about 88 %, twelve typologies 25–50 %. Expect lower figures than the test above in the field, and over-confidence: the temperature was fitted on web photos.",
    ...(validation.typology ? typologyLimits(manifest, metrics) : coarseLabelLimits(revolverValidation)),
    "- The no-firearm gate learnt Caltech-style everyday objects against web gun photos; it partly learns photo style (Caltech revolvers score high). Keeping every weapon source under 2 % costs detection of no-firearm photos. Re-set the threshold on real field gun photos once the platform has them.",
    "- Replicas, airsoft and alarm guns look like firearms and are not distinguished.",
    "",
  );
  return `${lines.join("\n")}\n`;
}

/** Limits of a model trained on typology labels: which typologies the evidence left at the low tier, and why. */
function typologyLimits(manifest: ModelManifest, metrics: TrainingMetrics): string[] {
  const heldOut = metrics.validation.crossFit ? "out-of-fold" : "validation";
  const left = Object.entries(metrics.validation.typologyThresholds)
    .filter(([typology]) => !manifest.trainedTypologies.includes(typology as (typeof manifest.trainedTypologies)[number]))
    .map(([typology, report]) => `\`${typology}\` (${report.strictlyCorrect} right of ${report.predictedTop1} predicted)`);
  return [
    `- Typologies left at the low tier by the rule (${heldOut} photos predicted as them and exactly labelled so): ${left.length > 0 ? left.join(", ") : "none"}; antique mechanisms and the typologies without full labels have no direct training example. Inside a coarse label (HandGun, Rifle, ShotGun) the split between typologies is a prior, not a measurement.`,
    "- A typology is checked only against full labels: a photo whose coarse label merely allows it (a ShotGun photo predicted pump-action) counts as wrong, so the tier rule is a lower bound. SMG photos stand for `semi_auto_style_militaire_autre`, and Rifle photos of AR/AK type legitimately share it. Expert-labelled field photos (`pnpm model:train --source <csv>`) are the way to open the others.",
  ];
}

/** Limits of a model trained on coarse labels only (up to 2026.11.25-3). */
function coarseLabelLimits(revolverValidation: number): string[] {
  return [
    "- Within-family typology probabilities are a prior, not a measurement. Long-gun subtypes (bolt, lever, pump, break-action, semi-automatic) are not separated by this model; antique mechanisms, `autre_pistolet`, `epaule_semi_auto_style_militaire_milieu_20e` have no direct training example.",
    `- The only full revolver labels are Caltech catalogue photos (${revolverValidation} in validation): a one-sided lower bound ≥ 90 % (medium) needs at least 25 photos even when every one is right (${revolverValidation} right out of ${revolverValidation} gives ${percent(wilsonLowerBound(revolverValidation, revolverValidation))}), and HandGun photos predicted revolver cannot be checked. SMG photos stand for \`semi_auto_style_militaire_autre\`, but Rifle photos of AR/AK type legitimately share that typology and cannot be checked either. Expert-labelled field photos (\`pnpm model:train --source <csv>\`) are the way out.`,
  ];
}
