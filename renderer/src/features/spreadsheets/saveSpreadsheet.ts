import { toPlainFileName, type SaveAsResponse } from '@shared/bridge/contract';
import { sheetName, toCsvBytes, writeXlsx, xlsxMimeType, type ExportCell, type SheetInput } from '@shared/spreadsheets';
import { getBridge } from '../../bridge';
import { localToday } from '../../ui/format';

export type SpreadsheetFileFormat = 'csv' | 'xlsx';

export const csvMimeType = 'text/csv;charset=utf-8';

/** "people-2025-03-01.xlsx": a plain file name whatever the list is called, dated on this computer's calendar. */
export function datedFileName(base: string, format: SpreadsheetFileFormat, now = new Date()): string {
  return toPlainFileName(`${base}-${localToday(now)}.${format}`, `export-${localToday(now)}.${format}`);
}

/**
 * The bytes of a spreadsheet file: a CSV holds the first sheet only (CSV has no sheets); an XLSX holds
 * them all.
 */
export function spreadsheetBytes(format: SpreadsheetFileFormat, sheets: readonly SheetInput[]): { data: Uint8Array<ArrayBuffer>; mimeType: string } {
  if (format === 'csv') return { data: toCsvBytes(sheets[0]?.rows ?? []), mimeType: csvMimeType };
  return { data: writeXlsx(sheets), mimeType: xlsxMimeType };
}

/** Saves through the host: the save dialog in the desktop app and Chromium, a download elsewhere. */
export function saveSpreadsheet(fileName: string, format: SpreadsheetFileFormat, sheets: readonly SheetInput[]): Promise<SaveAsResponse> {
  const { data, mimeType } = spreadsheetBytes(format, sheets);
  return getBridge().invoke('files:saveAs', { suggestedName: fileName, mimeType, data });
}

/** One sheet of a list: the header row, then a row per record. */
export function listSheet(name: string, header: readonly string[], rows: readonly (readonly ExportCell[])[]): SheetInput {
  return { name: sheetName(name), rows: [header, ...rows], headerRows: 1 };
}
