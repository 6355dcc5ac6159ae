import { z } from 'zod';
import { countryCodeSchema } from '../domain/taxonomy/countries';
import { entityTypeSchema } from '../domain/entities/entityTypes';
import { recordIdSchema } from '../domain/ids';
import { deviceIdSchema, stampSchema } from './hlc';

/** The field a delete or a restore writes: a record is a tombstone while its winning value is true. */
export const deletedField = '_deleted';

/**
 * One change to one field of one record, as it travels between replicas (network sync, bundles). It is
 * attributable (author, device), ordered (stamp), countable without gaps per device (seq), says what its
 * author saw before (so concurrency is told apart from a plain overwrite), and which countries it
 * belongs to (scope), so that it can be filtered without reading the record.
 */
export const changeSchema = z.object({
  device: deviceIdSchema,
  /** The originating device's own sequence number: 1, 2, 3, ... without gaps. */
  seq: z.number().int().positive(),
  stamp: stampSchema,
  author: z.string().min(1).max(100),
  entity: entityTypeSchema,
  recordId: recordIdSchema,
  field: z.string().min(1).max(64),
  /** The new value; null removes the field. */
  value: z.json(),
  /** Stamps of the values the author saw and replaced (several when resolving a conflict). */
  seen: z.array(stampSchema).max(256),
  scope: z.array(countryCodeSchema),
});
export type Change = z.infer<typeof changeSchema>;

export const changeKey = (change: Pick<Change, 'device' | 'seq'>) => `${change.device}:${change.seq}`;
