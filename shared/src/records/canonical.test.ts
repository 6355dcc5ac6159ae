import { describe, expect, it } from 'vitest';
import { canonicalJson, sameContent } from './canonical';

describe('canonical JSON', () => {
  it('ignores key order and absent (undefined) fields, at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(sameContent({ a: 1, b: 'x' }, { b: 'x', a: 1, c: undefined })).toBe(true);
  });

  it('tells different content apart, including array order', () => {
    expect(sameContent({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameContent({ a: 1 }, { a: '1' })).toBe(false);
  });
});
