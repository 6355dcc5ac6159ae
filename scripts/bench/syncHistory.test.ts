import { describe, expect, it } from 'vitest';
import { anyRecordSchema } from '@shared/domain';
import { changeKey } from '@shared/sync/change';
import { replica } from '@shared/sync/testing';
import { generateSyncHistory } from './syncHistory';

describe('the sync benchmark history', () => {
  it('makes exactly the changes asked for, about 20 a record, that merge into valid records', async () => {
    const history = await generateSyncHistory({ records: 200, changes: 4_000 });
    expect(history.changes).toHaveLength(4_000);
    expect(new Set(history.changes.map(changeKey)).size).toBe(4_000);
    expect(history.changes.map((c) => c.seq)).toEqual(Array.from({ length: 4_000 }, (_, i) => i + 1));
    expect(history.records).toHaveLength(200);
    for (const record of history.records) expect(anyRecordSchema.safeParse(record).error).toBeUndefined();

    // A peer that receives them holds the same records.
    const peer = replica('peer');
    const result = await peer.engine.apply(history.changes);
    expect(result).toMatchObject({ applied: 4_000, duplicates: 0, rejected: [] });
    expect(peer.storage.records().size).toBe(200);
    expect(await peer.engine.vector()).toEqual({ [history.device]: 4_000 });
  });

  it('tops up with later edits when two rounds fall short, and refuses a target below the drafts', async () => {
    const history = await generateSyncHistory({ records: 20, changes: 1_000 });
    expect(history.changes).toHaveLength(1_000);
    for (const record of history.records) expect(anyRecordSchema.safeParse(record).error).toBeUndefined();
    await expect(generateSyncHistory({ records: 20, changes: 50 })).rejects.toThrow('more than the 50 asked for');
  });
});
