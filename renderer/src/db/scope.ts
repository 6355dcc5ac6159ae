import type { AnyRecord, CountryCode } from '@shared/domain';
import { tableOf, type StepDatabase } from './database';

/**
 * The countries records belong to: who may see and edit them, and so which changes travel where. A record
 * that hangs off an activity belongs to that activity's countries; a technology match to its offer's and
 * need's countries; a document or an approval to those of the record it is about.
 *
 * Computed for a whole batch with a fixed number of reads (always awaited, even when empty): inside an
 * IndexedDB transaction, an async step that sometimes awaits nothing would let the transaction commit early.
 */
export async function scopesOf(db: StepDatabase, records: readonly AnyRecord[]): Promise<CountryCode[][]> {
  // What documents and approvals are about, read first so their scope follows the record's own.
  const targets = records.map((record) => (record.entity === 'document' ? record.attachedTo : record.entity === 'approval' ? record.target : undefined));
  const targetRecords = await Promise.all(targets.map((target) => (target ? tableOf(db, target.entity).get(target.recordId) : undefined)));
  const subjects = records.map((record, i) => (targets[i] ? (targetRecords[i] as AnyRecord | undefined) : record));

  const activityIds = subjects.map((subject) => (subject && 'activityId' in subject ? subject.activityId : undefined));
  const offerIds = subjects.map((subject) => (subject?.entity === 'technologyMatch' ? subject.offerId : undefined));
  const needIds = subjects.map((subject) => (subject?.entity === 'technologyMatch' ? subject.needId : undefined));
  const [activities, offers, needs] = await Promise.all([
    tableOf(db, 'activity').bulkGet(activityIds.map((id) => id ?? '')),
    tableOf(db, 'technologyOffer').bulkGet(offerIds.map((id) => id ?? '')),
    tableOf(db, 'technologyNeed').bulkGet(needIds.map((id) => id ?? '')),
  ]);
  return subjects.map((subject, i) => {
    if (!subject) return [];
    if (subject.entity === 'activity') return subject.countries;
    if ('country' in subject) return [subject.country];
    if (subject.entity === 'technologyMatch') return unique([offers[i]?.country, needs[i]?.country]);
    return activities[i]?.countries ?? [];
  });
}

function unique(codes: (CountryCode | undefined)[]): CountryCode[] {
  return [...new Set(codes.filter((code): code is CountryCode => code !== undefined))];
}
