import { z } from 'zod';
import { datesInOrder, isoDateSchema, localizedTextSchema, optionalLocalizedTextSchema, checkAlongsideFieldErrors } from '../common';
import { countryCodeSchema } from '../taxonomy/countries';
import { sexSchema } from '../taxonomy/roles';
import { optionalText, recordBase, recordIdSchema } from './base';

export const resultTypes = ['output', 'outcome', 'impact'] as const;

export const resultSchema = z.object({
  ...recordBase('result'),
  activityId: recordIdSchema,
  resultType: z.enum(resultTypes),
  title: localizedTextSchema,
  description: optionalLocalizedTextSchema.default({}),
});
export type Result = z.infer<typeof resultSchema>;

export const indicatorMeasures = ['unit', 'percentage', 'qualitative'] as const;
export const disaggregationDimensions = ['sex', 'country'] as const;

export const indicatorSchema = z.object({
  ...recordBase('indicator'),
  activityId: recordIdSchema,
  resultId: recordIdSchema,
  title: localizedTextSchema,
  measure: z.enum(indicatorMeasures),
  unit: optionalText(60),
  /** True when a higher value is better. */
  ascending: z.boolean().default(true),
  /** Dimensions its targets and actuals are broken down by. */
  disaggregations: z.array(z.enum(disaggregationDimensions)).default([]),
  baselineYear: z.number().int().min(1990).max(2100).optional(),
  baselineValue: z.number().finite().optional(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const indicatorBreakdownSchema = z.object({
  sex: sexSchema.optional(),
  country: countryCodeSchema.optional(),
  target: z.number().finite().optional(),
  actual: z.number().finite().optional(),
});

/** Target and actual of an indicator for one reporting period. */
export const indicatorPeriodSchema = z
  .object({
    ...recordBase('indicatorPeriod'),
    activityId: recordIdSchema,
    indicatorId: recordIdSchema,
    periodStart: isoDateSchema,
    periodEnd: isoDateSchema,
    target: z.number().finite().optional(),
    actual: z.number().finite().optional(),
    breakdown: z.array(indicatorBreakdownSchema).default([]),
    comment: optionalText(2000),
  })
  .refine((p) => datesInOrder(p.periodStart, p.periodEnd), { error: 'v.endBeforeStart', path: ['periodEnd'], ...checkAlongsideFieldErrors });
export type IndicatorPeriod = z.infer<typeof indicatorPeriodSchema>;
