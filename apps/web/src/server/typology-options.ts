import { TYPOLOGIES, TYPOLOGY_KEYS, type TypologyKey } from "@basegun/domain";
import type { Locale } from "@/i18n/routing";
import { pick } from "@/lib/localized";

export interface TypologyOption {
  key: TypologyKey;
  label: string;
  family: "handgun" | "long_gun";
}

/** The twelve typologies in the domain's order, labelled in the page's language (for selects). */
export function typologyOptions(locale: Locale): TypologyOption[] {
  return TYPOLOGY_KEYS.map((key) => ({ key, label: pick(TYPOLOGIES[key].label, locale), family: TYPOLOGIES[key].family }));
}
