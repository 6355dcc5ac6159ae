import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import readExcelFile from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { guardFormula, parseCsvBytes, parseCsvText, toCsv, toCsvBytes } from './csv';
import { templateHeader, templateSheets } from './template';
import { detectSpreadsheetFormat, storedXlsxCopy, writeXlsx } from './xlsx';

const names = {
  thai: 'สมชาย ใจดี',
  lao: 'ສົມພອນ ວົງສະຫວັນ',
  khmer: 'សុខ ដារា',
  myanmar: 'အောင်ကိုကို',
  chinese: '王芳',
  vietnamese: 'Nguyễn Thị Hoa',
};

describe('CSV writer', () => {
  it('starts with a byte order mark, ends lines with CRLF and quotes as RFC 4180 says', () => {
    const csv = toCsv([
      ['Name', 'Note', 'Days'],
      ['Wang, Fang', 'said "hello"', 3],
      ['Line\nbreak', 'a;b', undefined],
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('Name,Note,Days\r\n"Wang, Fang","said ""hello""",3\r\n"Line\nbreak","a;b",\r\n');
    const bytes = toCsvBytes([['x']]);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('guards text a spreadsheet program would run as a formula, and leaves numbers alone', () => {
    for (const text of ['=HYPERLINK("http://evil")', '+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) expect(guardFormula(text)).toBe(`'${text}`);
    for (const text of ['Somchai', '1=1', "O'Brien", '']) expect(guardFormula(text)).toBe(text);
    expect(toCsv([[-5, '-5', '=1+1']]).slice(1)).toBe("-5,'-5,'=1+1\r\n");
  });

  it('round-trips Thai, Lao, Khmer, Burmese and Chinese text through papaparse, and through our own reader', () => {
    const rows = [['Name', 'Country'], ...Object.values(names).map((name, i) => [name, `C${i}, "quoted"`])];
    const csv = toCsv(rows);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual(rows);
    const reread = parseCsvBytes(new TextEncoder().encode(csv));
    expect(reread).toEqual({ rows });
  });
});

describe('CSV reader', () => {
  it('reads UTF-8 with or without a BOM, with comma or semicolon delimiters', () => {
    expect(parseCsvText('\uFEFFName,Sex\r\nสมชาย,male\r\n')).toEqual([
      ['Name', 'Sex'],
      ['สมชาย', 'male'],
    ]);
    expect(parseCsvText('Name;Sex;Note\n王芳;female;"a;b"\n')).toEqual([
      ['Name', 'Sex', 'Note'],
      ['王芳', 'female', 'a;b'],
    ]);
    expect(parseCsvText('Name,Sex\n\nA,male\n')).toEqual([['Name', 'Sex'], [''], ['A', 'male']]);
    expect(parseCsvText('')).toEqual([]);
  });

  it('refuses bytes that are not UTF-8 rather than reading noise', () => {
    // "王芳" in GBK.
    expect(parseCsvBytes(new Uint8Array([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0xcd, 0xf5, 0xb7, 0xbc]))).toEqual({ problem: 'encoding' });
  });

  it('tells spreadsheets from other files by their first bytes', () => {
    const xlsx = writeXlsx([{ name: 'S', rows: [['a']] }]);
    expect(detectSpreadsheetFormat('people.xlsx', xlsx)).toBe('xlsx');
    expect(detectSpreadsheetFormat('people.docx', xlsx)).toBe('unknown');
    expect(detectSpreadsheetFormat('people.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toBe('xls');
    expect(detectSpreadsheetFormat('people.csv', new TextEncoder().encode('a,b'))).toBe('csv');
    expect(detectSpreadsheetFormat('photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('unknown');
    expect(detectSpreadsheetFormat('report.pdf', new TextEncoder().encode('%PDF-1.7'))).toBe('unknown');
  });
});

describe('XLSX', () => {
  it('writes text cells as text: every script intact, formulas and numbers-as-text kept as typed', async () => {
    const rows = [['Name', 'Phone', 'Days', 'Note'], ...Object.values(names).map((name) => [name, '0812345678', 12, '=1+1'])];
    const bytes = writeXlsx([{ name: 'People [export]', rows, headerRows: 1 }]);
    const sheets = await readExcelFile(Buffer.from(bytes));
    expect(sheets.map((s) => s.sheet)).toEqual(['People _export_']);
    expect(sheets[0]?.data).toEqual(rows);
  });

  it('writes several sheets, and the same bytes for the same input', async () => {
    const sheets = templateSheets('trainee', 'zh', '学员');
    const a = writeXlsx(sheets);
    expect(writeXlsx(sheets)).toEqual(a);
    const read = await readExcelFile(Buffer.from(a));
    expect(read.map((s) => s.sheet)).toEqual(['学员', '填写说明']);
    expect(read[0]?.data).toEqual([templateHeader('trainee', 'zh')]);
    const instructions = (read[1]?.data ?? []).map((row) => row[0]);
    expect(instructions).toEqual(expect.arrayContaining(['性别', 'female', 'TH', 'did-not-complete']));
  });

  it('hands read-excel-file a stored copy that reads the same (large sheets, and files from other writers)', async () => {
    const rows: (string | number)[][] = [['Name', 'Year']];
    for (let i = 0; i < 5000; i += 1) rows.push([`${names.thai} ${i}`, 1950 + (i % 50)]);
    const ours = writeXlsx([{ name: 'Big', rows }]);
    expect(await readSheet(Buffer.from(storedXlsxCopy(ours)))).toEqual(rows);
    const theirs = await writeExcelFile([['Name'], [names.khmer], [names.myanmar]]).toBuffer();
    expect(await readSheet(Buffer.from(storedXlsxCopy(new Uint8Array(theirs))))).toEqual([['Name'], [names.khmer], [names.myanmar]]);
    expect(() => storedXlsxCopy(new TextEncoder().encode('not a zip'))).toThrow();
  });
});
