import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { exampleRecords } from '../../demo/examples';
import { technologyMatchSchema, technologyNeedSchema, technologyOfferSchema } from './technologyTransfer';

/** The issues of a parse as `path: message` pairs; zod's own messages (prose) as their issue code. */
function problems(schema: z.ZodType, value: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message.startsWith('v.') ? i.message : i.code }));
}

describe('technologyOfferSchema', () => {
  const valid = exampleRecords.technologyOffer;
  it('accepts an offer', () => expect(problems(technologyOfferSchema, valid)).toEqual([]));
  it('keeps the readiness level between 1 and 9', () => {
    expect(problems(technologyOfferSchema, { ...valid, readinessLevel: 10 })).toEqual([{ path: 'readinessLevel', message: 'too_big' }]);
    expect(problems(technologyOfferSchema, { ...valid, readinessLevel: 0 })).toEqual([{ path: 'readinessLevel', message: 'too_small' }]);
    expect(problems(technologyOfferSchema, { ...valid, readinessLevel: 7.5 })).toEqual([{ path: 'readinessLevel', message: 'invalid_type' }]);
  });
  it('requires a priority area, a title and a provider', () => {
    expect(problems(technologyOfferSchema, { ...valid, priorityAreas: [] })).toEqual([{ path: 'priorityAreas', message: 'v.atLeastOne' }]);
    expect(problems(technologyOfferSchema, { ...valid, title: {} })).toEqual([{ path: 'title', message: 'v.required' }]);
    expect(problems(technologyOfferSchema, { ...valid, providerOrganizationId: undefined })).toEqual([{ path: 'providerOrganizationId', message: 'v.id' }]);
    expect(problems(technologyOfferSchema, { ...valid, intellectualProperty: 'secret' })).toEqual([{ path: 'intellectualProperty', message: 'invalid_value' }]);
  });
});

describe('technologyNeedSchema', () => {
  const valid = exampleRecords.technologyNeed;
  it('accepts a need titled in Thai and English', () => expect(problems(technologyNeedSchema, valid)).toEqual([]));
  it('refuses an unknown country and priority area', () => {
    expect(problems(technologyNeedSchema, { ...valid, country: 'AU' })).toEqual([{ path: 'country', message: 'v.country' }]);
    expect(problems(technologyNeedSchema, { ...valid, priorityAreas: ['tech/water/desalination'] })).toEqual([{ path: 'priorityAreas.0', message: 'v.priorityArea' }]);
  });
});

describe('technologyMatchSchema', () => {
  const valid = exampleRecords.technologyMatch;
  it('accepts a match and refuses unknown statuses and missing sides', () => {
    expect(problems(technologyMatchSchema, valid)).toEqual([]);
    expect(problems(technologyMatchSchema, { ...valid, status: 'signed' })).toEqual([{ path: 'status', message: 'invalid_value' }]);
    expect(problems(technologyMatchSchema, { ...valid, needId: undefined })).toEqual([{ path: 'needId', message: 'v.id' }]);
    expect(problems(technologyMatchSchema, { ...valid, statusDate: 'soon' })).toEqual([{ path: 'statusDate', message: 'v.date' }]);
  });
});
