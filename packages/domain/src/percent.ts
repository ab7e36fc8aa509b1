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

/** The same rounding, as a number of tenths of a percent: what two figures are compared on (no hidden decimals). */
export const percentTenths = (rate: number): number => Math.round(rate * 1000);
