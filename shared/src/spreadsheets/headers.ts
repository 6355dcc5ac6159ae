import { importColumns, normalizeLabel, requiredOneOf, type ImportKind } from './columns';
import { cellText, type CellValue } from './cells';

/** Which field each column of a file fills, and what of the header could not be used. */
export interface HeaderMatch {
  /** Row number (1-based, as a spreadsheet program shows it) of the header row. */
  headerRow: number;
  /** By column index: the field key, or undefined for a column that is ignored. */
  keys: (string | undefined)[];
  /** By field key: the header text as written in the file (for messages). */
  headers: Record<string, string>;
  /** Columns whose header names no field: ignored, and said so. */
  unknown: { column: number; header: string }[];
  /** Columns that name a field another column already fills: ignored, and said so. */
  repeated: { column: number; header: string }[];
  /** Required fields (or groups: one of them) that no column fills: the file cannot be imported. */
  missing: string[][];
}

const accepted = new Map<ImportKind, Map<string, string>>();

/** Every header accepted for each field of a kind: the field key, the English and the Chinese label, aliases. */
function acceptedHeaders(kind: ImportKind): Map<string, string> {
  let map = accepted.get(kind);
  if (map) return map;
  map = new Map();
  // Keys and labels first, so an alias ("name") never takes a header that is some column's own name.
  for (const column of importColumns[kind]) {
    for (const spelling of [column.key, column.label.en, column.label.zh]) map.set(normalizeLabel(spelling), column.key);
  }
  for (const column of importColumns[kind]) {
    for (const alias of column.aliases ?? []) if (!map.has(normalizeLabel(alias))) map.set(normalizeLabel(alias), column.key);
  }
  accepted.set(kind, map);
  return map;
}

/** The field a header names, in either UI language or as the field key, ignoring case and spaces. */
export function fieldOfHeader(kind: ImportKind, header: string): string | undefined {
  return acceptedHeaders(kind).get(normalizeLabel(header));
}

/** The first row that has any value is the header row (a blank line above it is tolerated). */
export function findHeaderRow(rows: readonly (readonly CellValue[])[]): number | undefined {
  const index = rows.findIndex((row) => row.some((cell) => cellText(cell) !== undefined));
  return index < 0 ? undefined : index;
}

export function matchHeaders(kind: ImportKind, header: readonly CellValue[], headerIndex = 0): HeaderMatch {
  const match: HeaderMatch = { headerRow: headerIndex + 1, keys: [], headers: {}, unknown: [], repeated: [], missing: [] };
  header.forEach((cell, column) => {
    const text = cellText(cell);
    if (text === undefined) {
      match.keys.push(undefined);
      return;
    }
    const key = fieldOfHeader(kind, text);
    if (!key) match.unknown.push({ column, header: text });
    else if (key in match.headers) match.repeated.push({ column, header: text });
    match.keys.push(key && !(key in match.headers) ? key : undefined);
    if (key && !(key in match.headers)) match.headers[key] = text;
  });
  for (const column of importColumns[kind]) if (column.required && !(column.key in match.headers)) match.missing.push([column.key]);
  for (const group of requiredOneOf[kind]) if (!group.some((key) => key in match.headers)) match.missing.push([...group]);
  return match;
}
