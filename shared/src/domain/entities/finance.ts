import { z } from 'zod';
import { datesInOrder, isoDateSchema, moneySchema, checkAlongsideFieldErrors } from '../common';
import { contributionFormSchema, fundingSourceSchema, inKindCategorySchema } from '../taxonomy/roles';
import { optionalText, recordBase, recordIdSchema } from './base';

export const budgetStatuses = ['indicative', 'committed'] as const;
export const budgetTypes = ['original', 'revised'] as const;

/** A planned amount for a period of an activity (IATI budget). */
export const budgetSchema = z
  .object({
    ...recordBase('budget'),
    activityId: recordIdSchema,
    periodStart: isoDateSchema,
    periodEnd: isoDateSchema,
    value: moneySchema,
    status: z.enum(budgetStatuses),
    budgetType: z.enum(budgetTypes),
    source: fundingSourceSchema.optional(),
  })
  .refine((b) => datesInOrder(b.periodStart, b.periodEnd), { error: 'v.endBeforeStart', path: ['periodEnd'], ...checkAlongsideFieldErrors });
export type Budget = z.infer<typeof budgetSchema>;

export const transactionTypes = [
  'incoming-commitment',
  'incoming-funds',
  'outgoing-commitment',
  'disbursement',
  'expenditure',
] as const;

/**
 * Money or an in-kind contribution that moved (IATI transaction). In-kind contributions carry what they
 * consist of and how they were valued, so statistics can count them beside cash.
 */
export const transactionSchema = z
  .object({
    ...recordBase('transaction'),
    activityId: recordIdSchema,
    transactionType: z.enum(transactionTypes),
    date: isoDateSchema,
    value: moneySchema,
    form: contributionFormSchema,
    inKindCategory: inKindCategorySchema.optional(),
    source: fundingSourceSchema,
    providerOrganizationId: recordIdSchema.optional(),
    receiverOrganizationId: recordIdSchema.optional(),
    description: optionalText(1000),
    valuationNote: optionalText(1000),
  })
  .refine((t) => t.form !== 'in-kind' || t.inKindCategory !== undefined, {
    error: 'v.inKindCategoryRequired',
    path: ['inKindCategory'],
    ...checkAlongsideFieldErrors,
  })
  .refine((t) => t.form !== 'cash' || t.inKindCategory === undefined, {
    error: 'v.inKindCategoryOnlyInKind',
    path: ['inKindCategory'],
    ...checkAlongsideFieldErrors,
  });
export type Transaction = z.infer<typeof transactionSchema>;
