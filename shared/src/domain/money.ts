import type { Money } from './common';

/**
 * Totals of money per currency. Amounts in different currencies are never added together: the desk has
 * no exchange rates offline, so a total in yuan and a total in baht stay two totals. Sums are kept in
 * ten-thousandths (integers) so that 0.1 + 0.2 is 0.3, not 0.30000000000000004.
 */
export interface CurrencyTotal {
  currency: string;
  amount: number;
  /** How many items went into it. */
  count: number;
}

const scale = 10_000;

/**
 * One total per currency. `firstCurrency` (an activity's default currency) comes first when present;
 * the others follow in alphabetical order.
 */
export function totalsByCurrency(items: readonly { value: Money }[], firstCurrency?: string): CurrencyTotal[] {
  const sums = new Map<string, { units: number; count: number }>();
  for (const { value } of items) {
    const sum = sums.get(value.currency) ?? { units: 0, count: 0 };
    sum.units += Math.round(value.amount * scale);
    sum.count += 1;
    sums.set(value.currency, sum);
  }
  return orderCurrencies([...sums.keys()], firstCurrency).map((currency) => {
    const sum = sums.get(currency) as { units: number; count: number };
    return { currency, amount: sum.units / scale, count: sum.count };
  });
}

/** Currencies in reading order: `firstCurrency` first (if among them), then alphabetical. */
export function orderCurrencies(currencies: Iterable<string>, firstCurrency?: string): string[] {
  return [...new Set(currencies)].sort((a, b) => (a === firstCurrency ? -1 : b === firstCurrency ? 1 : a.localeCompare(b)));
}

export interface GroupTotals<K extends string> {
  key: K;
  totals: CurrencyTotal[];
}

/**
 * Totals per currency for each group of items (by funding source, by contribution form), groups in the
 * order `order` gives (groups not in it follow, alphabetically); a group with no items is left out.
 */
export function totalsByGroup<T extends { value: Money }, K extends string>(
  items: readonly T[],
  groupOf: (item: T) => K,
  options: { firstCurrency?: string; order?: readonly K[] } = {},
): GroupTotals<K>[] {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = groupOf(item);
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  const order = options.order ?? [];
  const rank = (key: K) => {
    const index = order.indexOf(key);
    return index === -1 ? order.length : index;
  };
  return [...groups.keys()]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((key) => ({ key, totals: totalsByCurrency(groups.get(key) as T[], options.firstCurrency) }));
}

/** The amount of one currency in a list of totals (0 when absent). */
export function amountIn(totals: readonly CurrencyTotal[], currency: string): number {
  return totals.find((total) => total.currency === currency)?.amount ?? 0;
}

/**
 * The budgets that count for an activity's planned total (IATI): a revised budget replaces the
 * original one for the same period, so both are not added up.
 */
export function effectiveBudgets<B extends { periodStart: string; periodEnd: string; budgetType: 'original' | 'revised' }>(budgets: readonly B[]): B[] {
  const revised = new Set(budgets.filter((b) => b.budgetType === 'revised').map((b) => `${b.periodStart}/${b.periodEnd}`));
  return budgets.filter((b) => b.budgetType === 'revised' || !revised.has(`${b.periodStart}/${b.periodEnd}`));
}
