import 'fake-indexeddb/auto';
import { testChanges } from '@shared/bundle/testing';
import { changeKey } from '@shared/sync/change';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStepDatabase, type StepDatabase } from './database';
import { DexieSyncStorage } from './syncStorage';

let db: StepDatabase;
let storage: DexieSyncStorage;

beforeEach(async () => {
  db = openStepDatabase(`sync-storage-${Math.random()}`);
  await db.open();
  storage = new DexieSyncStorage(db);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const changes = (device: string, firstSeq: number, count: number) => testChanges({ device, author: `device:${device}`, count, firstSeq });

describe('the change log on IndexedDB', () => {
  it('says which changes are held, for dense runs and scattered seqs, across devices', async () => {
    await db.changes.bulkPut([...changes('a', 1, 50), ...changes('a', 1000, 1), ...changes('b', 10, 5)]);
    const asked = ['a:1', 'a:25', 'a:50', 'a:51', 'a:1000', 'a:999999', 'b:9', 'b:12', 'c:1'];
    expect([...(await storage.heldKeys(asked))].sort()).toEqual(['a:1', 'a:1000', 'a:25', 'a:50', 'b:12'].sort());
    const dense = changes('a', 1, 50).map(changeKey);
    expect((await storage.heldKeys(dense)).size).toBe(50);
    expect(await storage.heldKeys([])).toEqual(new Set());
  });

  it('finds the end of the contiguous run however far it goes, and stops at the first gap', async () => {
    // Longer than one page of keys, then a gap, then changes that arrived ahead of it.
    await db.changes.bulkPut([...changes('a', 1, 5000), ...changes('a', 5002, 3000)]);
    expect(await storage.highestContiguous('a', 0)).toBe(5000);
    expect(await storage.highestContiguous('a', 4000)).toBe(5000);
    expect(await storage.highestContiguous('a', 5001)).toBe(8001);
    expect(await storage.highestContiguous('a', 8001)).toBe(8001);
    expect(await storage.highestContiguous('nobody', 0)).toBe(0);
  });
});
