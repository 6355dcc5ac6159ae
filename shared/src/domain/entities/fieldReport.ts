import { z } from 'zod';
import { isoDateSchema } from '../common';
import { countryCodeSchema } from '../taxonomy/countries';
import { optionalText, recordBase, recordIdSchema } from './base';

export const locationSources = ['device', 'typed'] as const;

/** Where a visit took place: from the device's fix (with its accuracy) or typed in when there was none. */
export const geoLocationSchema = z.object({
  latitude: z.number().min(-90, { error: 'v.latitude' }).max(90, { error: 'v.latitude' }),
  longitude: z.number().min(-180, { error: 'v.longitude' }).max(180, { error: 'v.longitude' }),
  accuracyMeters: z.number().nonnegative().optional(),
  source: z.enum(locationSources),
  placeName: optionalText(200),
});

export const fieldReportSchema = z.object({
  ...recordBase('fieldReport'),
  activityId: recordIdSchema,
  country: countryCodeSchema,
  visitDate: isoDateSchema,
  location: geoLocationSchema.optional(),
  narrative: z.string().trim().max(20000, { error: 'v.tooLong' }).default(''),
  indicatorValues: z
    .array(z.object({ indicatorId: recordIdSchema, value: z.number().finite(), note: optionalText(500) }))
    .default([]),
  /** Photos are documents (content-addressed); the report keeps their order and captions. */
  photos: z.array(z.object({ documentId: recordIdSchema, caption: optionalText(300) })).default([]),
});
export type FieldReport = z.infer<typeof fieldReportSchema>;
