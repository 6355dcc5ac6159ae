import { describe, expect, it } from 'vitest';
import { formatStamp, HybridClock, parseStamp, stampSchema } from './hlc';

describe('hybrid logical clock', () => {
  it('formats stamps that sort as strings in time order and parse back', () => {
    const a = formatStamp(1_700_000_000_000, 0, 'laptop-1');
    const b = formatStamp(1_700_000_000_000, 1, 'laptop-1');
    const c = formatStamp(1_700_000_000_001, 0, 'a');
    expect([c, b, a].sort()).toEqual([a, b, c]);
    expect(parseStamp(b)).toEqual({ wallMs: 1_700_000_000_000, counter: 1, device: 'laptop-1' });
    expect(stampSchema.safeParse(a).success).toBe(true);
    expect(stampSchema.safeParse('yesterday').success).toBe(false);
  });

  it('never goes back when the wall clock does, and keeps counting within one millisecond', () => {
    let now = 1_000_000;
    const clock = new HybridClock('d', () => now);
    const first = clock.tick();
    now -= 500_000; // the battery died and the clock reset
    const second = clock.tick();
    const third = clock.tick();
    expect(first < second && second < third).toBe(true);
    expect(parseStamp(third).wallMs).toBe(1_000_000);
  });

  it('stamps after anything it has observed, and says when a stamp is suspiciously far ahead', () => {
    const clock = new HybridClock('mine', () => 1_000);
    const remote = formatStamp(1_000 + 3 * 24 * 3600 * 1000, 7, 'theirs');
    expect(clock.observe(remote)).toBe(3 * 24 * 3600 * 1000);
    expect(clock.tick() > remote).toBe(true);
    expect(clock.observe(formatStamp(500, 0, 'theirs'))).toBeUndefined();
  });

  it('refuses a device id that would break the stamp format', () => {
    expect(() => new HybridClock('has spaces')).toThrow('not a device id');
  });
});
