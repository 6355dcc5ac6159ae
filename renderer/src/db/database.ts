import Dexie, { type Table } from 'dexie';
import type { AnyRecord, EntityRecord, EntityType } from '@shared/domain';
import type { ActivityRow } from './activityRows';

/** Which table holds which kind of record. */
export const tableNames = {
  organization: 'organizations',
  person: 'people',
  activity: 'activities',
  participatingOrganization: 'participatingOrganizations',
  budget: 'budgets',
  transaction: 'transactions',
  result: 'results',
  indicator: 'indicators',
  indicatorPeriod: 'indicatorPeriods',
  participation: 'participations',
  technologyOffer: 'technologyOffers',
  technologyNeed: 'technologyNeeds',
  technologyMatch: 'technologyMatches',
  fieldReport: 'fieldReports',
  document: 'documents',
  approval: 'approvals',
} as const satisfies Record<EntityType, string>;

type EntityTables = { [E in EntityType as (typeof tableNames)[E]]: Table<EntityRecord<E>, string> };

export type StepDatabase = Dexie &
  EntityTables & {
    /** Compact list rows of activities, kept by the write path in the same transaction as the activity. */
    activityRows: Table<ActivityRow, string>;
  };

/**
 * Version 1 of the local store. Indexes are what the screens query by; everything else is in the record.
 * A later version adds a `.version(2)` block with an upgrade function: never edit this one in place.
 */
export function openStepDatabase(name = 'step-desk'): StepDatabase {
  const db = new Dexie(name) as StepDatabase;
  db.version(1).stores({
    organizations: 'id, updatedAt, country, type, parentId',
    people: 'id, updatedAt, country, organizationId',
    activities: 'id, updatedAt, details.kind, status, *countries, *priorityAreas, plannedStart, parentId',
    participatingOrganizations: 'id, activityId, organizationId',
    budgets: 'id, activityId',
    transactions: 'id, activityId, date',
    results: 'id, activityId',
    indicators: 'id, activityId, resultId',
    indicatorPeriods: 'id, activityId, indicatorId',
    participations: 'id, activityId, personId',
    technologyOffers: 'id, country, providerOrganizationId',
    technologyNeeds: 'id, country, seekerOrganizationId',
    technologyMatches: 'id, offerId, needId, status',
    fieldReports: 'id, activityId, visitDate, country',
    documents: 'id, sha256, [attachedTo.entity+attachedTo.recordId]',
    approvals: 'id, [target.entity+target.recordId], at',
    activityRows: 'id, updatedAt',
  });
  return db;
}

export function tableOf<E extends EntityType>(db: StepDatabase, entity: E): Table<EntityRecord<E>, string> {
  return db.table(tableNames[entity]);
}

export type { AnyRecord };
