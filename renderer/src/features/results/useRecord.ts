import type { EntityRecord, EntityType } from '@shared/domain';
import { getRecord } from '../../db/reads';
import { useRepositoryData, type RepositoryData } from '../history/useRepositoryData';

/** One record, kept current: the result an indicator hangs under, the indicator a period measures. */
export function useRecord<E extends EntityType>(entity: E, id: string | undefined): RepositoryData<EntityRecord<E> | undefined> {
  return useRepositoryData(
    `${entity}:${id ?? ''}`,
    () => (id ? getRecord(entity, id) : Promise.resolve(undefined)),
    (changes) => changes.some((change) => change.entity === entity && change.ids.includes(id ?? '')),
  );
}
