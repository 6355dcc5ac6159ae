import { z } from 'zod';
import { currencyCodeSchema, datesInOrder, isoDateSchema, localizedTextSchema, optionalLocalizedTextSchema, checkAlongsideFieldErrors } from '../common';
import { countryCodeSchema } from '../taxonomy/countries';
import { priorityAreaCodeSchema } from '../taxonomy/priorityAreas';
import { activityStatusSchema } from '../taxonomy/roles';
import { activityDetailsSchema } from './activityDetails';
import { optionalText, recordBase, recordIdSchema } from './base';

const uniqueList = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .min(1, { error: 'v.atLeastOne' })
    .refine((list) => new Set(list).size === list.length, { error: 'v.duplicates' });

/** An activity, modelled on the IATI activity standard. */
export const activitySchema = z
  .object({
    ...recordBase('activity'),
    title: localizedTextSchema,
    description: optionalLocalizedTextSchema.default({}),
    /** Kind-specific fields; `details.kind` is the activity's kind. */
    details: activityDetailsSchema,
    status: activityStatusSchema,
    /** Countries the activity takes place in or involves; decides who sees and edits it. */
    countries: uniqueList(countryCodeSchema),
    priorityAreas: uniqueList(priorityAreaCodeSchema),
    plannedStart: isoDateSchema,
    plannedEnd: isoDateSchema.optional(),
    actualStart: isoDateSchema.optional(),
    actualEnd: isoDateSchema.optional(),
    parentId: recordIdSchema.optional(),
    iatiIdentifier: optionalText(100),
    defaultCurrency: currencyCodeSchema.default('CNY'),
  })
  .refine((a) => datesInOrder(a.plannedStart, a.plannedEnd), { error: 'v.endBeforeStart', path: ['plannedEnd'], ...checkAlongsideFieldErrors })
  .refine((a) => datesInOrder(a.actualStart, a.actualEnd), { error: 'v.endBeforeStart', path: ['actualEnd'], ...checkAlongsideFieldErrors })
  .refine((a) => a.parentId !== a.id, { error: 'v.ownParent', path: ['parentId'], ...checkAlongsideFieldErrors });
export type Activity = z.infer<typeof activitySchema>;

/** The year an activity counts under in statistics: when it actually started, else when it was planned to. */
export function activityYear(activity: Pick<Activity, 'actualStart' | 'plannedStart'>): number {
  return Number((activity.actualStart ?? activity.plannedStart).slice(0, 4));
}
