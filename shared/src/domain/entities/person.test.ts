import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { exampleRecords } from '../../demo/examples';
import { personSchema } from './person';

/** The issues of a parse as `path: message` pairs; zod's own messages (prose) as their issue code. */
function problems(schema: z.ZodType, value: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message.startsWith('v.') ? i.message : i.code }));
}

const valid = exampleRecords.person;

describe('personSchema', () => {
  it('accepts a person with a native and a romanized name', () => {
    expect(problems(personSchema, valid)).toEqual([]);
  });

  it('accepts either name alone', () => {
    expect(problems(personSchema, { ...valid, nameNative: undefined, nameNativeLanguage: undefined })).toEqual([]);
    expect(problems(personSchema, { ...valid, nameRomanized: undefined })).toEqual([]);
  });

  it('refuses a person with no name at all, pointing at the romanized name', () => {
    expect(problems(personSchema, { ...valid, nameNative: undefined, nameRomanized: undefined })).toEqual([{ path: 'nameRomanized', message: 'v.personName' }]);
    expect(problems(personSchema, { ...valid, nameNative: ' ', nameRomanized: '' })).toContainEqual({ path: 'nameRomanized', message: 'v.personName' });
  });

  it('reports the missing name alongside other problems', () => {
    expect(problems(personSchema, { ...valid, sex: undefined, nameNative: undefined, nameRomanized: undefined })).toEqual([
      { path: 'sex', message: 'invalid_value' },
      { path: 'nameRomanized', message: 'v.personName' },
    ]);
  });

  it('requires sex, a country and at least one role', () => {
    expect(problems(personSchema, { ...valid, sex: 'x' })).toEqual([{ path: 'sex', message: 'invalid_value' }]);
    expect(problems(personSchema, { ...valid, sex: 'unspecified' })).toEqual([]);
    expect(problems(personSchema, { ...valid, country: 'UK' })).toEqual([{ path: 'country', message: 'v.country' }]);
    expect(problems(personSchema, { ...valid, roles: [] })).toEqual([{ path: 'roles', message: 'v.atLeastOne' }]);
    expect(problems(personSchema, { ...valid, roles: ['student'] })).toEqual([{ path: 'roles.0', message: 'invalid_value' }]);
  });

  it('checks birth year, e-mail and the native name language', () => {
    expect(problems(personSchema, { ...valid, birthYear: 1850 })).toEqual([{ path: 'birthYear', message: 'v.birthYear' }]);
    expect(problems(personSchema, { ...valid, email: 'sudarat@' })).toEqual([{ path: 'email', message: 'v.email' }]);
    expect(problems(personSchema, { ...valid, nameNativeLanguage: 'fr' })).toEqual([{ path: 'nameNativeLanguage', message: 'invalid_value' }]);
  });

  it('never throws on a value that is not an object', () => {
    for (const value of [null, 'Sudarat', 42, []]) expect(personSchema.safeParse(value).success).toBe(false);
  });
});
