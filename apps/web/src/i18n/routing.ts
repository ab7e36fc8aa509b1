import { defineRouting } from "next-intl/routing";

export const routing = defineRouting({
  locales: ["fr", "en"],
  defaultLocale: "fr",
  // French URLs carry no prefix (/), English ones /en/...
  localePrefix: "as-needed",
  // officers' phones may be set to English: French stays the default, English is an explicit choice
  localeDetection: false,
});

export type Locale = (typeof routing.locales)[number];

export function isLocale(value: unknown): value is Locale {
  return routing.locales.includes(value as Locale);
}
