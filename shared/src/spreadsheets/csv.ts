import Papa from 'papaparse';

/** A cell of an exported list: text or a number; empty when undefined. */
export type ExportCell = string | number | undefined | null;

const byteOrderMark = '\uFEFF';

/**
 * Text a spreadsheet program would take for a formula (=, +, -, @) or that starts with a tab or carriage
 * return (which some programs strip to find a formula behind them). A list exported from the desk holds
 * what people typed, and a name like "=HYPERLINK(...)" or "@SUM(...)" would run when the file is opened
 * (CSV injection, OWASP): such a cell gets a leading apostrophe, which spreadsheet programs show as text.
 * Numbers are written as numbers and never guarded (-5 stays -5). The import takes the apostrophe off.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(value: ExportCell): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : guardFormula(value);
  // RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. Semicolons too,
  // for the spreadsheet programs that read CSV with the semicolon of their locale.
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV file as spreadsheet programs open it with every script intact: UTF-8 with a byte order mark
 * (without it, Excel reads the bytes in the computer's legacy code page and Thai or Chinese turns to
 * noise), CRLF line ends, RFC 4180 quoting.
 */
export function toCsv(rows: readonly (readonly ExportCell[])[]): string {
  return byteOrderMark + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function toCsvBytes(rows: readonly (readonly ExportCell[])[]): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(toCsv(rows)) as Uint8Array<ArrayBuffer>;
}

/** Why a file could not be read as CSV (an i18n key of the spreadsheets screen). */
export type CsvProblem = 'encoding';

/**
 * Reads a CSV file's bytes: UTF-8 with or without a byte order mark (anything else, such as a file
 * saved in GBK or TIS-620, is refused rather than read as noise), the delimiter (comma, semicolon or
 * tab) detected, quoted fields with line breaks kept. Every line is a row, blank ones included, so row
 * numbers are the file's line numbers.
 */
export function parseCsvBytes(bytes: Uint8Array): { rows: string[][] } | { problem: CsvProblem } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: 'encoding' };
  }
  return { rows: parseCsvText(text) };
}

export function parseCsvText(text: string): string[][] {
  const body = text.startsWith(byteOrderMark) ? text.slice(1) : text;
  if (body.trim() === '') return [];
  const result = Papa.parse<string[]>(body, { delimitersToGuess: [',', ';', '\t'], skipEmptyLines: false });
  const rows = result.data;
  // The line break after the last row is not one more (empty) row.
  while (rows.length > 0 && (rows[rows.length - 1] as string[]).every((cell) => cell === '')) rows.pop();
  return rows;
}
