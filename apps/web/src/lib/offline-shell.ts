import { SECURING_GUIDES, TYPOLOGY_KEYS } from "@basegun/domain";
import { routing } from "@/i18n/routing";

export interface OfflineShell {
  /** kept right after the first load: what an officer needs first */
  core: string[];
  /** kept at the next open: every guide down to its steps (about 30 pages, most of the shell's weight) */
  guides: string[];
}

/**
 * The pages an officer must be able to open without network (issue 13's offline shell), in one locale:
 * start, new identification, "Mes identifications", the securing index, then every securing guide down
 * to its steps. The service worker keeps them (and their scripts) once the app has been opened online;
 * in two steps, so that the first load stays within its budget (NOTES-offline.md has the figures).
 * Computed on the server: the domain's tables stay out of the browser's bundle.
 */
export function offlineShellUrls(locale: string): OfflineShell {
  // French URLs carry no prefix (localePrefix "as-needed"): /fr/… would only redirect
  const base = locale === routing.defaultLocale ? "" : `/${locale}`;
  const guides = TYPOLOGY_KEYS.flatMap((typology) => [
    `${base}/securing/${typology}`,
    ...(SECURING_GUIDES[typology]?.variants ?? []).map((variant) => `${base}/securing/${typology}/${variant.key}`),
  ]);
  return { core: [base || "/", `${base}/identifications/new`, `${base}/identifications`, `${base}/securing`], guides };
}
