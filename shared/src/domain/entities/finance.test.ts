import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { exampleRecords } from '../../demo/examples';
import { budgetSchema, transactionSchema } from './finance';

/** The issues of a parse as `path: message` pairs; zod's own messages (prose) as their issue code. */
function problems(schema: z.ZodType, value: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message.startsWith('v.') ? i.message : i.code }));
}

describe('budgetSchema', () => {
  const valid = exampleRecords.budget;

  it('accepts a budget for a period', () => {
    expect(problems(budgetSchema, valid)).toEqual([]);
    expect(problems(budgetSchema, { ...valid, source: undefined, budgetType: 'revised', status: 'indicative' })).toEqual([]);
  });

  it('refuses a period that ends before it starts', () => {
    expect(problems(budgetSchema, { ...valid, periodEnd: '2024-01-01' })).toEqual([{ path: 'periodEnd', message: 'v.endBeforeStart' }]);
  });

  it('checks the amount and the currency code', () => {
    expect(problems(budgetSchema, { ...valid, value: { amount: -5, currency: 'CNY' } })).toEqual([{ path: 'value.amount', message: 'v.nonNegative' }]);
    expect(problems(budgetSchema, { ...valid, value: { amount: '1800000', currency: 'CNY' } })).toEqual([{ path: 'value.amount', message: 'v.number' }]);
    expect(problems(budgetSchema, { ...valid, value: { amount: 1, currency: 'rmb' } })).toEqual([{ path: 'value.currency', message: 'v.currency' }]);
    expect(problems(budgetSchema, { ...valid, value: { amount: Number.POSITIVE_INFINITY, currency: 'CNY' } })).not.toEqual([]);
  });
});

describe('transactionSchema', () => {
  const inKind = exampleRecords.transaction;
  const cash = { ...inKind, form: 'cash', inKindCategory: undefined, value: { amount: 500000, currency: 'CNY' }, source: 'chinese-government' };

  it('accepts cash, and in-kind contributions with their category', () => {
    expect(problems(transactionSchema, inKind)).toEqual([]);
    expect(problems(transactionSchema, cash)).toEqual([]);
  });

  it('requires a category for an in-kind contribution', () => {
    expect(problems(transactionSchema, { ...inKind, inKindCategory: undefined })).toEqual([{ path: 'inKindCategory', message: 'v.inKindCategoryRequired' }]);
  });

  it('refuses a category on cash', () => {
    expect(problems(transactionSchema, { ...cash, inKindCategory: 'equipment' })).toEqual([{ path: 'inKindCategory', message: 'v.inKindCategoryOnlyInKind' }]);
  });

  it('refuses unknown types, forms, categories and sources', () => {
    expect(problems(transactionSchema, { ...cash, transactionType: 'payment' })).toEqual([{ path: 'transactionType', message: 'invalid_value' }]);
    expect(problems(transactionSchema, { ...cash, form: 'loan' })).toEqual([{ path: 'form', message: 'invalid_value' }]);
    expect(problems(transactionSchema, { ...inKind, inKindCategory: 'land' })).toEqual([{ path: 'inKindCategory', message: 'invalid_value' }]);
    expect(problems(transactionSchema, { ...cash, source: 'world-bank' })).toEqual([{ path: 'source', message: 'invalid_value' }]);
    expect(problems(transactionSchema, { ...cash, date: '2024-3-1' })).toEqual([{ path: 'date', message: 'v.date' }]);
  });
});
