import { describe, expect, it } from 'vitest';
import { writeAccessOf } from './useWriteAccess';

describe('write access on screens', () => {
  const officer = { userId: 'u1', role: 'field-officer' as const, countries: ['TH' as const] };
  it('lets a person change records of their countries, and says why not for others', () => {
    expect(writeAccessOf(officer, ['TH', 'VN'])).toEqual({ allowed: true });
    expect(writeAccessOf(officer, ['VN'])).toEqual({ allowed: false, refusal: 'out-of-scope' });
    expect(writeAccessOf(officer, [])).toEqual({ allowed: false, refusal: 'out-of-scope' });
  });
  it('lets the Secretariat change anything, and a desk not enrolled what it holds', () => {
    expect(writeAccessOf({ userId: 's', role: 'secretariat', countries: [] }, ['VN'])).toEqual({ allowed: true });
    expect(writeAccessOf(undefined, ['VN'])).toEqual({ allowed: true });
  });
  it('does not judge a record whose countries are unknown here (the server will)', () => {
    expect(writeAccessOf(officer, undefined)).toEqual({ allowed: true });
  });
});
