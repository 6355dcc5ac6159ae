import { pickText, type AnyRecord, type EntityType, type LocalizedText } from '@shared/domain';
import { referencedRecords } from '../../db/referencedRecords';
import { recordName } from '../conflicts/conflictModel';
import type { RecordRef } from './formatValue';

/** The names of the records some values point to, read in the reader's language when shown. */
export interface RecordNames {
  nameOf(entity: EntityType, id: string, language: string): string | undefined;
}

export const noNames: RecordNames = { nameOf: () => undefined };

/** Names of records this computer has (titles, names; a person's names as they write them). */
export function recordNamesOf(records: readonly AnyRecord[]): RecordNames {
  const names = new Map<string, LocalizedText | string>();
  for (const record of records) {
    const name = recordName(record as unknown as Record<string, unknown>);
    if (name) names.set(`${record.entity}:${record.id}`, name);
  }
  return {
    nameOf: (entity, id, language) => {
      const name = names.get(`${entity}:${id}`);
      return typeof name === 'string' ? name : name ? pickText(name, language) || undefined : undefined;
    },
  };
}

/** Reads the records that `refs` point to and names them. */
export async function loadRecordNames(refs: readonly RecordRef[]): Promise<RecordNames> {
  return refs.length === 0 ? noNames : recordNamesOf(await referencedRecords(refs));
}
