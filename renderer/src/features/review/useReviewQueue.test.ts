import { describe, expect, it } from 'vitest';
import { movesReviewCount } from './useReviewQueue';

describe('what the review badge is read again for', () => {
  it('a step taken or arrived, or a reviewable record deleted; not edits of records (a bundle import of them)', () => {
    expect(movesReviewCount([{ entity: 'approval', ids: ['a'], deleted: false }])).toBe(true);
    expect(movesReviewCount([{ entity: 'fieldReport', ids: ['r'], deleted: true }])).toBe(true);
    expect(movesReviewCount([{ entity: 'activity', ids: ['a'], deleted: false }, { entity: 'approval', ids: ['s'], deleted: false }])).toBe(true);

    expect(movesReviewCount([{ entity: 'fieldReport', ids: ['r'], deleted: false }])).toBe(false);
    expect(movesReviewCount([{ entity: 'activity', ids: ['a', 'b'], deleted: false }, { entity: 'person', ids: ['p'], deleted: false }, { entity: 'organization', ids: ['o'], deleted: false }])).toBe(false);
    expect(movesReviewCount([{ entity: 'budget', ids: ['b'], deleted: true }])).toBe(false);
    expect(movesReviewCount([])).toBe(false);
  });
});
