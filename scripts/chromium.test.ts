import { describe, expect, it } from 'vitest';
import { findChromium } from './chromium.mjs';

describe('findChromium', () => {
  it('prefers CHROMIUM_PATH, and says nothing was found when it points nowhere', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/chrome' }, (p) => p === '/opt/chrome')).toBe('/opt/chrome');
    expect(findChromium({ CHROMIUM_PATH: '/opt/missing' }, () => false)).toBeUndefined();
  });

  it("falls back to Debian's chromium", () => {
    expect(findChromium({}, (p) => p === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
    expect(findChromium({}, () => false)).toBeUndefined();
  });
});
