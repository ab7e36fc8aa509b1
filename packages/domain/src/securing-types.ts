import type { RevolverMechanism } from "./answers.ts";
import type { LocalizedText } from "./text.ts";
import type { TypologyKey } from "./typologies.ts";

export const text = (fr: string, en: string): LocalizedText => ({ fr, en });

/** One mechanism variant of a typology: the officer recognises it, then follows its numbered steps. */
export interface SecuringVariant {
  key: string;
  /** Short option label shown next to its photo ("Bouton à côté du pontet"). */
  option: LocalizedText;
  /** How to recognise it on the weapon. */
  recognise: LocalizedText;
  /** Numbered steps, in order. */
  steps: LocalizedText[];
  /** Warnings shown in red before the steps. */
  warnings: LocalizedText[];
  /** For revolvers: the mechanism this variant tells the category rules. */
  revolverMechanism?: RevolverMechanism;
}

export interface SecuringGuide {
  typology: TypologyKey;
  /** The question that picks a variant; null when there is only one. */
  question: LocalizedText | null;
  variants: SecuringVariant[];
}

export const SAFE_DIRECTION_STEP = text(
  "Dirigez le canon vers une direction sans danger et gardez le doigt hors du pontet pendant toute la manipulation.",
  "Point the muzzle in a safe direction and keep your finger off the trigger guard throughout.",
);
