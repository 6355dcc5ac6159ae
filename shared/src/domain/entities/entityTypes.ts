import { z } from 'zod';

/** Every kind of record the program keeps. The list is the registry's key set. */
export const entityTypes = [
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
  'fieldReport',
  'document',
  'approval',
] as const;
export const entityTypeSchema = z.enum(entityTypes, { error: 'v.entityType' });
export type EntityType = z.infer<typeof entityTypeSchema>;
