import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { ExportCell } from './csv';

/**
 * XLSX files, written here and read by read-excel-file.
 *
 * Why not write-excel-file in the desk: both libraries zip and unzip with fflate's asynchronous API,
 * which moves any file part over 160 KB (zip) or 512 KB (unzip) to a Web Worker made from a `blob:`
 * URL. The desk's Content-Security-Policy (script-src 'self', shared/src/security/csp.ts) refuses such
 * workers, and fflate never hears of the refusal: an export of a few hundred rows, or the import of a
 * large file, would wait forever. So the desk writes its XLSX with fflate's synchronous zip (a plain
 * OOXML workbook: every text cell an inline string, so no script is lost and no text is taken for a
 * formula or a date), and hands read-excel-file a copy of the file whose parts are STORED, which it
 * unzips without a worker.
 */

export interface SheetInput {
  /** Shown on the sheet's tab (at most 31 characters; []:*?/\ are replaced). */
  name: string;
  rows: readonly (readonly ExportCell[])[];
  /** Rows at the top shown in bold and kept in view when scrolling (the header). */
  headerRows?: number;
  /** Column widths in characters; by default from the longest text of the first rows. */
  widths?: readonly number[];
}

export const xlsxMimeType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Characters XML 1.0 does not allow (control characters, lone surrogates, U+FFFE/FFFF) are dropped. */
function xmlText(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export function sheetName(raw: string, fallback = 'Sheet1'): string {
  const name = raw.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim().slice(0, 31);
  return name || fallback;
}

function cellXml(value: ExportCell, ref: string, style: number): string {
  const s = style ? ` s="${style}"` : '';
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
}

function defaultWidths(rows: SheetInput['rows']): number[] {
  const widths: number[] = [];
  for (const row of rows.slice(0, 200)) {
    row.forEach((cell, i) => {
      const text = cell === undefined || cell === null ? '' : String(cell);
      // Wide scripts (Chinese) take about two columns per character.
      let width = 0;
      for (const character of text.split('\n')[0] ?? '') width += (character.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
      widths[i] = Math.max(widths[i] ?? 8, Math.min(60, width + 2));
    });
  }
  return widths;
}

function sheetXml(sheet: SheetInput): string {
  const header = sheet.headerRows ?? 0;
  const widths = sheet.widths ?? defaultWidths(sheet.rows);
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
  ];
  if (header > 0) {
    parts.push(
      `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${header}" topLeftCell="A${header + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`,
    );
  }
  if (widths.length > 0) {
    parts.push('<cols>', ...widths.map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`), '</cols>');
  }
  parts.push('<sheetData>');
  sheet.rows.forEach((row, r) => {
    const style = r < header ? 1 : 0;
    const cells = row.map((value, c) => cellXml(value, `${columnName(c)}${r + 1}`, style)).join('');
    parts.push(`<row r="${r + 1}">${cells}</row>`);
  });
  parts.push('</sheetData></worksheet>');
  return parts.join('');
}

const stylesXml =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** An XLSX workbook of one or more sheets, with the same bytes for the same input. */
export function writeXlsx(sheets: readonly SheetInput[]): Uint8Array<ArrayBuffer> {
  const names = new Set<string>();
  const unique = sheets.map((sheet, i) => {
    let name = sheetName(sheet.name, `Sheet${i + 1}`);
    for (let n = 2; names.has(name.toLowerCase()); n += 1) name = `${name.slice(0, 28)} ${n}`;
    names.add(name.toLowerCase());
    return name;
  });
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      '</Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '</Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<sheets>' +
      unique.map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      '</Relationships>',
    'xl/styles.xml': stylesXml,
  };
  sheets.forEach((sheet, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = sheetXml(sheet);
  });
  const zippable: Zippable = {};
  const mtime = new Date(Date.UTC(2000, 0, 1));
  for (const [name, text] of Object.entries(files)) zippable[name] = [strToU8(text), { level: 6, mtime }];
  return zipSync(zippable, { mtime });
}

/** What the first bytes of a file say it is. */
export type SpreadsheetFormat = 'xlsx' | 'xls' | 'csv' | 'unknown';

/**
 * XLSX is a zip (PK); the old binary .xls is an OLE compound file (D0 CF 11 E0). Anything else is CSV
 * when its name says so (.csv, .txt, .tsv), or has no extension and no NUL byte near its start (text);
 * a PDF, a picture, a Word file is no spreadsheet.
 */
export function detectSpreadsheetFormat(fileName: string, bytes: Uint8Array): SpreadsheetFormat {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return /\.(xlsx|xlsm|xls)$/i.test(fileName) || !/\.[a-z0-9]{1,5}$/i.test(fileName) ? 'xlsx' : 'unknown';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'xls';
  if (bytes.subarray(0, 4096).includes(0)) return 'unknown';
  if (/\.(csv|txt|tsv)$/i.test(fileName)) return 'csv';
  return /\.[a-z0-9]{1,5}$/i.test(fileName) ? 'unknown' : 'csv';
}

/**
 * The same workbook with its XML parts STORED (not compressed): read-excel-file unzips stored parts on
 * the page instead of in a Web Worker the CSP refuses (see above). Parts other than XML (images, printer
 * settings) are left out: nothing reads them. Throws on a file that is not a zip.
 */
export function storedXlsxCopy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const parts = unzipSync(bytes, { filter: (file) => /\.(xml|rels)$/i.test(file.name) });
  const stored: Zippable = {};
  for (const [name, content] of Object.entries(parts)) stored[name] = [content, { level: 0 }];
  return zipSync(stored, { level: 0 });
}
