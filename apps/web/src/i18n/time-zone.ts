/**
 * The time zone every screen shows times in: the user's own, as their browser reports it (a cookie set by
 * `TimeZoneCookie`), so that a gendarme in Réunion or Guadeloupe reads local times; Paris until the
 * browser has said (first page) or when what it said is not a time zone this runtime knows.
 */
export const DEFAULT_TIME_ZONE = "Europe/Paris";
export const TIME_ZONE_COOKIE = "basegun-tz";

/** The zone named by the cookie's value when it is a valid IANA time zone, else the default. */
export function timeZoneFrom(value: string | undefined | null): string {
  if (!value || value.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(value)) return DEFAULT_TIME_ZONE;
  try {
    // throws a RangeError for a zone the runtime does not know
    return new Intl.DateTimeFormat("fr-FR", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}
