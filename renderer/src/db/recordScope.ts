import type { EntityType } from '@shared/domain';
import type { StepDatabase } from './database';
import { getStore } from './store';

/**
 * The countries a stored record belongs to, as the sync engine computed them when it was last written
 * (recordMeta.scope: the same shared rule as the server's). Undefined for a record not on this desk, or
 * deleted (its tombstone keeps a scope, but there is no record to see or change).
 */
export async function recordScope(entity: EntityType, recordId: string, db: StepDatabase = getStore().db): Promise<string[] | undefined> {
  const meta = await db.recordMeta.get([entity, recordId]);
  return meta && !meta.deleted ? meta.scope : undefined;
}
