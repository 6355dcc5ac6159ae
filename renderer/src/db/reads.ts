import { pickText, type EntityRecord, type EntityType, type Organization } from '@shared/domain';
import { tableOf } from './database';
import { getStore } from './store';

/** Reads the screens need, in one place beside the write path. */
export function getRecord<E extends EntityType>(entity: E, id: string): Promise<EntityRecord<E> | undefined> {
  return tableOf(getStore().db, entity).get(id);
}

export function countRecords(entity: EntityType): Promise<number> {
  return tableOf(getStore().db, entity).count();
}

export async function listOrganizations(): Promise<Organization[]> {
  return tableOf(getStore().db, 'organization').toArray();
}

export function organizationName(organization: Organization | undefined, language: string): string {
  if (!organization) return '';
  const name = pickText(organization.name, language);
  return organization.acronym ? `${name} (${organization.acronym})` : name;
}

/** The records that hang off one activity, for its detail page. */
export async function activityRelations(activityId: string) {
  const { db } = getStore();
  const [partners, budgets, transactions, participations, reports, children] = await Promise.all([
    tableOf(db, 'participatingOrganization').where('activityId').equals(activityId).toArray(),
    tableOf(db, 'budget').where('activityId').equals(activityId).toArray(),
    tableOf(db, 'transaction').where('activityId').equals(activityId).toArray(),
    tableOf(db, 'participation').where('activityId').equals(activityId).count(),
    tableOf(db, 'fieldReport').where('activityId').equals(activityId).count(),
    tableOf(db, 'activity').where('parentId').equals(activityId).toArray(),
  ]);
  const organizations = await tableOf(db, 'organization').bulkGet(partners.map((p) => p.organizationId));
  return {
    partners: partners.map((partner, i) => ({ partner, organization: organizations[i] })),
    budgets,
    transactions,
    participationCount: participations,
    fieldReportCount: reports,
    children,
  };
}
