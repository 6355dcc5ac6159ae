import type { UiLanguage } from '../domain/common';
import { codeLists, importColumns, requiredOneOf, type CodeListName, type ImportKind } from './columns';
import type { ExportCell } from './csv';
import type { SheetInput } from './xlsx';

/** The largest file and the most rows one import takes: beyond them, the screen says so and reads nothing. */
export const importLimits = { maxFileBytes: 10 * 1024 * 1024, maxRows: 20_000 } as const;

const words = {
  sheet: { en: 'Instructions', zh: '填写说明' },
  intro: {
    en: 'Fill in one row per record on the first sheet, under its header row. Columns may be in any order; extra columns are ignored. The header may be in English or Chinese.',
    zh: '在第一个工作表的标题行下方每行填写一条记录。列的顺序不限；多余的列将被忽略。标题可用英文或中文。',
  },
  column: { en: 'Column', zh: '列' },
  required: { en: 'Required', zh: '必填' },
  yes: { en: 'yes', zh: '是' },
  oneOf: { en: 'one of the names', zh: '至少一个名称' },
  notes: { en: 'Notes', zh: '说明' },
  allowed: { en: 'Allowed values', zh: '允许的值' },
  code: { en: 'Code', zh: '代码' },
  english: { en: 'English', zh: '英文' },
  chinese: { en: 'Chinese', zh: '中文' },
  codeHint: {
    en: 'A coded column takes the code, the English or the Chinese label.',
    zh: '代码列可填写代码、英文名称或中文名称。',
  },
} as const;

/** The header row of a kind's template, in the UI language. */
export function templateHeader(kind: ImportKind, language: UiLanguage): string[] {
  return importColumns[kind].map((column) => column.label[language]);
}

/** The template's sheets: the empty data sheet with its header, and the instructions with every allowed code. */
export function templateSheets(kind: ImportKind, language: UiLanguage, dataSheetName: string): SheetInput[] {
  const columns = importColumns[kind];
  const inGroup = new Set(requiredOneOf[kind].flat());
  const instructions: ExportCell[][] = [[words.intro[language]], [], [words.column[language], words.required[language], words.notes[language], words.allowed[language]]];
  const lists: CodeListName[] = [];
  for (const column of columns) {
    const allowed = column.codes ? codeLists[column.codes].map((option) => option.code).join(', ') : '';
    instructions.push([column.label[language], column.required ? words.yes[language] : inGroup.has(column.key) ? words.oneOf[language] : '', column.hint?.[language] ?? '', allowed]);
    if (column.codes && !lists.includes(column.codes)) lists.push(column.codes);
  }
  instructions.push([], [words.codeHint[language]]);
  for (const list of lists) {
    const used = columns.filter((column) => column.codes === list).map((column) => column.label[language]);
    instructions.push([], [`${used.join(' / ')} — ${words.allowed[language]}`], [words.code[language], words.english[language], words.chinese[language]]);
    for (const option of codeLists[list]) instructions.push([option.code, option.label.en, option.label.zh]);
  }
  return [
    { name: dataSheetName, rows: [templateHeader(kind, language)], headerRows: 1 },
    { name: words.sheet[language], rows: instructions, widths: [28, 12, 60, 60] },
  ];
}
