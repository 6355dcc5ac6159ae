import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';

/**
 * Record ids are UUIDv7, minted on the device that creates the record: no server round trip, no
 * collisions between offline devices, and a creation-time order for free.
 */
export const recordIdSchema = z.uuid({ version: 'v7', error: 'v.id' });
export type RecordId = z.infer<typeof recordIdSchema>;

export function newRecordId(): RecordId {
  return uuidv7();
}
