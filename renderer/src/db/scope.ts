import { scopeFrom, scopeReferences, scopeSubject, type AnyRecord, type CountryCode, type RecordRef } from '@shared/domain';
import { tableOf, type StepDatabase } from './database';

/**
 * The countries records belong to (the rule is shared/src/domain/scope.ts, the same on the server).
 *
 * Computed for a whole batch with a fixed number of reads (always awaited, even when empty): inside an
 * IndexedDB transaction, an async step that sometimes awaits nothing would let the transaction commit early.
 */
export async function scopesOf(db: StepDatabase, records: readonly AnyRecord[]): Promise<CountryCode[][]> {
  const subjectRefs = records.map(scopeSubject);
  const subjectRecords = await fetchAll(db, subjectRefs);
  const subjects = records.map((record, i) => (subjectRefs[i] ? subjectRecords[i] : record));
  const references = subjects.map((subject) => (subject ? scopeReferences(subject) : []));
  const fetched = await fetchAll(db, references.flat());
  let next = 0;
  return subjects.map((subject, i) => scopeFrom(subject, references[i]!.map(() => fetched[next++])));
}

/** One read per entity table, however many records: every ref's record, or undefined. */
async function fetchAll(db: StepDatabase, refs: readonly (RecordRef | undefined)[]): Promise<(AnyRecord | undefined)[]> {
  const byEntity = new Map<RecordRef['entity'], string[]>();
  for (const ref of refs) if (ref) byEntity.set(ref.entity, [...(byEntity.get(ref.entity) ?? []), ref.recordId]);
  const found = new Map<string, AnyRecord>();
  await Promise.all(
    [...byEntity].map(async ([entity, ids]) => {
      const rows = (await tableOf(db, entity).bulkGet(ids)) as (AnyRecord | undefined)[];
      rows.forEach((row) => row && found.set(`${entity}:${row.id}`, row));
    }),
  );
  return refs.map((ref) => (ref ? found.get(`${ref.entity}:${ref.recordId}`) : undefined));
}
