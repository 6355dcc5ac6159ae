import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStepDatabase, type StepDatabase } from './database';
import { recordScope } from './recordScope';

let db: StepDatabase;
beforeEach(async () => {
  db = openStepDatabase(`scope-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('recordScope', () => {
  it("answers a stored record's countries, and nothing for a record not here or deleted", async () => {
    const at = '2025-01-01T00:00:00.000Z';
    await db.recordMeta.bulkPut([
      { entity: 'activity', recordId: 'a-here', deleted: false, stamps: {}, scope: ['TH', 'CN'], updatedAt: at },
      { entity: 'activity', recordId: 'a-gone', deleted: true, stamps: {}, scope: ['TH'], updatedAt: at },
    ]);
    expect(await recordScope('activity', 'a-here', db)).toEqual(['TH', 'CN']);
    expect(await recordScope('activity', 'a-gone', db)).toBeUndefined();
    expect(await recordScope('activity', 'a-never', db)).toBeUndefined();
  });
});
