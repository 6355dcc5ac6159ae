import { describe, expect, it } from 'vitest';
import { localToday } from './format';

describe('localToday', () => {
  it("is the date on this computer's calendar, not UTC's", () => {
    // Just before and after local midnight: whatever the time zone, the day is the local one.
    expect(localToday(new Date(2025, 0, 5, 23, 30))).toBe('2025-01-05');
    expect(localToday(new Date(2025, 0, 5, 0, 15))).toBe('2025-01-05');
    expect(localToday(new Date(2025, 11, 31, 12))).toBe('2025-12-31');
  });
});
