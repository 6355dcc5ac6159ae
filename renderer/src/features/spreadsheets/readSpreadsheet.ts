import { detectSpreadsheetFormat, importLimits, parseCsvBytes, storedXlsxCopy, type CellValue } from '@shared/spreadsheets';
import { readSheet } from 'read-excel-file/browser';

/** Why a chosen file could not be read (a key under `read.` of this feature's translations). */
export type ReadProblem = 'tooLarge' | 'tooManyRows' | 'notSpreadsheet' | 'oldExcel' | 'encoding';

export type ReadOutcome = { ok: true; format: 'xlsx' | 'csv'; rows: CellValue[][] } | { ok: false; problem: ReadProblem; detail?: string };

/**
 * Reads the first sheet of an XLSX file, or a CSV file, as rows of cells. Refuses, with a reason the
 * screen words, a file too large, with too many rows, in the old binary .xls format, not UTF-8 (CSV),
 * or no spreadsheet at all.
 */
export async function readSpreadsheet(file: Blob & { name: string }): Promise<ReadOutcome> {
  if (file.size > importLimits.maxFileBytes) return { ok: false, problem: 'tooLarge' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const format = detectSpreadsheetFormat(file.name, bytes);
  let rows: CellValue[][];
  if (format === 'xls') return { ok: false, problem: 'oldExcel' };
  if (format === 'unknown') return { ok: false, problem: 'notSpreadsheet' };
  if (format === 'csv') {
    const parsed = parseCsvBytes(bytes);
    if ('problem' in parsed) return { ok: false, problem: parsed.problem };
    rows = parsed.rows;
  } else {
    try {
      // A stored copy: read-excel-file then unzips on the page, not in a worker the CSP refuses.
      const stored = storedXlsxCopy(bytes);
      rows = (await readSheet(stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.byteLength))) as unknown as CellValue[][];
    } catch (error) {
      return { ok: false, problem: 'notSpreadsheet', detail: error instanceof Error ? error.message : String(error) };
    }
  }
  // The header row and at most maxRows rows under it.
  if (rows.length > importLimits.maxRows + 1) return { ok: false, problem: 'tooManyRows' };
  return { ok: true, format, rows };
}
