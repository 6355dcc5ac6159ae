import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivedRecordId, newRecordId, recordIdSchema } from './ids';

describe('record ids', () => {
  it('are minted as valid UUIDv7', () => {
    expect(recordIdSchema.safeParse(newRecordId()).success).toBe(true);
  });

  it('derived from a key: valid UUIDv7, the same for the same kind and key on every desk, different otherwise', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (kind, key, other) => {
        const id = derivedRecordId(kind, key);
        expect(recordIdSchema.safeParse(id).success).toBe(true);
        expect(derivedRecordId(kind, key)).toBe(id);
        if (other !== key) expect(derivedRecordId(kind, other)).not.toBe(id);
      }),
      { seed: 6, numRuns: 300 },
    );
    expect(derivedRecordId('person', 'email|a@b.org')).not.toBe(derivedRecordId('organization', 'email|a@b.org'));
  });
});
