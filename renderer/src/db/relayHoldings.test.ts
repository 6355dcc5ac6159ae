import 'fake-indexeddb/auto';
import { storedChunkKey } from '@shared/bundle/port';
import type { SignedChunk } from '@shared/bundle/types';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStepDatabase, type StepDatabase } from './database';
import { holdsChunksBeyond } from './relayHoldings';

let db: StepDatabase;
beforeEach(() => {
  db = openStepDatabase(`test-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

async function keep(device: string, minSeq: number, maxSeq: number) {
  const chunk: SignedChunk = { device, minSeq, maxSeq, count: maxSeq - minSeq + 1, scope: ['TH'], plain: new TextEncoder().encode(`${device}${minSeq}`), signature: 'sig' };
  await db.bundleChunks.put({ ...chunk, key: await storedChunkKey(chunk), keptAt: new Date().toISOString() });
}

describe('holdsChunksBeyond (the cheap check before a relay to the server)', () => {
  it("is true only while a kept chunk of another device reaches past the server's acknowledgement", async () => {
    expect(await holdsChunksBeyond(db, {}, 'self')).toBe(false);
    await keep('officer-a', 1, 5);
    await keep('self', 1, 9);
    expect(await holdsChunksBeyond(db, {}, 'self')).toBe(true);
    expect(await holdsChunksBeyond(db, { 'officer-a': 4 }, 'self')).toBe(true);
    // This desk's own chunks are never relayed (network push sends them).
    expect(await holdsChunksBeyond(db, { 'officer-a': 5 }, 'self')).toBe(false);
    await keep('officer-a', 6, 7);
    expect(await holdsChunksBeyond(db, { 'officer-a': 5 }, 'self')).toBe(true);
    expect(await holdsChunksBeyond(db, { 'officer-a': 7 }, 'self')).toBe(false);
  });
});
