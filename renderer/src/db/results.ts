import type { Indicator, IndicatorPeriod, Result } from '@shared/domain';
import { tableOf } from './database';
import type { RecordChange } from './repository';
import { getStore } from './store';

export interface IndicatorWithPeriods {
  indicator: Indicator;
  /** By period start. */
  periods: IndicatorPeriod[];
}

export interface ResultTree {
  result: Result;
  indicators: IndicatorWithPeriods[];
}

const resultOrder = { output: 0, outcome: 1, impact: 2 } as const;

/** An activity's results, each with its indicators and their periods: outputs, then outcomes, then impacts. */
export async function activityResults(activityId: string): Promise<ResultTree[]> {
  const { db } = getStore();
  const [results, indicators, periods] = await Promise.all([
    tableOf(db, 'result').where('activityId').equals(activityId).toArray(),
    tableOf(db, 'indicator').where('activityId').equals(activityId).toArray(),
    tableOf(db, 'indicatorPeriod').where('activityId').equals(activityId).toArray(),
  ]);
  results.sort((a, b) => resultOrder[a.resultType] - resultOrder[b.resultType] || a.createdAt.localeCompare(b.createdAt));
  indicators.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  periods.sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.periodEnd.localeCompare(b.periodEnd));
  return results.map((result) => ({
    result,
    indicators: indicators
      .filter((indicator) => indicator.resultId === result.id)
      .map((indicator) => ({ indicator, periods: periods.filter((period) => period.indicatorId === indicator.id) })),
  }));
}

/** Whether committed changes can alter what `activityResults` reads. */
export const resultsAffected = (changes: readonly RecordChange[]): boolean =>
  changes.some((change) => change.entity === 'result' || change.entity === 'indicator' || change.entity === 'indicatorPeriod');
