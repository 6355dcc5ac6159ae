import { z } from 'zod';
import { isoDateSchema, localizedTextSchema, optionalLocalizedTextSchema } from '../common';
import { countryCodeSchema } from '../taxonomy/countries';
import { priorityAreaCodeSchema } from '../taxonomy/priorityAreas';
import { optionalText, recordBase, recordIdSchema } from './base';

export const intellectualPropertyStatuses = ['patented', 'patent-pending', 'know-how', 'open'] as const;

/** A technology an organization offers through the Technology Transfer Center. */
export const technologyOfferSchema = z.object({
  ...recordBase('technologyOffer'),
  title: localizedTextSchema,
  description: optionalLocalizedTextSchema.default({}),
  providerOrganizationId: recordIdSchema,
  country: countryCodeSchema,
  priorityAreas: z.array(priorityAreaCodeSchema).min(1, { error: 'v.atLeastOne' }),
  /** Technology readiness level, 1 (principle observed) to 9 (proven in operation). */
  readinessLevel: z.number().int().min(1).max(9),
  intellectualProperty: z.enum(intellectualPropertyStatuses).optional(),
  postedOn: isoDateSchema,
});
export type TechnologyOffer = z.infer<typeof technologyOfferSchema>;

/** A technology an organization is looking for. */
export const technologyNeedSchema = z.object({
  ...recordBase('technologyNeed'),
  title: localizedTextSchema,
  description: optionalLocalizedTextSchema.default({}),
  seekerOrganizationId: recordIdSchema,
  country: countryCodeSchema,
  priorityAreas: z.array(priorityAreaCodeSchema).min(1, { error: 'v.atLeastOne' }),
  postedOn: isoDateSchema,
});
export type TechnologyNeed = z.infer<typeof technologyNeedSchema>;

export const matchStatuses = ['proposed', 'contacted', 'negotiating', 'agreed', 'dropped'] as const;

/** The Technology Transfer Center's matchmaking of one offer with one need. */
export const technologyMatchSchema = z.object({
  ...recordBase('technologyMatch'),
  offerId: recordIdSchema,
  needId: recordIdSchema,
  status: z.enum(matchStatuses),
  statusDate: isoDateSchema,
  brokerPersonId: recordIdSchema.optional(),
  notes: optionalText(4000),
});
export type TechnologyMatch = z.infer<typeof technologyMatchSchema>;
