import type { LocalizedText } from '@shared/domain';
import { getRecord } from '../../db/reads';
import { getStore } from '../../db/store';
import { referencesIn } from '../history/formatValue';
import { loadRecordNames, type RecordNames } from '../history/recordNames';
import { useRepositoryData } from '../history/useRepositoryData';
import { groupConflicts, recordName, valuesFromHistory, type ConflictGroup } from './conflictModel';

export interface NamedConflictGroup extends ConflictGroup {
  name: LocalizedText | string | undefined;
  /** The record is stored and shown (not deleted, not waiting for missing fields). */
  stored: boolean;
  /** The stored record, to check a merged value against its schema. */
  record: object | undefined;
  /** The record's country (stored, or as its history last said): whose personal data a person's is. */
  country: unknown;
}

async function loadConflicts(): Promise<{ groups: NamedConflictGroup[]; device: string; names: RecordNames }> {
  const { repository } = getStore();
  const [conflicts, device] = await Promise.all([repository.conflicts(), repository.deviceId()]);
  const groups = await Promise.all(
    groupConflicts(conflicts).map(async (group): Promise<NamedConflictGroup> => {
      const record = await getRecord(group.entity, group.recordId);
      // A deleted record has no row any more: its name comes from its history.
      const values = (record ?? valuesFromHistory(await repository.history(group.entity, group.recordId))) as Record<string, unknown>;
      return { ...group, name: recordName(values), stored: record !== undefined, record, country: values.country };
    }),
  );
  // The competing values' ids (an organization, a parent activity) are shown by the names of what they point to.
  const names = await loadRecordNames(conflicts.flatMap((conflict) => conflict.heads.flatMap((head) => referencesIn(conflict.entity, head.field, head.value))));
  return { groups, device, names };
}

/** The open conflicts by record, kept current as changes arrive and conflicts are resolved. */
export function useConflicts() {
  return useRepositoryData('conflicts', loadConflicts);
}

/** How many conflicts are open, for the navigation's badge. */
export function useConflictCount(): number {
  const state = useRepositoryData('conflict-count', async () => (await getStore().repository.conflicts()).length);
  return state.phase === 'ready' ? state.data : 0;
}
