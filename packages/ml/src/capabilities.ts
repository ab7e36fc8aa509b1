/**
 * What a model version can answer, read from its manifest: whether it can ever say "pas une arme" (its
 * no-firearm threshold is reachable by a sigmoid score) and which typologies it may name above the low
 * tier. A candidate must keep what production can do, or say that it does not (see lostCapabilities).
 */
export interface ModelCapabilities {
  /** a no-firearm score can exceed the threshold: the model can answer "pas une arme" */
  noFirearm: boolean;
  noFirearmThreshold: number | null;
  /** typologies the model may name (medium or high tier) */
  trainedTypologies: string[];
}

/** Above this, no photo's no-firearm score (a sigmoid, < 1) will ever pass it in practice. */
export const UNREACHABLE_NO_FIREARM_THRESHOLD = 0.9999;

export function capabilitiesOf(manifest: unknown): ModelCapabilities {
  const m = (manifest ?? {}) as { noFirearm?: { threshold?: unknown }; trainedTypologies?: unknown };
  const threshold = typeof m.noFirearm?.threshold === "number" && Number.isFinite(m.noFirearm.threshold) ? m.noFirearm.threshold : null;
  return {
    noFirearm: threshold !== null && threshold < UNREACHABLE_NO_FIREARM_THRESHOLD,
    noFirearmThreshold: threshold,
    trainedTypologies: Array.isArray(m.trainedTypologies) ? m.trainedTypologies.filter((key): key is string => typeof key === "string") : [],
  };
}

export interface LostCapabilities {
  /** production can answer "pas une arme", the candidate never can: refused (training fails, promotion is blocked) */
  noFirearm: boolean;
  /** typologies production names and the candidate does not (shown; a promotion needs a reason) */
  typologies: string[];
}

export function lostCapabilities(production: ModelCapabilities, candidate: ModelCapabilities): LostCapabilities {
  return {
    noFirearm: production.noFirearm && !candidate.noFirearm,
    typologies: production.trainedTypologies.filter((key) => !candidate.trainedTypologies.includes(key)),
  };
}

/** The refusal, in French, for a candidate that cannot answer "pas une arme" where production can. */
export function noFirearmLossMessage(candidate: ModelCapabilities, noFirearmPhotos: number | null): string {
  const threshold = candidate.noFirearmThreshold === null ? "absent" : candidate.noFirearmThreshold.toFixed(4).replace(".", ",");
  const cause = noFirearmPhotos === 0 ? " : la version du jeu de données ne contient aucune photo sans arme" : "";
  return `Le modèle candidat ne pourrait jamais répondre « pas une arme » (seuil ${threshold})${cause}, alors que la production sait le faire. Ajoutez des photos sans arme au jeu de données, figez une nouvelle version et relancez l'entraînement.`;
}
