import type { EntityType } from '@shared/domain';

/**
 * Which records point at which: the fields (all indexed, see database.ts) through which a record of one
 * kind refers to a record of another. The write path uses it to refuse deleting a record others still
 * need, and to refuse a parent chain that loops back on itself.
 */
export const referrers: Partial<Record<EntityType, readonly { entity: EntityType; field: string }[]>> = {
  activity: [
    { entity: 'activity', field: 'parentId' },
    { entity: 'participatingOrganization', field: 'activityId' },
    { entity: 'budget', field: 'activityId' },
    { entity: 'transaction', field: 'activityId' },
    { entity: 'result', field: 'activityId' },
    { entity: 'indicator', field: 'activityId' },
    { entity: 'indicatorPeriod', field: 'activityId' },
    { entity: 'participation', field: 'activityId' },
    { entity: 'fieldReport', field: 'activityId' },
  ],
  organization: [
    { entity: 'organization', field: 'parentId' },
    { entity: 'person', field: 'organizationId' },
    { entity: 'participatingOrganization', field: 'organizationId' },
    { entity: 'technologyOffer', field: 'providerOrganizationId' },
    { entity: 'technologyNeed', field: 'seekerOrganizationId' },
  ],
  person: [{ entity: 'participation', field: 'personId' }],
  result: [{ entity: 'indicator', field: 'resultId' }],
  indicator: [{ entity: 'indicatorPeriod', field: 'indicatorId' }],
};

/** Kinds of record that form trees through `parentId`. */
export const hierarchical: readonly EntityType[] = ['activity', 'organization'];
