import { describe, expect, it } from 'vitest';
import { amountIn, effectiveBudgets, orderCurrencies, totalsByCurrency, totalsByGroup } from './money';

const item = (amount: number, currency: string, extra: { source?: string } = {}) => ({ value: { amount, currency }, ...extra });

describe('totals per currency', () => {
  it('adds amounts of one currency and never adds different currencies together', () => {
    const totals = totalsByCurrency([item(100, 'CNY'), item(50_000, 'THB'), item(250.5, 'CNY'), item(20, 'USD')]);
    expect(totals).toEqual([
      { currency: 'CNY', amount: 350.5, count: 2 },
      { currency: 'THB', amount: 50_000, count: 1 },
      { currency: 'USD', amount: 20, count: 1 },
    ]);
  });

  it('puts the default currency first, the others alphabetically', () => {
    const totals = totalsByCurrency([item(1, 'USD'), item(2, 'CNY'), item(3, 'THB')], 'THB');
    expect(totals.map((t) => t.currency)).toEqual(['THB', 'CNY', 'USD']);
    expect(orderCurrencies(['USD', 'CNY', 'USD'], 'LAK')).toEqual(['CNY', 'USD']);
  });

  it('sums decimals exactly (no floating-point drift)', () => {
    expect(totalsByCurrency([item(0.1, 'USD'), item(0.2, 'USD')])[0]?.amount).toBe(0.3);
    expect(totalsByCurrency([item(1_000_000.07, 'CNY'), item(0.01, 'CNY'), item(0.02, 'CNY')])[0]?.amount).toBe(1_000_000.1);
  });

  it('answers nothing for no items, and 0 for a currency not among the totals', () => {
    expect(totalsByCurrency([], 'CNY')).toEqual([]);
    expect(amountIn(totalsByCurrency([item(5, 'CNY')]), 'THB')).toBe(0);
    expect(amountIn(totalsByCurrency([item(5, 'CNY')]), 'CNY')).toBe(5);
  });
});

describe('totals per group', () => {
  it('breaks totals down by a key, each group per currency, in the given order', () => {
    const items = [
      item(100, 'CNY', { source: 'chinese-government' }),
      item(30_000, 'THB', { source: 'asean-partner' }),
      item(50, 'CNY', { source: 'chinese-government' }),
      item(10, 'CNY', { source: 'asean-partner' }),
    ];
    const groups = totalsByGroup(items, (i) => i.source ?? '', { firstCurrency: 'CNY', order: ['chinese-government', 'non-governmental', 'asean-partner'] });
    expect(groups).toEqual([
      { key: 'chinese-government', totals: [{ currency: 'CNY', amount: 150, count: 2 }] },
      {
        key: 'asean-partner',
        totals: [
          { currency: 'CNY', amount: 10, count: 1 },
          { currency: 'THB', amount: 30_000, count: 1 },
        ],
      },
    ]);
  });
});

describe('effective budgets', () => {
  const budget = (budgetType: 'original' | 'revised', periodStart: string, periodEnd: string, amount: number) => ({ budgetType, periodStart, periodEnd, value: { amount, currency: 'CNY' } });

  it('counts a revised budget instead of the original of the same period, and keeps other periods', () => {
    const budgets = [budget('original', '2025-01-01', '2025-12-31', 100), budget('revised', '2025-01-01', '2025-12-31', 120), budget('original', '2026-01-01', '2026-12-31', 80)];
    const effective = effectiveBudgets(budgets);
    expect(effective.map((b) => b.value.amount)).toEqual([120, 80]);
    expect(totalsByCurrency(effective)[0]?.amount).toBe(200);
  });
});
