import { SyncEngine } from './engine';
import { MemoryStorage } from './memoryStorage';

/** A replica for tests: an engine over memory, with a clock the test controls. */
export interface Replica {
  name: string;
  storage: MemoryStorage;
  engine: SyncEngine;
  clock: { now: number };
}

export function replica(name: string, startMs = Date.UTC(2026, 0, 1)): Replica {
  const storage = new MemoryStorage();
  const clock = { now: startMs };
  return { name, storage, clock, engine: new SyncEngine(storage, name, `user-${name}`, () => clock.now) };
}

/** Sends `to` everything `from` has that `to` lacks; answers how many changes travelled. */
export async function send(from: Replica, to: Replica): Promise<number> {
  const changes = await from.engine.changesBeyond(await to.engine.vector());
  await to.engine.apply(changes);
  return changes.length;
}

/** What a replica shows: its records (without the bookkeeping stamps) and its conflicts, canonically ordered. */
export function snapshot(r: Replica) {
  const records = [...r.storage.records()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, record]) => ({ key, deleted: record.deleted, values: record.values, updatedAt: record.updatedAt }));
  const conflicts = [...r.storage.records().values()]
    .flatMap((record) => record.conflicts)
    .map((c) => `${c.entity}:${c.recordId}:${c.field}:${c.heads.map((h) => h.stamp).join(',')}`)
    .sort();
  return { records, conflicts };
}
