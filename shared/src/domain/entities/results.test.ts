import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { exampleRecords } from '../../demo/examples';
import { indicatorPeriodSchema, indicatorSchema, resultSchema } from './results';

/** The issues of a parse as `path: message` pairs; zod's own messages (prose) as their issue code. */
function problems(schema: z.ZodType, value: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message.startsWith('v.') ? i.message : i.code }));
}

describe('resultSchema', () => {
  const valid = exampleRecords.result;
  it('accepts a result and requires its title and type', () => {
    expect(problems(resultSchema, valid)).toEqual([]);
    expect(problems(resultSchema, { ...valid, title: {} })).toEqual([{ path: 'title', message: 'v.required' }]);
    expect(problems(resultSchema, { ...valid, resultType: 'activity' })).toEqual([{ path: 'resultType', message: 'invalid_value' }]);
  });
});

describe('indicatorSchema', () => {
  const valid = exampleRecords.indicator;
  it('accepts an indicator disaggregated by sex and fills defaults', () => {
    expect(problems(indicatorSchema, valid)).toEqual([]);
    const { ascending: _a, disaggregations: _d, ...bare } = valid;
    expect(indicatorSchema.parse(bare)).toMatchObject({ ascending: true, disaggregations: [] });
  });
  it('refuses unknown measures and dimensions, and baselines out of range', () => {
    expect(problems(indicatorSchema, { ...valid, measure: 'count' })).toEqual([{ path: 'measure', message: 'invalid_value' }]);
    expect(problems(indicatorSchema, { ...valid, disaggregations: ['age'] })).toEqual([{ path: 'disaggregations.0', message: 'invalid_value' }]);
    expect(problems(indicatorSchema, { ...valid, baselineYear: 1980 })).toEqual([{ path: 'baselineYear', message: 'too_small' }]);
    expect(problems(indicatorSchema, { ...valid, resultId: undefined })).toEqual([{ path: 'resultId', message: 'v.id' }]);
  });
});

describe('indicatorPeriodSchema', () => {
  const valid = exampleRecords.indicatorPeriod;
  it('accepts targets and actuals broken down by sex and by country', () => {
    expect(problems(indicatorPeriodSchema, valid)).toEqual([]);
    const byCountry = [{ country: 'LA', target: 10, actual: 8 }, { country: 'KH', target: 10, actual: 12 }];
    expect(problems(indicatorPeriodSchema, { ...valid, breakdown: byCountry })).toEqual([]);
    expect(problems(indicatorPeriodSchema, { ...valid, target: undefined, actual: undefined, breakdown: undefined })).toEqual([]);
  });
  it('refuses a period that ends before it starts', () => {
    expect(problems(indicatorPeriodSchema, { ...valid, periodEnd: '2024-02-01' })).toEqual([{ path: 'periodEnd', message: 'v.endBeforeStart' }]);
  });
  it('refuses breakdowns by an unknown sex or country, and values that are not numbers', () => {
    expect(problems(indicatorPeriodSchema, { ...valid, breakdown: [{ sex: 'f', target: 1 }] })).toEqual([{ path: 'breakdown.0.sex', message: 'invalid_value' }]);
    expect(problems(indicatorPeriodSchema, { ...valid, breakdown: [{ country: 'XX', target: 1 }] })).toEqual([{ path: 'breakdown.0.country', message: 'v.country' }]);
    expect(problems(indicatorPeriodSchema, { ...valid, actual: '12' })).toEqual([{ path: 'actual', message: 'invalid_type' }]);
  });
});
