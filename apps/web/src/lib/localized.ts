import type { LocalizedText } from "@basegun/domain";

/** Picks the officer's language from a domain text (French is the reference). */
export function pick(text: LocalizedText, locale: string): string {
  return locale === "en" ? text.en : text.fr;
}
