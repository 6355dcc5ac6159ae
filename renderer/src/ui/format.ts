/**
 * Number and date formatting in the reader's UI language. Intl formatters are costly to build (a list
 * re-renders dozens of dates per keystroke), so each is built once per language and options.
 */
type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat;
const formatters = new Map<string, Formatter>();

function cached<T extends Formatter>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

const locale = (language: string) => (language === 'zh' ? 'zh-CN' : 'en');

export function formatNumber(value: number, language: string): string {
  return cached(`n:${language}`, () => new Intl.NumberFormat(locale(language))).format(value);
}

export function formatMoney(amount: number, currency: string, language: string): string {
  try {
    return cached(`m:${language}:${currency}`, () => new Intl.NumberFormat(locale(language), { style: 'currency', currency })).format(amount);
  } catch {
    return `${formatNumber(amount, language)} ${currency}`;
  }
}

export function formatDate(isoDate: string | undefined, language: string): string {
  if (!isoDate) return '';
  const date = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  if (Number.isNaN(date.getTime())) return isoDate;
  const formatter = cached(`d:${language}`, () => new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }));
  return formatter.format(date);
}

/**
 * Today on this computer's calendar (YYYY-MM-DD), not UTC's: the day a person means (a visit's date, the
 * "today" submission checks compare with, the date in an exported file's name).
 */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${cached(`b:${language}`, () => new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 })).format(value)} ${units[unit]}`;
}

/** A moment (an ISO instant) in the reader's own time zone: when a change was made, for its history. */
export function formatDateTime(isoInstant: string | undefined, language: string): string {
  if (!isoInstant) return '';
  const date = new Date(isoInstant);
  if (Number.isNaN(date.getTime())) return isoInstant;
  const formatter = cached(`dt:${language}`, () => new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }));
  return formatter.format(date);
}

/** "5 minutes ago", "yesterday": how long ago an instant (ms) was, in the reader's UI language. */
export function formatRelativeTime(atMs: number, nowMs: number, language: string): string {
  const seconds = Math.round((atMs - nowMs) / 1000);
  const formatter = cached(`rt:${language}`, () => new Intl.RelativeTimeFormat(locale(language), { numeric: 'auto' }));
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return formatter.format(Math.trunc(seconds / size), unit);
  return formatter.format(0, 'second');
}

/**
 * Device ids are UUIDv7: their first digits are the moment the id was minted, so devices set up the
 * same day share them. The last eight digits tell devices apart (and match the change files' names).
 */
export function shortDevice(device: string): string {
  return device.length > 12 ? `…${device.slice(-8)}` : device;
}
