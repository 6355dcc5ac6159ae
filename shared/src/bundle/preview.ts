import { changeKey, type Change } from '../sync/change';
import { materialize } from '../sync/merge';

const recordKey = (change: Pick<Change, 'entity' | 'recordId'>) => `${change.entity}:${change.recordId}`;

/**
 * What applying `incoming` would do, for an import's dry run, computed by the merge itself so that it
 * says what the apply will do: which records already exist here, and how many conflicts would open
 * (conflicts after minus conflicts before, per record). `held` gives a record's changes here, or
 * undefined when this replica has never heard of the record (no read of its changes needed then).
 */
export async function previewChanges(
  incoming: readonly Change[],
  held: (records: readonly { entity: Change['entity']; recordId: string }[]) => Promise<(Change[] | undefined)[]>,
): Promise<{ existing: Set<string>; newConflicts: number }> {
  const byRecord = new Map<string, Change[]>();
  for (const change of incoming) {
    const key = recordKey(change);
    const list = byRecord.get(key);
    if (list) list.push(change);
    else byRecord.set(key, [change]);
  }
  const records = [...byRecord.values()].map((changes) => changes[0] as Change);
  const current = await held(records);
  const existing = new Set<string>();
  let newConflicts = 0;
  for (const [i, record] of records.entries()) {
    const before = current[i];
    if (before && before.length > 0) existing.add(recordKey(record));
    const all = new Map<string, Change>();
    for (const change of [...(before ?? []), ...(byRecord.get(recordKey(record)) ?? [])]) all.set(changeKey(change), change);
    const after = materialize([...all.values()]).conflicts.length;
    const was = before && before.length > 0 ? materialize(before).conflicts.length : 0;
    newConflicts += Math.max(0, after - was);
  }
  return { existing, newConflicts };
}
