/** "12 min", "3 h 05", "2 j 4 h": how long a case has waited, short enough for a table cell. */
export function formatWaiting(seconds: number, locale: string): string {
  const day = locale === "en" ? "d" : "j";
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, "0")}`;
  return `${Math.floor(hours / 24)} ${day} ${hours % 24} h`;
}

/** Seconds left on a claim (negative once expired). */
export function secondsLeft(until: Date | string | null, now: number): number | null {
  if (!until) return null;
  return Math.round((new Date(until).getTime() - now) / 1000);
}

/** "9:05" left on a claim; "0:00" once expired. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
