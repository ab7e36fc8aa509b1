import { securingGuidanceFor, TYPOLOGIES, type TypologyKey } from "@basegun/domain";
import { pick } from "./localized";

export interface LocalizedVariant {
  key: string;
  option: string;
  recognise: string;
  warnings: string[];
  steps: string[];
}

export interface LocalizedSecuring {
  typology: TypologyKey;
  typologyLabel: string;
  question: string | null;
  variants: LocalizedVariant[];
  /** Set when there is no guide for this typology (call an expert). */
  noGuideMessage: string | null;
}

/** One typology's securing guide in one language: plain strings, cheap to send to the browser. */
export function localizedSecuring(typology: TypologyKey, locale: string): LocalizedSecuring {
  const guidance = securingGuidanceFor(typology);
  return {
    typology,
    typologyLabel: pick(TYPOLOGIES[typology].label, locale),
    question: guidance.guide?.question ? pick(guidance.guide.question, locale) : null,
    variants: (guidance.guide?.variants ?? []).map((variant) => ({
      key: variant.key,
      option: pick(variant.option, locale),
      recognise: pick(variant.recognise, locale),
      warnings: variant.warnings.map((warning) => pick(warning, locale)),
      steps: variant.steps.map((step) => pick(step, locale)),
    })),
    noGuideMessage: guidance.message ? pick(guidance.message, locale) : null,
  };
}
