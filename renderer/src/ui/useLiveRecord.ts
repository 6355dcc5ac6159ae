import { pickText, type EntityRecord, type EntityType } from '@shared/domain';
import { getRecord } from '../db/reads';
import { useRepositoryData, type RepositoryData } from '../features/history/useRepositoryData';
import { useUiStore } from '../state/uiStore';

/** One record, kept current as changes arrive: the activity a budget belongs to, the indicator a period measures. */
export function useLiveRecord<E extends EntityType>(entity: E, id: string | undefined): RepositoryData<EntityRecord<E> | undefined> {
  return useRepositoryData(
    `${entity}:${id ?? ''}`,
    () => (id ? getRecord(entity, id) : Promise.resolve(undefined)),
    (changes) => changes.some((change) => change.entity === entity && change.ids.includes(id ?? '')),
  );
}

/** The title of a record in the reader's language, kept current; empty until it is read (or when there is none). */
export function useRecordTitle(entity: 'activity' | 'result' | 'indicator', id: string | undefined): string {
  const language = useUiStore((s) => s.language);
  const record = useLiveRecord(entity, id);
  return record.phase === 'ready' ? pickText(record.data?.title, language) : '';
}
