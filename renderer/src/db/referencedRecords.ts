import type { AnyRecord, EntityType } from '@shared/domain';
import { tableOf } from './database';
import { getStore } from './store';

/**
 * The records some values point to (a history's or a conflict's ids), read in one go per kind of
 * record. Ids not on this computer are left out.
 */
export async function referencedRecords(refs: readonly { entity: EntityType; id: string }[]): Promise<AnyRecord[]> {
  const { db } = getStore();
  const idsByEntity = new Map<EntityType, Set<string>>();
  for (const { entity, id } of refs) {
    const ids = idsByEntity.get(entity) ?? new Set<string>();
    ids.add(id);
    idsByEntity.set(entity, ids);
  }
  const found = await Promise.all([...idsByEntity].map(([entity, ids]) => tableOf(db, entity).bulkGet([...ids])));
  return found.flat().filter((record): record is NonNullable<typeof record> => record !== undefined) as AnyRecord[];
}
