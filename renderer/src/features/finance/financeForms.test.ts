import { entitySchemas, type Budget, type Transaction } from '@shared/domain';
import { describe, expect, it } from 'vitest';
import {
  budgetErrorField,
  budgetToForm,
  emptyBudgetForm,
  emptyTransactionForm,
  toBudgetDraft,
  toTransactionDraft,
  transactionToForm,
  typedNumber,
} from './financeForms';

const activityId = '0194a3b0-0000-7000-8000-000000000001';
const system = { id: '0194a3b0-0000-7000-8000-0000000000ff', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' };
const issues = (entity: 'budget' | 'transaction', draft: object) => {
  const parsed = entitySchemas[entity].safeParse({ ...draft, ...system, entity });
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}:${issue.message}`);
};

describe('numbers as typed', () => {
  it('reads blank as absent, numbers as numbers and keeps anything else for the schema to refuse', () => {
    expect(typedNumber('  ')).toBeUndefined();
    expect(typedNumber('1250.75')).toBe(1250.75);
    expect(typedNumber('12,5')).toBe('12,5');
  });
});

describe('budget form', () => {
  it("starts in the activity's currency, as an indicative original budget", () => {
    expect(emptyBudgetForm(activityId, 'THB')).toMatchObject({ activityId, currency: 'THB', status: 'indicative', budgetType: 'original', source: '' });
  });

  it('makes a valid budget (currency upper-cased, no source when none chosen) and reads it back', () => {
    const draft = toBudgetDraft({ ...emptyBudgetForm(activityId, 'CNY'), periodStart: '2025-01-01', periodEnd: '2025-12-31', amount: '500000', currency: 'cny' });
    expect(draft).toMatchObject({ value: { amount: 500000, currency: 'CNY' }, source: undefined });
    expect(issues('budget', draft)).toEqual([]);
    const budget = { ...draft, ...system, entity: 'budget' } as Budget;
    expect(toBudgetDraft(budgetToForm(budget))).toEqual(draft);
  });

  it('reports a missing amount and period on their fields', () => {
    const problems = issues('budget', toBudgetDraft(emptyBudgetForm(activityId, 'CNY')));
    expect(problems).toEqual(expect.arrayContaining(['value.amount:v.number', 'periodStart:v.date', 'periodEnd:v.date']));
    expect(budgetErrorField('value.amount')).toBe('amount');
    expect(budgetErrorField('value.currency')).toBe('currency');
  });
});

describe('transaction form', () => {
  const filled = { ...emptyTransactionForm(activityId, 'CNY'), date: '2025-05-01', amount: '200000', source: 'chinese-government' };

  it('makes a valid cash transaction, incoming funds by default', () => {
    const draft = toTransactionDraft(filled);
    expect(draft).toMatchObject({ transactionType: 'incoming-funds', form: 'cash', inKindCategory: undefined, value: { amount: 200000, currency: 'CNY' } });
    expect(issues('transaction', draft)).toEqual([]);
  });

  it('asks what an in-kind contribution consists of', () => {
    expect(issues('transaction', toTransactionDraft({ ...filled, form: 'in-kind' }))).toEqual(['inKindCategory:v.inKindCategoryRequired']);
    expect(issues('transaction', toTransactionDraft({ ...filled, form: 'in-kind', inKindCategory: 'equipment' }))).toEqual([]);
  });

  it('drops the category when the form goes back to cash', () => {
    const draft = toTransactionDraft({ ...filled, form: 'cash', inKindCategory: 'equipment' });
    expect(draft.inKindCategory).toBeUndefined();
    expect(issues('transaction', draft)).toEqual([]);
  });

  it('round-trips an in-kind contribution with organizations and a valuation note', () => {
    const draft = toTransactionDraft({
      ...filled,
      form: 'in-kind',
      inKindCategory: 'equipment',
      currency: 'THB',
      source: 'asean-partner',
      providerOrganizationId: '0194a3b0-0000-7000-8000-000000000010',
      valuationNote: ' Market price of two PCR machines ',
      description: '',
    });
    expect(draft).toMatchObject({ valuationNote: 'Market price of two PCR machines', description: undefined, receiverOrganizationId: undefined });
    const transaction = { ...draft, ...system, entity: 'transaction' } as Transaction;
    expect(toTransactionDraft(transactionToForm(transaction))).toEqual(draft);
  });
});
