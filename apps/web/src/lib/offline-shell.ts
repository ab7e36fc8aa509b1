import { FAMILIES, SECURING_GUIDES, TYPOLOGY_KEYS } from "@basegun/domain";
import { routing } from "@/i18n/routing";

export interface OfflineShell {
  /** kept right after the first load: the page that takes a photo without network */
  core: string[];
  /** kept at the next open: start, "Mes identifications", and every securing guide down to its steps */
  guides: string[];
}

/**
 * The pages an officer must be able to open without network (issue 13's offline shell), in one locale:
 * the new identification first, then the start page, "Mes identifications" and every securing guide down
 * to its steps, and each family's general rules. The service worker keeps them (and their scripts) once the app has been opened online,
 * in two steps so that the first load stays within its budget (NOTES-offline.md has the figures); any
 * page opened while the worker runs is kept as well.
 * Computed on the server: the domain's tables stay out of the browser's bundle.
 */
export function offlineShellUrls(locale: string): OfflineShell {
  // French URLs carry no prefix (localePrefix "as-needed"): /fr/… would only redirect
  const base = locale === routing.defaultLocale ? "" : `/${locale}`;
  const guides = TYPOLOGY_KEYS.flatMap((typology) => [
    `${base}/securing/${typology}`,
    ...(SECURING_GUIDES[typology]?.variants ?? []).map((variant) => `${base}/securing/${typology}/${variant.key}`),
  ]);
  // a result that ends on a family (the visual key's honest end) links to that family's drawn rules
  guides.push(...FAMILIES.map((family) => `${base}/securing/families/${family}`));
  return { core: [`${base}/identifications/new`], guides: [base || "/", `${base}/identifications`, `${base}/securing`, ...guides] };
}
