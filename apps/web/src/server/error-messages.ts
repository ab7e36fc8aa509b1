import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import type { Locale } from "@/i18n/routing";

type ErrorKey = keyof typeof fr.errors;
const ERRORS: Record<Locale, Record<ErrorKey, string>> = { fr: fr.errors, en: en.errors };

export function isErrorKey(key: unknown): key is ErrorKey {
  return typeof key === "string" && Object.hasOwn(fr.errors, key);
}

/** The officer-facing text for an error key (French unless English was asked for); generic when unknown. */
export function errorMessage(key: unknown, locale: Locale = "fr"): string {
  return ERRORS[locale][isErrorKey(key) ? key : "generic"];
}
