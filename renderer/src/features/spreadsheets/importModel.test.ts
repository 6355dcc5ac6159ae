import { matchHeaders, type PlannedRow } from '@shared/spreadsheets';
import { describe, expect, it } from 'vitest';
import { errorSheetRows, issueLines, rowLabel } from './importModel';

describe('import screen model', () => {
  const rows = [['Name (romanized)', '性别', 'Shoe size'], ['Somchai', 'male', 42], ['Wang Fang', 'X', null]];
  const header = matchHeaders('person', rows[0] ?? []);
  const bad: PlannedRow = { row: 3, status: 'error', issues: [{ row: 3, field: 'sex', column: '性别', message: 'v.notAllowed', params: { value: 'X' } }] };

  it('names a row by the record it makes, or by its name cells when it has errors', () => {
    const good: PlannedRow = { row: 2, status: 'new', kind: 'person', person: { nameRomanized: 'Somchai', nameNative: 'สมชาย', sex: 'male', country: 'TH', roles: ['trainee'] } };
    expect(rowLabel(good, rows[1], header)).toBe('Somchai · สมชาย');
    expect(rowLabel(bad, rows[2], header)).toBe('Wang Fang');
    expect(issueLines([bad])).toEqual(bad.status === 'error' ? bad.issues : []);
  });

  it('gives back the rows with errors as the file had them, with what is wrong in an extra column', () => {
    const sheet = errorSheetRows(rows, header, [{ row: 3, issues: bad.status === 'error' ? bad.issues : [] }], { row: 'Row', problems: 'Problems' }, (issue) => `${issue.column}: ${issue.message}`);
    expect(sheet).toEqual([
      ['Row', 'Name (romanized)', '性别', 'Shoe size', 'Problems'],
      [3, 'Wang Fang', 'X', undefined, '性别: v.notAllowed'],
    ]);
  });
});
