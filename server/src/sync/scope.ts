import { scopeFrom, scopeReferences, scopeSubject, scopeView, type RecordRef, type RecordValues } from '@shared/domain/scope';
import type { EntityType } from '@shared/domain/entities/entityTypes';
import type { CountryCode } from '@shared/domain/taxonomy/countries';
import type { Queryable } from '../db/database';
import { recordKey } from './rows';

/**
 * The countries of records as the server stores them, by the shared rule (shared/src/domain/scope.ts).
 *
 * The server's records may be incomplete or invalid (half of a new record's fields may come in a later
 * push), so the rule is given a lenient view: only the fields it reads, each kept when it has the right
 * shape and dropped otherwise (shared/src/domain/scope.ts scopeView).
 */
export type { RecordValues };

/** Records by key from the database, in one query; `overlay` (values not yet stored) takes precedence. */
export async function readRecordValues(db: Queryable, refs: readonly RecordRef[], overlay?: ReadonlyMap<string, RecordValues>): Promise<Map<string, RecordValues>> {
  const found = new Map<string, RecordValues>();
  const missing = refs.filter((ref) => {
    const hit = overlay?.get(recordKey(ref.entity, ref.recordId));
    if (hit) found.set(recordKey(ref.entity, ref.recordId), hit);
    return !hit;
  });
  if (missing.length > 0) {
    const rows = await db.query<{ entity: EntityType; record_id: string; data: Record<string, unknown> }>(
      'select r.entity, r.record_id, r.data from records r join unnest($1::text[], $2::text[]) as k(entity, record_id) on r.entity = k.entity and r.record_id = k.record_id',
      [missing.map((ref) => ref.entity), missing.map((ref) => ref.recordId)],
    );
    for (const row of rows) found.set(recordKey(row.entity, row.record_id), { entity: row.entity, recordId: row.record_id, values: row.data });
  }
  return found;
}

/** The countries of each record, sorted, with two batched reads whatever the number of records. */
export async function scopesOf(db: Queryable, records: readonly RecordValues[], overlay?: ReadonlyMap<string, RecordValues>): Promise<CountryCode[][]> {
  return (await scopeDetails(db, records, overlay)).map((detail) => detail.countries);
}

export interface ScopeDetail {
  countries: CountryCode[];
  /** The records the rule needed that are not here (nor in `overlay`): the countries may be incomplete. */
  missing: RecordRef[];
}

/** scopesOf, also naming what each record's countries could not be computed from (unknown records). */
export async function scopeDetails(db: Queryable, records: readonly RecordValues[], overlay?: ReadonlyMap<string, RecordValues>): Promise<ScopeDetail[]> {
  const subjectRefs = records.map((record) => scopeSubject(scopeView(record)));
  const subjectsFound = await readRecordValues(db, subjectRefs.filter((ref): ref is RecordRef => ref !== undefined), overlay);
  const subjects = records.map((record, i) => {
    const ref = subjectRefs[i];
    if (!ref) return scopeView(record);
    const subject = subjectsFound.get(recordKey(ref.entity, ref.recordId));
    return subject ? scopeView(subject) : undefined;
  });
  const references = subjects.map((subject) => (subject ? scopeReferences(subject) : []));
  const referencesFound = await readRecordValues(db, references.flat(), overlay);
  return subjects.map((subject, i) => {
    const subjectRef = subjectRefs[i];
    const refs = references[i]!.map((ref) => referencesFound.get(recordKey(ref.entity, ref.recordId)));
    const missing = [...(subjectRef && !subject ? [subjectRef] : []), ...references[i]!.filter((_ref, j) => refs[j] === undefined)];
    return { countries: scopeFrom(subject, refs.map((ref) => (ref ? scopeView(ref) : undefined))).sort(), missing };
  });
}
