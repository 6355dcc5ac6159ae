/** Day arithmetic on day numbers (days since 1970-01-01, UTC), with a cache of their ISO strings. */
export const DAY_MS = 86_400_000;

const isoCache = new Map<number, string>();

/** YYYY-MM-DD of a day number. */
export function isoDay(day: number): string {
  let text = isoCache.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (isoCache.size < 50_000) isoCache.set(day, text);
  }
  return text;
}

export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function dayFromYmd(year: number, month: number, date: number): number {
  return Math.floor(Date.UTC(year, month - 1, date) / DAY_MS);
}

export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** ISO date-time with milliseconds, UTC (`2024-03-12T02:15:31.402Z`). */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}
