import type { LocalizedText } from "./text.ts";

export type Tier = "low" | "medium" | "high";

/** Mandatory on every result: the tool gives intelligence, not evidence. */
export const INTELLIGENCE_VALUE_NOTICE: LocalizedText = {
  fr: "Ce résultat n'a qu'une valeur de renseignement. Il doit être confirmé par un examen scientifique ou technique prévu par le code de procédure pénale.",
  en: "This result has intelligence value only (\"valeur de renseignement\"). It must be confirmed by a scientific or technical examination under the code of criminal procedure.",
};

export const NO_FIREARM_MESSAGE: LocalizedText = {
  fr: "Aucune arme détectée, reprenez la photo",
  en: "No weapon detected, take the photo again",
};

export const NO_FIREARM_ADVICE: LocalizedText = {
  fr: "Photographiez une seule arme, entière et centrée, canon vers la droite.",
  en: "Photograph a single weapon, whole and centred, barrel pointing right.",
};

export interface TierMessage {
  /** The reliability tag ("Indice de fiabilité …"); null when there is no prediction to rate. */
  tag: LocalizedText | null;
  /** Main message when the typology is not given ("Typologie non déterminée"). */
  message: LocalizedText | null;
  advice: LocalizedText | null;
}

/** Whole percent shown to the officer, floored as the prototype does (never rounds 0.979 up to 98 %). */
export function confidencePercent(confidence: number): number {
  // The epsilon absorbs binary representation (0.29 * 100 = 28.999…).
  return Math.floor(confidence * 100 + 1e-9);
}

export function tierMessage(tier: Tier, confidence: number): TierMessage {
  const percent = confidencePercent(confidence);
  const reliability: LocalizedText = { fr: `Indice de fiabilité : ${percent} %`, en: `Reliability index: ${percent}%` };
  switch (tier) {
    case "low":
      return {
        tag: { fr: "Indice de fiabilité insuffisant", en: "Insufficient reliability index" },
        message: { fr: "Typologie non déterminée", en: "Typology not determined" },
        advice: {
          fr: "Nous vous conseillons de faire appel à un expert pour identifier cette arme.",
          en: "We advise you to call an expert to identify this weapon.",
        },
      };
    case "medium":
      return {
        tag: reliability,
        message: null,
        advice: {
          fr: "Nous vous conseillons de faire appel à un expert pour confirmer cette réponse.",
          en: "We advise you to call an expert to confirm this answer.",
        },
      };
    case "high":
      return { tag: reliability, message: null, advice: null };
  }
}

export const NO_FIREARM_TIER_MESSAGE: TierMessage = {
  tag: null,
  message: NO_FIREARM_MESSAGE,
  advice: NO_FIREARM_ADVICE,
};
