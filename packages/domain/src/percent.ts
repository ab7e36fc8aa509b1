/**
 * The one way Basegun writes a rate as a percentage, on every screen and in every message: one decimal at
 * most, rounded half away from zero (Intl's default), the locale's decimal separator, a (narrow)
 * non-breaking space before "%". A comparison that says "90,8 %" on one screen never says "91 %" or
 * "0.908438" on another.
 */
export function formatPercent(rate: number | null | undefined, locale: string = "fr"): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return "—";
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(rate * 100)}\u00a0%`;
}

/**
 * A model's probability, written as formatPercent writes rates, but never as certainty: the model is
 * never sure, so what would round to 100 % reads "> 99,9 %" and what would round to 0 % reads "< 0,1 %"
 * (an officer shown "Fiabilité moyenne · 100 %" would rightly wonder why an expert must confirm).
 */
export function formatProbability(probability: number | null | undefined, locale: string = "fr"): string {
  if (probability === null || probability === undefined || !Number.isFinite(probability)) return "—";
  if (percentTenths(probability) >= 1000) return `> ${formatPercent(0.999, locale)}`;
  if (percentTenths(probability) <= 0) return `< ${formatPercent(0.001, locale)}`;
  return formatPercent(probability, locale);
}

/** The same rounding, as a number of tenths of a percent: what two figures are compared on (no hidden decimals). */
export const percentTenths = (rate: number): number => Math.round(rate * 1000);
