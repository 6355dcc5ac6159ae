/**
 * The incoming side of the sync benchmark, made in Node: a field laptop's history of activities as the
 * sync engine records it, i.e. the changes another replica receives. Each activity is first entered as
 * a draft (a working title, a one-sentence description, status "pipeline", a longer planned period,
 * one country and one priority area, no actual dates yet), then edited later by the same device into
 * its final form, field by field, as real histories are; a last round of description edits tops the
 * count up to exactly `changes` when the two rounds fall short. The changes come from the real engine
 * (SyncEngine over MemoryStorage), so stamps, sequence numbers, `seen` and scopes are what a peer sends.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { generateDemoRecords } from '@shared/demo/generate';
import type { Activity, AnyRecord } from '@shared/domain';
import { sameContent } from '@shared/records/canonical';
import type { Change } from '@shared/sync/change';
import { SyncEngine } from '@shared/sync/engine';
import { MemoryStorage } from '@shared/sync/memoryStorage';

type Json = Change['value'];

export interface SyncHistoryOptions {
  /** Activities (default 5,000). */
  records?: number;
  /** Exactly this many changes (default 100,000); at least one per field of every draft. */
  changes?: number;
  seed?: number;
  /** The device the changes come from. */
  device?: string;
}

export interface SyncHistory {
  /** Every change, in the order a peer sends them (the device's seq order). */
  changes: Change[];
  /** The records as the merge makes them from all of the changes: what a store holds at the end. */
  records: AnyRecord[];
  device: string;
}

const dayMs = 24 * 60 * 60 * 1000;
const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

/** The fields a record's changes carry (as the repository's write path does): all but its identity and updatedAt. */
function syncedFields(record: AnyRecord): Record<string, Json> {
  const fields: Record<string, Json> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'entity' || key === 'id' || key === 'updatedAt' || value === undefined) continue;
    fields[key] = value as Json;
  }
  return fields;
}

/** The activity as first entered: valid, and different from the final form in the fields edited later. */
export function draftOf(activity: Activity): Record<string, Json> {
  const fields = syncedFields(activity as AnyRecord);
  const title = activity.title.en ?? Object.values(activity.title)[0] ?? 'Activity';
  fields.title = { ...activity.title, en: `${title} (working title)` };
  const description = activity.description?.en ?? '';
  fields.description = { en: description ? `${description.split('. ')[0]?.replace(/\.$/, '')}. (To be completed.)` : 'To be written.' };
  fields.status = 'pipeline';
  fields.plannedStart = shiftDay(activity.plannedStart, -30);
  // The end planned later, so that the dates are in order whichever of the two edits arrived first.
  if (activity.plannedEnd) fields.plannedEnd = shiftDay(activity.plannedEnd, 30);
  delete fields.actualStart;
  delete fields.actualEnd;
  delete fields.iatiIdentifier;
  fields.countries = activity.countries.slice(0, 1);
  fields.priorityAreas = activity.priorityAreas.slice(0, 1);
  return fields;
}

export async function generateSyncHistory(options: SyncHistoryOptions = {}): Promise<SyncHistory> {
  const count = options.records ?? 5_000;
  const target = options.changes ?? 100_000;
  const device = options.device ?? 'bench-field-laptop';
  const start = Date.UTC(2026, 0, 5);
  const clock = { now: start };
  const storage = new MemoryStorage();
  const engine = new SyncEngine(storage, device, 'user:bench-field-officer', () => clock.now);
  const activities = [...generateDemoRecords({ records: count, seed: options.seed ?? 3, mix: 'activities', now: new Date(start - dayMs) })] as Activity[];

  let made = 0;
  const write = async (activity: Activity, fields: Record<string, Json>) => {
    clock.now += 60_000; // a minute between two saves
    const changes = await engine.recordLocal([{ kind: 'write', entity: 'activity', recordId: activity.id, fields, scope: activity.countries }]);
    made += changes.length;
  };

  // Round 1: every activity entered as a draft.
  const drafts = activities.map(draftOf);
  for (const [i, activity] of activities.entries()) await write(activity, drafts[i] as Record<string, Json>);
  if (made > target) throw new Error(`${count} drafts already make ${made} changes, more than the ${target} asked for`);

  // Round 2: later, each draft edited into its final form (only fields that differ), until the target.
  for (const [i, activity] of activities.entries()) {
    if (made >= target) break;
    const final = syncedFields(activity as AnyRecord);
    const draft = drafts[i] as Record<string, Json>;
    const edits = Object.entries(final).filter(([field, value]) => !sameContent(draft[field], value));
    await write(activity, Object.fromEntries(edits.slice(0, target - made)));
  }

  // Round 3, when needed: later notes added to descriptions, one field per save, until the target.
  for (let round = 1; made < target; round += 1) {
    for (const activity of activities) {
      if (made >= target) break;
      const en = activity.description?.en ?? '';
      await write(activity, { description: { ...activity.description, en: `${en} Update ${round}: report received.`.trim() } });
    }
  }

  const changes = await engine.changesBeyond({});
  const records = [...storage.records().values()].map((merged) => ({ ...merged.values, entity: merged.entity, id: merged.recordId, updatedAt: merged.updatedAt }) as AnyRecord);
  return { changes, records, device };
}

/** Writes items as NDJSON, one a line. */
export async function writeNdjson(file: string, items: Iterable<unknown>): Promise<void> {
  const stream = createWriteStream(file);
  for (const item of items) if (!stream.write(`${JSON.stringify(item)}\n`)) await once(stream, 'drain');
  stream.end();
  await once(stream, 'finish');
}
