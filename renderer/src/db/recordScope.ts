import type { EntityType } from '@shared/domain';
import { getStore } from './store';

/**
 * The countries a stored record belongs to, as the sync engine computed them when it was last written
 * (recordMeta.scope: the same shared rule as the server's). Undefined for a record not on this desk.
 */
export async function recordScope(entity: EntityType, recordId: string): Promise<string[] | undefined> {
  return (await getStore().db.recordMeta.get([entity, recordId]))?.scope;
}
