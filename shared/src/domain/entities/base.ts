import { z } from 'zod';
import { isoDateTimeSchema } from '../common';
import { recordIdSchema } from '../ids';
import type { EntityType } from './entityTypes';

/**
 * Fields every stored record carries. `entity` makes a record self-describing, so a line of an NDJSON
 * file, a change in a bundle or a row on the server can be validated without outside context.
 * `createdAt` / `updatedAt` are set by the write path, never by a form.
 */
export function recordBase<E extends EntityType>(entity: E) {
  return {
    entity: z.literal(entity),
    id: recordIdSchema,
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
  };
}

/** Keys the write path owns; forms and imports of drafts leave them out. */
export const systemFields = ['entity', 'id', 'createdAt', 'updatedAt'] as const;
export type SystemField = (typeof systemFields)[number];

export const optionalText = (max = 500) => z.string().trim().min(1).max(max, { error: 'v.tooLong' }).optional();
export const requiredText = (max = 500) =>
  z.string({ error: 'v.required' }).trim().min(1, { error: 'v.required' }).max(max, { error: 'v.tooLong' });
export const positiveInt = () => z.number({ error: 'v.number' }).int({ error: 'v.integer' }).positive({ error: 'v.positive' });
export const nonNegativeInt = () =>
  z.number({ error: 'v.number' }).int({ error: 'v.integer' }).nonnegative({ error: 'v.nonNegative' });
export { recordIdSchema };
