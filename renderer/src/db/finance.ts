import type { Budget, Transaction } from '@shared/domain';
import { tableOf } from './database';
import { organizationName } from './reads';
import type { RecordChange } from './repository';
import { getStore } from './store';

export interface ActivityFinance {
  /** By period, then original before revised. */
  budgets: Budget[];
  /** By date. */
  transactions: Transaction[];
  /** Names of the provider and receiver organizations, by id, in the reader's language. */
  organizationNames: Record<string, string>;
}

/** The money of one activity: its budgets and transactions, and the names of the organizations they name. */
export async function activityFinance(activityId: string, language: string): Promise<ActivityFinance> {
  const { db } = getStore();
  const [budgets, transactions] = await Promise.all([
    tableOf(db, 'budget').where('activityId').equals(activityId).toArray(),
    tableOf(db, 'transaction').where('activityId').equals(activityId).toArray(),
  ]);
  budgets.sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.periodEnd.localeCompare(b.periodEnd) || a.budgetType.localeCompare(b.budgetType));
  transactions.sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
  const ids = [...new Set(transactions.flatMap((t) => [t.providerOrganizationId, t.receiverOrganizationId]).filter((id): id is string => Boolean(id)))];
  const organizations = await tableOf(db, 'organization').bulkGet(ids);
  const organizationNames: Record<string, string> = {};
  ids.forEach((id, i) => {
    const name = organizationName(organizations[i], language);
    if (name) organizationNames[id] = name;
  });
  return { budgets, transactions, organizationNames };
}

/** Whether committed changes can alter what `activityFinance` reads. */
export const financeAffected = (changes: readonly RecordChange[]): boolean =>
  changes.some((change) => change.entity === 'budget' || change.entity === 'transaction' || change.entity === 'organization' || change.entity === 'activity');
