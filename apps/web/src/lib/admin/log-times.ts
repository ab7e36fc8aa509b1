/**
 * Training logs are stamped in UTC by the worker (a full ISO instant; runs logged before that carry a
 * bare "HH:MM:SS" UTC time). The console shows every time in one zone, the one its other times use:
 * each stamp is rewritten with the same formatter.
 */
// one pass: a rewritten stamp must not be read again as a bare one
const STAMP = /^(?:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)|(\d{2}):(\d{2}):(\d{2})) /gm;

export function localizeLogTimes(logs: string, formatTime: (instant: Date) => string, runCreatedAt: Date | string): string {
  const day = new Date(runCreatedAt);
  return logs.replace(STAMP, (whole, iso: string | undefined, h: string, m: string, s: string) => {
    if (iso) return `${formatTime(new Date(iso))} `;
    // the run's UTC day; a stamp earlier than the run's start crossed midnight
    const instant = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), Number(h), Number(m), Number(s)));
    if (instant.getTime() < day.getTime() - 60_000) instant.setUTCDate(instant.getUTCDate() + 1);
    return Number.isNaN(instant.getTime()) ? whole : `${formatTime(instant)} `;
  });
}
