import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { trainingParametersSchema } from "@basegun/api";
import { capabilitiesOf, lostCapabilities, noFirearmLossMessage } from "@basegun/ml/capabilities";
import type { TrainingRunModel as TrainingRun } from "@basegun/db";
import type { RunContext } from "../run-context.ts";
import { loadFrozenImages } from "../steps/dataset-images.ts";
import { evaluateModelOnDataset } from "../steps/evaluate-model.ts";
import { resolveBaseBackbone } from "../steps/base-backbone.ts";
import { computeFeatures } from "../steps/features.ts";
import { registerCandidate } from "../steps/register.ts";
import { toSamples, trainAndWrite } from "../steps/train-head-step.ts";
import { nextVersionName } from "../steps/version-name.ts";
import type { TrainingWorkerDeps } from "./worker-deps.ts";

/**
 * snapshot → features → head → evaluation on the frozen test split → models/<version>/ → candidate.
 * Restartable: the version name is reserved on the run, a half-written folder of that name is this
 * run's own and is rewritten, and a version already registered by an earlier attempt ends the run.
 */
export async function runTraining(deps: TrainingWorkerDeps, ctx: RunContext, run: TrainingRun) {
  if (!run.datasetVersionId) throw new Error("training run without a dataset version");
  const dataset = await deps.db.datasetVersion.findUniqueOrThrow({ where: { id: run.datasetVersionId }, select: { id: true, number: true } });
  const parameters = trainingParametersSchema.parse(run.parameters ?? {});
  const version = run.plannedVersion ?? (await nextVersionName(deps.db, deps.modelsDir));
  if (!run.plannedVersion) await deps.db.trainingRun.update({ where: { id: run.id }, data: { plannedVersion: version } });
  const registered = await deps.db.modelVersion.findUnique({ where: { version } });
  if (registered) {
    await ctx.log(`le modèle ${version} a été enregistré par une tentative précédente`);
    return { modelVersionId: registered.id, summary: { version, resumed: true } };
  }
  const modelDir = path.join(deps.modelsDir, version);
  if (existsSync(modelDir)) await rm(modelDir, { recursive: true, force: true });

  try {
    await ctx.step("instantané : version figée du jeu de données", 0.02);
    const images = await loadFrozenImages(deps.db, dataset.id);
    const bySplit = (split: string) => images.filter((image) => image.split === split).length;
    await ctx.log(`version ${dataset.number} du jeu de données : ${images.length} photos (entraînement ${bySplit("train")}, validation ${bySplit("validation")}, test ${bySplit("test")}) ; modèle ${version}`);
    // a gate never shown a photo without a weapon cannot be trusted to answer "pas une arme": if production
    // can, stop here (before the features) and say why, rather than register a candidate that drops it
    const production = await deps.db.modelAlias.findUnique({ where: { name: "production" }, include: { modelVersion: { select: { manifest: true } } } });
    const productionCapabilities = production ? capabilitiesOf(production.modelVersion.manifest) : null;
    const noFirearmInTraining = images.filter((image) => image.noFirearm && image.split === "train").length;
    if (productionCapabilities?.noFirearm && noFirearmInTraining === 0) {
      throw new Error(
        `La version ${dataset.number} du jeu de données ne contient aucune photo sans arme dans sa partie d'entraînement : le modèle entraîné ne saurait pas répondre « pas une arme », alors que la production sait le faire. Importez des photos sans arme (dossier « no_firearm »), figez une nouvelle version et relancez l'entraînement.`,
      );
    }

    await ctx.step("caractéristiques : réseau de base (cache par contenu de photo)", 0.05);
    const base = await resolveBaseBackbone(deps);
    await ctx.log(base.bundled ? `réseau de base : ${base.bundled.id}, livré avec le modèle de production ${base.bundled.fromVersion} (chaîne ${base.settings.pipeline})` : `réseau de base : le réseau converti partagé (chaîne ${base.settings.pipeline})`);
    const featuresStarted = performance.now();
    const extracted = await computeFeatures({
      backbonePath: base.path,
      cacheDir: deps.cacheDir,
      settings: base.settings,
      images: images.map((image) => ({ sha256: image.sha256, load: () => deps.store.get(image.imageKey) })),
      onProgress: (done, total) => ctx.progress(0.05 + (0.6 * done) / total),
    });
    const featureSeconds = (performance.now() - featuresStarted) / 1000;
    await ctx.log(`caractéristiques : ${extracted.cached} en cache, ${extracted.computed} calculées, ${extracted.failures.length} illisibles (${featureSeconds.toFixed(1).replace(".", ",")} s)`);
    for (const failure of extracted.failures.slice(0, 20)) await ctx.log(`  illisible ${failure.sha256.slice(0, 12)} : ${failure.reason}`);

    await ctx.step("entraînement : tête de classification (sélection et calibration sur la validation)", 0.68);
    const samples = toSamples(images, extracted.features, true);
    const trained = await trainAndWrite({
      samples,
      images,
      settings: base.settings,
      backboneSha256: extracted.backboneSha256,
      ...(base.bundled ? { bundledBackbone: { id: base.bundled.id, sourcePath: base.path } } : {}),
      parameters,
      version,
      modelDir,
      datasetVersion: dataset,
      log: ctx.logSync,
    });
    await ctx.flush();
    await ctx.log(`tête entraînée en ${trained.seconds.toFixed(1).replace(".", ",")} s ; sources : ${Object.entries(trained.sources).map(([name, n]) => `${name} ${n}`).join(", ")}`);

    // every capability production has, or fail saying why: a candidate that can never answer "pas une
    // arme" would silently drop that answer once promoted (issue: a version without no-firearm photos)
    if (productionCapabilities) {
      const candidateCapabilities = capabilitiesOf(trained.manifest);
      const lost = lostCapabilities(productionCapabilities, candidateCapabilities);
      if (lost.noFirearm) {
        throw new Error(noFirearmLossMessage(candidateCapabilities, noFirearmInTraining));
      }
      if (lost.typologies.length > 0) await ctx.log(`typologies que la production nomme et que ce candidat ne nomme pas : ${lost.typologies.join(", ")}`);
    }

    await ctx.step("évaluation : partie test figée", 0.85);
    const evaluation = await evaluateModelOnDataset(deps, ctx, { modelDir, datasetVersionId: dataset.id, progress: [0.85, 0.95] });

    await ctx.step("enregistrement : version candidate du modèle", 0.96);
    const model = await registerCandidate(deps.db, {
      modelsDir: deps.modelsDir,
      manifest: trained.manifest,
      source: "trained",
      runId: run.id,
      createdById: run.createdById,
      datasetVersionId: dataset.id,
      evaluation: { datasetVersionId: dataset.id, metrics: evaluation.metrics },
    });
    await ctx.log(`candidat ${model.version} enregistré`);
    return {
      modelVersionId: model.id,
      summary: {
        version,
        datasetVersion: dataset.number,
        samples: trained.samples,
        sources: trained.sources,
        features: { cached: extracted.cached, computed: extracted.computed, unreadable: extracted.failures.length, seconds: Number(featureSeconds.toFixed(2)) },
        trainSeconds: Number(trained.seconds.toFixed(2)),
        trainedTypologies: trained.manifest.trainedTypologies,
        test: { top1Accuracy: evaluation.metrics.top1Accuracy, inLabelAccuracy: evaluation.metrics.inLabelAccuracy, ece: evaluation.metrics.calibration.ece },
      },
    };
  } catch (error) {
    // nothing half-written stays under the version name unless it was registered
    if (!(await deps.db.modelVersion.findUnique({ where: { version } }))) await rm(modelDir, { recursive: true, force: true });
    throw error;
  }
}
