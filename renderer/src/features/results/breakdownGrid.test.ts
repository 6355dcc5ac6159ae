import { describe, expect, it } from 'vitest';
import { breakdownSums, cellKey, gridCells, matchesDimensions, parseCellKey, percentOfTarget, totalMismatch } from './breakdownGrid';

describe('the breakdown grid of an indicator period', () => {
  it('has no cells for an indicator that is not disaggregated', () => {
    expect(gridCells([], ['TH', 'CN'])).toEqual([]);
  });

  it('has one cell per sex when disaggregated by sex', () => {
    expect(gridCells(['sex'], ['TH', 'CN']).map((c) => c.key)).toEqual(['female|-', 'male|-', 'unspecified|-']);
  });

  it("has one cell per country of the activity when disaggregated by country", () => {
    expect(gridCells(['country'], ['TH', 'CN'])).toEqual([
      { key: '-|TH', country: 'TH' },
      { key: '-|CN', country: 'CN' },
    ]);
  });

  it('crosses each sex with each country when disaggregated by both', () => {
    const cells = gridCells(['sex', 'country'], ['LA', 'CN']);
    expect(cells.map((c) => c.key)).toEqual(['female|LA', 'female|CN', 'male|LA', 'male|CN', 'unspecified|LA', 'unspecified|CN']);
    expect(cells[0]).toEqual({ key: 'female|LA', sex: 'female', country: 'LA' });
  });

  it('keeps cells already filled that the grid would not show any more (a country the activity dropped)', () => {
    const cells = gridCells(['country'], ['TH'], [{ country: 'VN', actual: 3 }, { country: 'TH', actual: 1 }]);
    expect(cells.map((c) => c.key)).toEqual(['-|TH', '-|VN']);
  });

  it('reads back a cell key', () => {
    expect(parseCellKey(cellKey({ sex: 'female', country: 'TH' }))).toEqual({ sex: 'female', country: 'TH' });
    expect(parseCellKey(cellKey({ sex: 'male' }))).toEqual({ sex: 'male' });
    expect(parseCellKey(cellKey({ country: 'KH' }))).toEqual({ country: 'KH' });
  });
});

describe('sums and the check of totals', () => {
  it('sums targets and actuals of the cells, each only when some cell has one', () => {
    const sums = breakdownSums([{ sex: 'female', actual: 25 }, { sex: 'male', actual: 20 }], ['sex']);
    expect(sums).toEqual({ actual: 45 });
    expect(breakdownSums([{ sex: 'female', target: 0.1, actual: 1 }, { sex: 'male', target: 0.2 }], ['sex'])).toEqual({ target: 0.3, actual: 1 });
  });

  it('counts only the cells of the indicator’s dimensions (no double counting of kept older cells)', () => {
    const breakdown = [{ sex: 'female' as const, country: 'TH' as const, actual: 5 }, { sex: 'male' as const, country: 'TH' as const, actual: 4 }, { sex: 'female' as const, actual: 9 }];
    expect(breakdownSums(breakdown, ['sex', 'country'])).toEqual({ actual: 9 });
    expect(matchesDimensions({ sex: 'female' }, ['sex', 'country'])).toBe(false);
    expect(matchesDimensions({}, [])).toBe(false);
  });

  it('flags a total that differs from the sum, and nothing when either is missing', () => {
    expect(totalMismatch(40, 45)).toBe(true);
    expect(totalMismatch(45, 45)).toBe(false);
    expect(totalMismatch(undefined, 45)).toBe(false);
    expect(totalMismatch(40, undefined)).toBe(false);
  });

  it('gives the actual as a percentage of the target', () => {
    expect(percentOfTarget(45, 40)).toBe(112.5);
    expect(percentOfTarget(20, 40)).toBe(50);
    expect(percentOfTarget(20, 0)).toBeUndefined();
    expect(percentOfTarget(undefined, 40)).toBeUndefined();
  });
});
