import { cellText, type CellValue, type HeaderMatch, type PlannedRow, type RowIssue } from '@shared/spreadsheets';

/** The name columns a row is shown by, in order of preference. */
const nameFields = ['nameRomanized', 'nameNative', 'nameEn', 'nameZh', 'nameLocal'];

/** How a row is named on screen: the name its record will have, or what its name cells say. */
export function rowLabel(planned: PlannedRow, cells: readonly CellValue[] | undefined, header: HeaderMatch): string {
  if (planned.status !== 'error') {
    if (planned.kind === 'organization') return Object.values(planned.organization.name).find(Boolean) ?? '';
    return [planned.person.nameRomanized, planned.person.nameNative].filter(Boolean).join(' · ');
  }
  const texts = nameFields
    .map((field) => header.keys.indexOf(field))
    .filter((index) => index >= 0)
    .map((index) => cellText(cells?.[index]))
    .filter(Boolean);
  return texts.join(' · ');
}

/** One line per problem, in row order: what the error tables list. */
export function issueLines(rows: readonly { row: number; issues: readonly RowIssue[] }[]): RowIssue[] {
  return rows.flatMap((row) => row.issues);
}

/**
 * The rows that were not imported, as a sheet to correct and import again: the file's own header and
 * cells, then a column saying what is wrong (an extra column, ignored by the next import).
 */
export function errorSheetRows(
  sourceRows: readonly (readonly CellValue[])[],
  header: HeaderMatch,
  errors: readonly { row: number; issues: readonly RowIssue[] }[],
  labels: { row: string; problems: string },
  describe: (issue: RowIssue) => string,
): (string | number | undefined)[][] {
  const headerCells = sourceRows[header.headerRow - 1] ?? [];
  const width = Math.max(headerCells.length, ...errors.map((error) => sourceRows[error.row - 1]?.length ?? 0));
  const asText = (cells: readonly CellValue[]) => Array.from({ length: width }, (_, i) => cellOut(cells[i]));
  return [
    [labels.row, ...asText(headerCells), labels.problems],
    ...errors.map((error) => [error.row, ...asText(sourceRows[error.row - 1] ?? []), error.issues.map(describe).join('; ')]),
  ];
}

function cellOut(cell: CellValue): string | number | undefined {
  if (typeof cell === 'number') return cell;
  return cellText(cell);
}
