import { describe, expect, it } from 'vitest';
import type { Principal } from '../access/rules';
import type { CellValue } from './cells';
import { cellDate, cellInteger, cellText } from './cells';
import { findCode, type ImportKind } from './columns';
import { fieldOfHeader, findHeaderRow, matchHeaders } from './headers';
import { NaturalKeyIndex, normalizeKeyText } from './naturalKeys';
import { OrganizationNames } from './organizationNames';
import { ImportPlanner, summarizePlan, type PlannedRow } from './plan';

const activityId = '0194a3b0-0000-7000-8000-0000000000aa';
const rowIssues = (row: PlannedRow | undefined) => (row?.status === 'error' ? row.issues : []);

/** Plans a sheet (header first) the way the import screen does: row numbers as a spreadsheet program shows them. */
function planSheet(kind: ImportKind, sheet: CellValue[][], options: { existing?: NaturalKeyIndex; organizations?: OrganizationNames; principal?: Principal } = {}) {
  const headerIndex = findHeaderRow(sheet) ?? 0;
  const header = matchHeaders(kind, sheet[headerIndex] ?? [], headerIndex);
  const planner = new ImportPlanner({ kind, header, existing: options.existing ?? new NaturalKeyIndex(), organizations: options.organizations, activityId, principal: options.principal });
  const rows: PlannedRow[] = [];
  sheet.forEach((cells, index) => {
    if (index <= headerIndex) return;
    const planned = planner.plan(cells, index + 1);
    if (planned) rows.push(planned);
  });
  return { header, rows };
}

describe('header matching', () => {
  it('accepts the English label, the Chinese label and the field key, ignoring case, spaces and width', () => {
    expect(fieldOfHeader('person', 'Name (romanized)')).toBe('nameRomanized');
    expect(fieldOfHeader('person', '  name  (ROMANIZED) ')).toBe('nameRomanized');
    expect(fieldOfHeader('person', '姓名（拉丁字母）')).toBe('nameRomanized');
    expect(fieldOfHeader('person', '姓名(拉丁字母)')).toBe('nameRomanized');
    expect(fieldOfHeader('person', 'nameromanized')).toBe('nameRomanized');
    expect(fieldOfHeader('person', 'Sex *')).toBe('sex');
    expect(fieldOfHeader('person', 'email')).toBe('email');
    expect(fieldOfHeader('person', '电子邮箱')).toBe('email');
    expect(fieldOfHeader('trainee', 'Certificate number')).toBe('certificateNumber');
    expect(fieldOfHeader('person', 'Certificate number')).toBeUndefined();
    expect(fieldOfHeader('organization', '名称（英文）')).toBe('nameEn');
  });

  it('says which columns are ignored, repeated or missing', () => {
    const match = matchHeaders('person', ['Name (romanized)', 'Shoe size', 'Country', 'country', null]);
    expect(match.keys).toEqual(['nameRomanized', undefined, 'country', undefined, undefined]);
    expect(match.unknown).toEqual([{ column: 1, header: 'Shoe size' }]);
    expect(match.repeated).toEqual([{ column: 3, header: 'country' }]);
    expect(match.missing).toEqual([['sex'], ['roles']]);
    expect(matchHeaders('trainee', ['Sex', 'Country']).missing).toEqual([['nameNative', 'nameRomanized']]);
    expect(matchHeaders('organization', ['Name (English)', 'Type', 'Country']).missing).toEqual([]);
  });

  it('takes the first non-empty row for the header', () => {
    const { header, rows } = planSheet('trainee', [[], [null, ''], ['Name (romanized)', 'Sex', 'Country'], ['Somchai Jaidee', 'male', 'TH']]);
    expect(header.headerRow).toBe(3);
    expect(rows).toMatchObject([{ row: 4, status: 'new' }]);
  });
});

describe('cells', () => {
  it('reads text, whole numbers and dates as spreadsheets write them', () => {
    expect(cellText('  ສົມພອນ ')).toBe('ສົມພອນ');
    expect(cellText("'=HYPERLINK(1)")).toBe('=HYPERLINK(1)');
    expect(cellText("'O'Brien")).toBe("'O'Brien");
    expect(cellText(66812345678)).toBe('66812345678');
    expect(cellInteger(1990)).toEqual({ value: 1990 });
    expect(cellInteger(' 1990 ')).toEqual({ value: 1990 });
    expect(cellInteger('1990.0')).toEqual({ value: 1990 });
    expect(cellInteger(1990.5)).toEqual({ problem: 'v.integer' });
    expect(cellInteger('nineteen')).toEqual({ problem: 'v.number' });
    expect(cellDate(new Date(Date.UTC(2025, 2, 1)))).toBe('2025-03-01');
    expect(cellDate(45717)).toBe('2025-03-01');
    expect(cellDate('2025/3/1')).toBe('2025-03-01');
    expect(cellDate('2025年3月1日')).toBe('2025-03-01');
    expect(cellDate('01/03/2025')).toBe('01/03/2025');
  });

  it('finds codes by code, label in either language or alias', () => {
    expect(findCode('sex', 'Female')).toBe('female');
    expect(findCode('sex', '女')).toBe('female');
    expect(findCode('sex', 'F')).toBe('female');
    expect(findCode('sex', 'X')).toBeUndefined();
    expect(findCode('country', 'Thailand')).toBe('TH');
    expect(findCode('country', '泰国')).toBe('TH');
    expect(findCode('country', 'tha')).toBe('TH');
    expect(findCode('country', 'Viet Nam')).toBe('VN');
    expect(findCode('participationStatus', 'Did not complete')).toBe('did-not-complete');
    expect(findCode('organizationType', '高等院校')).toBe('university');
  });
});

describe('row mapping', () => {
  const header = ['Name (native script)', 'Name (romanized)', 'Sex', 'Year of birth', 'Country', 'E-mail', 'Status', 'Completion date', 'Certificate number'];

  it('turns good rows into person and participation drafts, with defaults for trainees', () => {
    const { rows } = planSheet('trainee', [
      header,
      ['สมชาย ใจดี', 'Somchai Jaidee', 'Male', 1988, 'Thailand', 'somchai@example.org', '', null, null],
      ['王芳', 'Wang Fang', '女', '1992', '中国', null, 'completed', new Date(Date.UTC(2025, 5, 30)), 'CERT-001'],
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      row: 2,
      status: 'new',
      kind: 'trainee',
      person: { nameNative: 'สมชาย ใจดี', nameRomanized: 'Somchai Jaidee', sex: 'male', birthYear: 1988, country: 'TH', roles: ['trainee'], email: 'somchai@example.org' },
      participation: { activityId, role: 'trainee', status: 'enrolled' },
    });
    expect(rows[1]).toMatchObject({ person: { sex: 'female', country: 'CN', birthYear: 1992 }, participation: { status: 'completed', completedOn: '2025-06-30', certificateNumber: 'CERT-001' } });
    expect(rows[0]).not.toHaveProperty('person.id');
    expect(rows[0]).not.toHaveProperty('participation.personId');
  });

  it('names each bad cell: row number, column header and the schema’s message', () => {
    const { rows } = planSheet('trainee', [
      header,
      ['', '', 'female', 1990, 'TH', 'a@example.org', '', '', ''], // no name
      ['ນາງ ສົມພອນ', 'Somphone', 'X', 1990, 'LA', '', '', '', ''], // bad sex code
      ['', 'Ko Aung', 'male', 1990, 'MM', 'not-an-email', '', '', ''], // bad e-mail
      ['', 'Nguyen Van A', 'male', 1990, 'Narnia', '', '', '', ''], // bad country
      ['', 'Tan Wei', '', 'old', 'SG', '', 'graduated', '', 'C-9'], // missing sex, bad year, bad status, certificate without completion
    ]);
    expect(rowIssues(rows[0])).toEqual([{ row: 2, field: 'nameRomanized', column: 'Name (romanized)', message: 'v.personName' }]);
    expect(rowIssues(rows[1])).toEqual([{ row: 3, field: 'sex', column: 'Sex', message: 'v.notAllowed', params: { value: 'X', allowed: 'female, male, unspecified' } }]);
    expect(rowIssues(rows[2])).toEqual([{ row: 4, field: 'email', column: 'E-mail', message: 'v.email' }]);
    expect(rowIssues(rows[3])).toEqual([expect.objectContaining({ row: 5, field: 'country', column: 'Country', message: 'v.notAllowed', params: expect.objectContaining({ value: 'Narnia' }) })]);
    expect(rowIssues(rows[4]).map((i) => [i.field, i.message])).toEqual([
      ['birthYear', 'v.number'],
      ['sex', 'v.required'],
      ['status', 'v.notAllowed'],
      ['certificateNumber', 'v.certificateNeedsCompletion'],
    ]);
    expect(summarizePlan(rows)).toEqual({ rows: 5, new: 0, existing: 0, errors: 5 });
  });

  it('refuses a row that repeats an earlier row of the same file, naming that row', () => {
    const { rows } = planSheet('trainee', [
      header,
      ['', 'Somchai Jaidee', 'male', 1988, 'TH', '', '', '', ''],
      ['', 'SOMCHAI  jaidee', 'male', 1988, 'TH', '', '', '', ''],
      ['', 'Somchai Jaidee', 'male', 1989, 'TH', '', '', '', ''], // another birth year: another person
      ['', 'Ko Aung', 'male', '', 'MM', 'aung@example.org', '', '', ''],
      ['', 'Aung Ko', 'male', '', 'MM', 'AUNG@example.org', '', '', ''], // same e-mail
    ]);
    expect(rows.map((r) => r.status)).toEqual(['new', 'error', 'new', 'new', 'error']);
    expect(rowIssues(rows[1])).toEqual([expect.objectContaining({ row: 3, field: 'nameRomanized', message: 'v.duplicateRow', params: { row: 2 } })]);
    expect(rowIssues(rows[4])).toEqual([expect.objectContaining({ row: 6, field: 'email', message: 'v.duplicateRow', params: { row: 5 } })]);
  });

  it('maps organizations: names in three columns, the local one under the country’s language', () => {
    const { rows } = planSheet('organization', [
      ['Name (English)', 'Name (local language)', 'Acronym', 'Type', 'Country', 'Website'],
      ['Kasetsart University', 'มหาวิทยาลัยเกษตรศาสตร์', 'KU', 'University or academic institution', 'TH', 'https://www.ku.ac.th'],
      ['', '', 'X', 'university', 'TH', ''],
      ['Lab', '', '', 'spaceship', 'LA', 'ftp://x'],
    ]);
    expect(rows[0]).toMatchObject({ status: 'new', organization: { name: { en: 'Kasetsart University', th: 'มหาวิทยาลัยเกษตรศาสตร์' }, acronym: 'KU', type: 'university', country: 'TH' } });
    expect(rowIssues(rows[1])).toEqual([expect.objectContaining({ field: 'nameEn', column: 'Name (English)', message: 'v.required' })]);
    expect(rowIssues(rows[2]).map((i) => [i.field, i.message])).toEqual([
      ['type', 'v.notAllowed'],
      ['website', 'v.url'],
    ]);
  });

  it('puts a local name under the language given, or the country’s first language still free, never over another column', () => {
    const { rows } = planSheet('organization', [
      ['Name (English)', 'Name (Chinese)', 'Name (local language)', 'Local language', 'Type', 'Country'],
      ['Singapore Polytechnic', '新加坡理工学院', 'Politeknik Singapura', '', 'university', 'SG'],
      ['Institute', '', 'Institut', 'Malay', 'university', 'MY'],
      ['Institute', '研究所', '研究院', 'zh', 'university', 'CN'],
      ['Institute', '研究所', '研究院', '', 'university', 'CN'],
    ]);
    expect(rows[0]).toMatchObject({ organization: { name: { en: 'Singapore Polytechnic', zh: '新加坡理工学院', ms: 'Politeknik Singapura' } } });
    expect(rows[1]).toMatchObject({ organization: { name: { en: 'Institute', ms: 'Institut' } } });
    expect(rowIssues(rows[2])).toEqual([expect.objectContaining({ field: 'nameLocalLanguage', column: 'Local language', message: 'v.nameLanguageTaken' })]);
    expect(rowIssues(rows[3])).toEqual([expect.objectContaining({ field: 'nameLocalLanguage', message: 'v.required' })]);
  });

  it('links a person to an organization named by name or acronym, and says when none or several match', () => {
    const organizations = new OrganizationNames([
      { id: '0194a3b0-0000-7000-8000-000000000001', country: 'TH', name: { en: 'Kasetsart University', th: 'มหาวิทยาลัยเกษตรศาสตร์' }, acronym: 'KU' },
      { id: '0194a3b0-0000-7000-8000-000000000002', country: 'LA', name: { en: 'National University of Laos' }, acronym: 'NUOL' },
      { id: '0194a3b0-0000-7000-8000-000000000003', country: 'VN', name: { en: 'Institute A' } },
      { id: '0194a3b0-0000-7000-8000-000000000004', country: 'KH', name: { en: 'Institute A' } },
    ]);
    const { rows } = planSheet(
      'person',
      [
        ['Name (romanized)', 'Sex', 'Country', 'Roles', 'Organization'],
        ['Somchai', 'male', 'TH', 'expert', 'ku'],
        ['Somphone', 'female', 'LA', 'Trainee, Researcher', 'มหาวิทยาลัยเกษตรศาสตร์'],
        ['Dara', 'female', 'KH', 'expert', 'Institute A'],
        ['Ko', 'male', 'MM', 'expert', 'Institute A'],
        ['Nobody', 'male', 'MM', 'expert', 'Unknown Institute'],
        ['Roleless', 'male', 'MM', '', ''],
      ],
      { organizations },
    );
    expect(rows[0]).toMatchObject({ person: { organizationId: '0194a3b0-0000-7000-8000-000000000001', roles: ['expert'] } });
    expect(rows[1]).toMatchObject({ person: { organizationId: '0194a3b0-0000-7000-8000-000000000001', roles: ['trainee', 'researcher'] } });
    expect(rows[2]).toMatchObject({ person: { organizationId: '0194a3b0-0000-7000-8000-000000000004' } });
    expect(rowIssues(rows[3])).toEqual([expect.objectContaining({ field: 'organization', message: 'v.organizationAmbiguous', params: { name: 'Institute A' } })]);
    expect(rowIssues(rows[4])).toEqual([expect.objectContaining({ field: 'organization', message: 'v.organizationNotFound' })]);
    expect(rowIssues(rows[5])).toEqual([expect.objectContaining({ field: 'roles', message: 'v.required' })]);
  });

  it('refuses records of countries the signed-in officer may not write', () => {
    const principal: Principal = { userId: 'u1', role: 'field-officer', countries: ['TH'] };
    const { rows } = planSheet('trainee', [header, ['', 'Somchai', 'male', '', 'TH', '', '', '', ''], ['', 'Ko Aung', 'male', '', 'MM', '', '', '', '']], { principal });
    expect(rows.map((r) => r.status)).toEqual(['new', 'error']);
    expect(rowIssues(rows[1])).toEqual([expect.objectContaining({ field: 'country', message: 'v.outOfScope', params: { country: 'MM' } })]);
  });
});

describe('natural keys: a re-import adds nothing', () => {
  it('normalizes names: case, width, diacritics, punctuation and spacing do not count', () => {
    expect(normalizeKeyText('  Nguyễn  Văn-A. ')).toBe(normalizeKeyText('nguyen vana'));
    expect(normalizeKeyText('ＡＢＣ')).toBe('abc');
    expect(normalizeKeyText('王 芳')).toBe('王 芳');
  });

  it('recognises people by e-mail, else by country, name and birth year', () => {
    const existing = new NaturalKeyIndex();
    existing.addPerson('p-somchai', { country: 'TH', nameRomanized: 'Somchai Jaidee', birthYear: 1988 });
    existing.addPerson('p-aung', { country: 'MM', nameRomanized: 'Ko Aung', email: 'aung@example.org' });
    existing.addPerson('p-fang', { country: 'CN', nameNative: '王芳' });
    existing.addParticipation(activityId, 'p-somchai');
    const { rows } = planSheet(
      'trainee',
      [
        ['Name (native script)', 'Name (romanized)', 'Sex', 'Year of birth', 'Country', 'E-mail'],
        ['', 'somchai JAIDEE', 'male', 1988, 'TH', ''], // same person, already enrolled
        ['', 'Aung Ko Ko', 'male', '', 'MM', 'Aung@Example.org'], // same e-mail: the same person, not enrolled yet
        ['王芳', '', 'female', '', 'CN', ''], // native name only
        ['', 'Somchai Jaidee', 'male', 1988, 'TH', 'other@example.org'], // the name matches a person without e-mail: the same
        ['', 'Ko Aung', 'male', '', 'MM', 'another@example.org'], // same name, another e-mail: another person
      ],
      { existing },
    );
    expect(rows.map((r) => (r.status !== 'error' && r.kind === 'trainee' ? [r.status, r.existingPersonId] : r.status))).toEqual([
      ['existing', 'p-somchai'],
      ['new', 'p-aung'],
      ['new', 'p-fang'],
      'error', // row 5 repeats row 2 (the same person as Somchai)
      ['new', undefined],
    ]);
  });

  it('recognises organizations by country and any name or the acronym', () => {
    const existing = new NaturalKeyIndex();
    existing.addOrganization('o-ku', { country: 'TH', name: { en: 'Kasetsart University', th: 'มหาวิทยาลัยเกษตรศาสตร์' }, acronym: 'KU' });
    const { rows } = planSheet('organization', [
      ['Name (English)', 'Name (local language)', 'Acronym', 'Type', 'Country'],
      ['Kasetsart University', '', 'KU', 'university', 'TH'],
      ['Kasetsart University (Bangkhen)', '', 'ku', 'university', 'TH'], // the acronym repeats row 2
    ]);
    expect(rows.map((r) => r.status)).toEqual(['new', 'error']);
    expect(rowIssues(rows[1])).toEqual([expect.objectContaining({ message: 'v.duplicateRow', params: { row: 2 } })]);
    const again = planSheet('organization', [
      ['Name (English)', 'Name (local language)', 'Acronym', 'Type', 'Country'],
      ['KASETSART UNIVERSITY', '', '', 'university', 'TH'],
      ['Kasetsart Univ.', '', 'K.U.', 'university', 'TH'],
      ['Kasetsart University', '', '', 'university', 'LA'],
    ], { existing });
    expect(again.rows.map((r) => [r.status, r.status !== 'error' && r.kind === 'organization' ? r.existingId : undefined])).toEqual([
      ['existing', 'o-ku'],
      ['existing', 'o-ku'],
      ['new', undefined],
    ]);
  });
});
