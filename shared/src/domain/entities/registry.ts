import { z } from 'zod';
import { activitySchema } from './activity';
import { approvalSchema } from './approval';
import { documentSchema } from './document';
import type { EntityType } from './entityTypes';
import { fieldReportSchema } from './fieldReport';
import { budgetSchema, transactionSchema } from './finance';
import { organizationSchema } from './organization';
import { participatingOrganizationSchema, participationSchema } from './participation';
import { personSchema } from './person';
import { indicatorPeriodSchema, indicatorSchema, resultSchema } from './results';
import { technologyMatchSchema, technologyNeedSchema, technologyOfferSchema } from './technologyTransfer';

/** The one place that says which schema validates which kind of record. */
export const entitySchemas = {
  organization: organizationSchema,
  person: personSchema,
  activity: activitySchema,
  participatingOrganization: participatingOrganizationSchema,
  budget: budgetSchema,
  transaction: transactionSchema,
  result: resultSchema,
  indicator: indicatorSchema,
  indicatorPeriod: indicatorPeriodSchema,
  participation: participationSchema,
  technologyOffer: technologyOfferSchema,
  technologyNeed: technologyNeedSchema,
  technologyMatch: technologyMatchSchema,
  fieldReport: fieldReportSchema,
  document: documentSchema,
  approval: approvalSchema,
} as const satisfies Record<EntityType, z.ZodType>;

export type EntitySchemas = typeof entitySchemas;
export type EntityRecord<E extends EntityType> = z.infer<EntitySchemas[E]>;
export type AnyRecord = { [E in EntityType]: EntityRecord<E> }[EntityType];

/** Any record of any kind, told apart by its `entity` field (one line of an NDJSON file). */
export const anyRecordSchema = z.discriminatedUnion('entity', [
  organizationSchema,
  personSchema,
  activitySchema,
  participatingOrganizationSchema,
  budgetSchema,
  transactionSchema,
  resultSchema,
  indicatorSchema,
  indicatorPeriodSchema,
  participationSchema,
  technologyOfferSchema,
  technologyNeedSchema,
  technologyMatchSchema,
  fieldReportSchema,
  documentSchema,
  approvalSchema,
], {
  // An `entity` that is missing or none of the entity types reads as "v.entityType", not zod's prose.
  error: (issue) => (issue.code === 'invalid_union' ? 'v.entityType' : undefined),
});

/**
 * Records that others point to come first, so an import in this order never stores a record before
 * the record it refers to.
 */
export const entityImportOrder: readonly EntityType[] = [
  'organization',
  'person',
  'activity',
  'participatingOrganization',
  'budget',
  'transaction',
  'result',
  'indicator',
  'indicatorPeriod',
  'participation',
  'technologyOffer',
  'technologyNeed',
  'technologyMatch',
  'document',
  'fieldReport',
  'approval',
];
