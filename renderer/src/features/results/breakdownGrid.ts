import { sexes, type CountryCode, type Indicator, type IndicatorPeriod, type Sex } from '@shared/domain';

type Breakdown = IndicatorPeriod['breakdown'][number];
type Dimension = Indicator['disaggregations'][number];

/** One cell of a period's breakdown grid: a sex, a country, or both. */
export interface BreakdownCell {
  key: string;
  sex?: Sex;
  country?: CountryCode;
}

/** A cell's key in the form's values: `female|TH`, `male|-`, `-|LA`. */
export const cellKey = ({ sex, country }: { sex?: string; country?: string }): string => `${sex ?? '-'}|${country ?? '-'}`;

export function parseCellKey(key: string): { sex?: Sex; country?: CountryCode } {
  const [sex = '-', country = '-'] = key.split('|');
  return { ...(sex !== '-' && { sex: sex as Sex }), ...(country !== '-' && { country: country as CountryCode }) };
}

/**
 * The cells an indicator's period is broken down into: each sex (when the indicator is disaggregated by
 * sex) × each of the activity's countries (when by country). Cells already filled in a stored period that
 * the grid would not show any more (the activity lost a country, the indicator a dimension) are kept at
 * the end, so nothing recorded disappears from the form.
 */
export function gridCells(disaggregations: readonly Dimension[], countries: readonly CountryCode[], existing: readonly Breakdown[] = []): BreakdownCell[] {
  const bySex = disaggregations.includes('sex');
  const byCountry = disaggregations.includes('country');
  const cells: BreakdownCell[] = [];
  if (bySex || byCountry) {
    const sexList: (Sex | undefined)[] = bySex ? sexes.map((s) => s.code) : [undefined];
    const countryList: (CountryCode | undefined)[] = byCountry ? [...countries] : [undefined];
    for (const sex of sexList) for (const country of countryList) cells.push({ key: cellKey({ sex, country }), ...(sex && { sex }), ...(country && { country }) });
  }
  const keys = new Set(cells.map((cell) => cell.key));
  for (const entry of existing) {
    const key = cellKey(entry);
    if (keys.has(key)) continue;
    keys.add(key);
    cells.push({ key, ...(entry.sex && { sex: entry.sex }), ...(entry.country && { country: entry.country }) });
  }
  return cells;
}

/** Whether a breakdown entry is a cell of exactly the indicator's dimensions (so it counts in the sum). */
export function matchesDimensions(entry: { sex?: string; country?: string }, disaggregations: readonly Dimension[]): boolean {
  return Boolean(entry.sex) === disaggregations.includes('sex') && Boolean(entry.country) === disaggregations.includes('country') && (Boolean(entry.sex) || Boolean(entry.country));
}

export interface BreakdownSums {
  /** Undefined when no cell has a target (or an actual). */
  target?: number;
  actual?: number;
}

/** The sums of the breakdown's targets and actuals over the cells of the indicator's dimensions. */
export function breakdownSums(breakdown: readonly Breakdown[], disaggregations: readonly Dimension[]): BreakdownSums {
  const sums: BreakdownSums = {};
  for (const entry of breakdown) {
    if (!matchesDimensions(entry, disaggregations)) continue;
    if (typeof entry.target === 'number') sums.target = round((sums.target ?? 0) + entry.target);
    if (typeof entry.actual === 'number') sums.actual = round((sums.actual ?? 0) + entry.actual);
  }
  return sums;
}

const round = (value: number) => Math.round(value * 1e9) / 1e9;

/** A period's total that differs from the sum of its breakdown (both given): worth a notice, not an error. */
export function totalMismatch(total: number | undefined, sum: number | undefined): boolean {
  return total !== undefined && sum !== undefined && Math.abs(total - sum) > 1e-9;
}

/** The actual as a percentage of the target; undefined without both, or with a target of zero. */
export function percentOfTarget(actual: number | undefined, target: number | undefined): number | undefined {
  if (actual === undefined || target === undefined || target === 0) return undefined;
  return (actual / target) * 100;
}
