import { z } from 'zod';
import { emailSchema, localizedTextSchema, urlSchema } from '../common';
import { countryCodeSchema } from '../taxonomy/countries';
import { organizationTypeSchema } from '../taxonomy/organizationTypes';
import { optionalText, recordBase, recordIdSchema } from './base';

export const organizationSchema = z.object({
  ...recordBase('organization'),
  /** Name in the organization's own language(s); English where it has one. */
  name: localizedTextSchema,
  acronym: optionalText(30),
  type: organizationTypeSchema,
  country: countryCodeSchema,
  parentId: recordIdSchema.optional(),
  /** IATI organisation identifier, where the organization has one. */
  iatiIdentifier: optionalText(100),
  city: optionalText(120),
  address: optionalText(500),
  website: urlSchema.optional(),
  email: emailSchema.optional(),
  phone: optionalText(40),
});
export type Organization = z.infer<typeof organizationSchema>;
