/**
 * A cell as the readers hand it over: text from a CSV file; text, a number, a boolean or a date from an
 * XLSX file; nothing for an empty cell.
 */
export type CellValue = string | number | boolean | Date | null | undefined;

/** What a cell said, once read for its column: a value, or why it could not be read (an i18n key). */
export type Read<T> = { value: T | undefined } | { problem: string; params?: Record<string, string | number> };

/**
 * A CSV export guards text that a spreadsheet program would run as a formula with a leading apostrophe
 * (csv.ts); reading it back takes the apostrophe off again, so a round trip changes nothing.
 */
const guardedText = /^'[=+\-@\t\r]/;

/** The text of a cell, trimmed; undefined for an empty one. */
export function cellText(cell: CellValue): string | undefined {
  if (cell === null || cell === undefined) return undefined;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : isoDay(cell);
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : undefined;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  const text = cell.trim();
  if (text === '') return undefined;
  return guardedText.test(text) ? text.slice(1) : text;
}

/** A whole number (a year, days): a number cell, or text of digits. */
export function cellInteger(cell: CellValue): Read<number> {
  if (typeof cell === 'number') return Number.isInteger(cell) ? { value: cell } : { problem: 'v.integer' };
  const text = cellText(cell);
  if (text === undefined) return { value: undefined };
  const match = /^[+-]?\d+(?:\.0+)?$/.exec(text.replace(/[\s,]/g, ''));
  if (!match) return { problem: /^[+-]?\d*\.\d+$/.test(text) ? 'v.integer' : 'v.number' };
  return { value: Number.parseInt(match[0], 10) };
}

function isoDay(date: Date): string {
  // Spreadsheet dates carry no time zone: read-excel-file hands them over as midnight UTC.
  return date.toISOString().slice(0, 10);
}

const pad = (n: string) => n.padStart(2, '0');

/**
 * A calendar day (YYYY-MM-DD): a date cell, a day number of the spreadsheet's calendar, or text written
 * year first (2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日). Day-first text (01/03/2025) is not guessed
 * at: half the region writes it month first. Anything else is handed on as text, for the schema to refuse.
 */
export function cellDate(cell: CellValue): string | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : isoDay(cell);
  // 1900 date system: day 25,569 is 1970-01-01. Only plausible program dates (1955..2119).
  if (typeof cell === 'number' && Number.isInteger(cell) && cell > 20000 && cell < 80000) return isoDay(new Date((cell - 25569) * 86_400_000));
  const text = cellText(cell);
  if (text === undefined) return undefined;
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  return match ? `${match[1]}-${pad(match[2] as string)}-${pad(match[3] as string)}` : text;
}

/** A list typed in one cell: separated by commas, semicolons or line breaks (any width). */
export function cellList(cell: CellValue): string[] {
  const text = cellText(cell);
  if (text === undefined) return [];
  return text
    .split(/[,;，；、\n]+/u)
    .map((part) => part.trim())
    .filter(Boolean);
}
