/**
 * Runs inside the benchmark's page (bundled with esbuild, injected as a script): the sync figures, through
 * the renderer's own repository (the one write path, `applyRemote`, `changesBeyond`) on IndexedDB, and
 * their floor, a plain Dexie bulkPut of the same rows. Parsing the files is never timed.
 */
import type { AnyRecord } from '@shared/domain';
import type { Change } from '@shared/sync/change';
import { openStepDatabase, tableNames, type StepDatabase } from '../../renderer/src/db/database';
import { createRepository, type Repository } from '../../renderer/src/db/repository';
import { fetchNdjson } from './fetchNdjson';

const freshName = (what: string) => `bench-sync-${what}-${Date.now()}-${Math.random().toString(36).slice(2)}`;

async function storedRecords(db: StepDatabase): Promise<number> {
  const counts = await Promise.all(Object.values(tableNames).map((table) => db.table(table).count()));
  return counts.reduce((a, b) => a + b, 0);
}

/** `changesBeyond(vector())` as a peer asks when it is up to date, `calls` times; answers each call's ms. */
async function timeNothingNew(repository: Repository, calls: number): Promise<number[]> {
  // One call first, not timed: the engine is made and the device id read on first use.
  const first = await repository.changesBeyond(await repository.vector());
  if (first.length !== 0) throw new Error(`"nothing new" found ${first.length} changes beyond the store's own vector`);
  const times: number[] = [];
  for (let call = 0; call < calls; call += 1) {
    const t0 = performance.now();
    const beyond = await repository.changesBeyond(await repository.vector());
    times.push(performance.now() - t0);
    if (beyond.length !== 0) throw new Error(`"nothing new" found ${beyond.length} changes`);
  }
  return times;
}

export interface ApplyReport {
  changes: number;
  chunks: number;
  applyMs: number;
  /** Records in the entity tables at the end, and merged records kept aside as not (yet) valid. */
  records: number;
  invalid: number;
  conflicts: number;
  /** A second apply of everything, untimed: every change must be a duplicate. */
  secondApply: { applied: number; duplicates: number; rejected: number };
  /** `changesBeyond(vector())` in the store just filled, per call (ms). */
  nothingNewMs: number[];
}

/**
 * Applies the changes at `url` to a fresh store through the repository, `chunk` changes per
 * `applyRemote` call (each call one transaction: all of the chunk or none), one after another.
 */
async function applyChanges(url: string, options: { chunk: number; nothingNewCalls: number }): Promise<ApplyReport> {
  const changes = await fetchNdjson<Change>(url);
  const db = openStepDatabase(freshName('apply'));
  await db.open();
  const repository = createRepository(db);
  await repository.deviceId(); // the store's own device id, minted once, before the clock starts
  let applied = 0;
  let rejected = 0;
  let duplicates = 0;
  const t0 = performance.now();
  for (let start = 0; start < changes.length; start += options.chunk) {
    const result = await repository.applyRemote(changes.slice(start, start + options.chunk));
    applied += result.applied;
    duplicates += result.duplicates;
    rejected += result.rejected.length;
  }
  const applyMs = performance.now() - t0;
  if (applied !== changes.length || rejected !== 0 || duplicates !== 0) {
    throw new Error(`applying ${changes.length} changes: ${applied} applied, ${duplicates} duplicates, ${rejected} rejected`);
  }
  const again = await repository.applyRemote(changes);
  const report: ApplyReport = {
    changes: changes.length,
    chunks: Math.ceil(changes.length / options.chunk),
    applyMs,
    records: await storedRecords(db),
    invalid: await db.recordMeta.filter((meta) => meta.problems !== undefined).count(),
    conflicts: await db.conflicts.count(),
    secondApply: { applied: again.applied, duplicates: again.duplicates, rejected: again.rejected.length },
    nothingNewMs: await timeNothingNew(repository, options.nothingNewCalls),
  };
  db.close();
  await db.delete();
  return report;
}

/**
 * The floor: the same rows with plain Dexie bulkPut into a fresh store of the same schema, no validation
 * and no merge. One transaction per chunk of `chunk` changes (as the apply): the chunk's change rows, and
 * the final form of each record whose last change is in the chunk.
 */
async function bulkPutFloor(changesUrl: string, recordsUrl: string, options: { chunk: number }): Promise<{ floorMs: number; changes: number; records: number }> {
  const changes = await fetchNdjson<Change>(changesUrl);
  const records = await fetchNdjson<AnyRecord>(recordsUrl);
  const lastChunk = new Map<string, number>();
  for (const [i, change] of changes.entries()) lastChunk.set(`${change.entity}:${change.recordId}`, Math.floor(i / options.chunk));
  const chunks = Array.from({ length: Math.ceil(changes.length / options.chunk) }, (_, i) => ({
    changes: changes.slice(i * options.chunk, (i + 1) * options.chunk),
    byTable: new Map<string, AnyRecord[]>(),
  }));
  for (const record of records) {
    const chunk = chunks[lastChunk.get(`${record.entity}:${record.id}`) ?? chunks.length - 1];
    if (!chunk) throw new Error('no chunk for a record');
    const table = tableNames[record.entity];
    const rows = chunk.byTable.get(table) ?? [];
    rows.push(record);
    chunk.byTable.set(table, rows);
  }
  const db = openStepDatabase(freshName('floor'));
  await db.open();
  const tables = [db.changes, ...Object.values(tableNames).map((table) => db.table(table))];
  const t0 = performance.now();
  for (const chunk of chunks) {
    await db.transaction('rw', tables, async () => {
      await db.changes.bulkPut(chunk.changes);
      for (const [table, rows] of chunk.byTable) await db.table(table).bulkPut(rows);
    });
  }
  const floorMs = performance.now() - t0;
  const stored = { changes: await db.changes.count(), records: await storedRecords(db) };
  db.close();
  await db.delete();
  if (stored.changes !== changes.length || stored.records !== records.length) throw new Error(`the floor stored ${stored.changes} changes and ${stored.records} records`);
  return { floorMs, ...stored };
}

/** "Nothing new" in an existing store: by default the app's own, filled by the benchmark's import. */
async function nothingNewIn(name: string | undefined, calls: number): Promise<{ records: number; changes: number; devices: number; timesMs: number[] }> {
  const db = openStepDatabase(name);
  await db.open();
  const repository = createRepository(db);
  const timesMs = await timeNothingNew(repository, calls);
  const result = { records: await storedRecords(db), changes: await db.changes.count(), devices: Object.keys(await repository.vector()).length, timesMs };
  db.close();
  return result;
}

(window as unknown as { __stepSyncBench: unknown }).__stepSyncBench = { applyChanges, bulkPutFloor, nothingNewIn };

export type StepSyncBench = { applyChanges: typeof applyChanges; bulkPutFloor: typeof bulkPutFloor; nothingNewIn: typeof nothingNewIn };
