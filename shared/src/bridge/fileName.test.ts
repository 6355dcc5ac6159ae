import { describe, expect, it } from 'vitest';
import { fileNameProblem, toPlainFileName, utf8ByteLength } from './fileName';

describe('plain file names', () => {
  it('accepts ordinary names in any script', () => {
    for (const name of ['report.csv', 'STEP 2025 (draft).xlsx', '活动.csv', 'กิจกรรม.json', '.hidden']) {
      expect(fileNameProblem(name), name).toBeUndefined();
    }
  });

  it('refuses what could leave the chosen folder or break on Windows', () => {
    for (const name of ['', '.', '..', 'a/b', 'a\\b', 'C:', 'a:b', 'x\u0000', 'x\n', 'ends.', 'ends ', ' starts', 'con', 'COM1.txt', 'lpt9.csv', '\ud800.csv']) {
      expect(fileNameProblem(name), JSON.stringify(name)).toBeDefined();
    }
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8ByteLength('a')).toBe(1);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('活')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
  });

  it('turns any title into a valid name, keeping the extension', () => {
    expect(toPlainFileName('Q1: budget/plan?.csv')).toBe('Q1_ budget_plan_.csv');
    expect(toPlainFileName('  ..  ')).toBe('export');
    expect(toPlainFileName('NUL.txt')).toBe('_NUL.txt');
    const long = toPlainFileName(`${'活'.repeat(200)}.csv`);
    expect(long.endsWith('.csv')).toBe(true);
    expect(utf8ByteLength(long)).toBeLessThanOrEqual(255);
    const emoji = toPlainFileName(`${'😀'.repeat(100)}.json`);
    expect(fileNameProblem(emoji)).toBeUndefined();
    for (const raw of ['a/b\\c', 'x\u0000y', 'tail.', `${'z'.repeat(400)}`, 'report.csv']) {
      expect(fileNameProblem(toPlainFileName(raw)), raw).toBeUndefined();
    }
  });
});
