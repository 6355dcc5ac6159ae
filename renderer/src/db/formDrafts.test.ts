import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBlob } from './blobs';
import { openStepDatabase, type StepDatabase } from './database';
import { blobsInDraft, createDraftSession, createDraftWriter, draftHoldsBlob, dropUnusedDraftBlobs, formDraftStore, type DraftTimer, type FormDraftStore } from './formDrafts';

/** A clock the test moves by hand: timers fire when it passes them, never on their own. */
function manualTimer() {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { callback: () => void; at: number }>();
  const timer: DraftTimer = {
    set: (callback, ms) => {
      const id = nextId++;
      pending.set(id, { callback, at: now + ms });
      return id;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  return {
    timer,
    advance(ms: number) {
      now += ms;
      for (const [id, entry] of [...pending]) {
        if (entry.at > now) continue;
        pending.delete(id);
        entry.callback();
      }
    },
    get waiting() {
      return pending.size;
    },
  };
}

let db: StepDatabase;
let clock: number;
let store: FormDraftStore;
beforeEach(async () => {
  db = openStepDatabase(`drafts-${Math.random()}`);
  await db.open();
  clock = Date.parse('2025-05-01T08:00:00Z');
  store = formDraftStore(db, () => clock);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('form drafts: storage', () => {
  it('saves, restores and discards a draft by its key', async () => {
    expect(await store.load('fieldReport:new')).toBeUndefined();
    await store.save('fieldReport:new', { narrative: 'Met the farmers' });
    clock += 60_000;
    await store.save('fieldReport:0194a3b0-0000-7000-8000-000000000001', { narrative: 'Other' });
    expect(await store.load('fieldReport:new')).toEqual({ key: 'fieldReport:new', values: { narrative: 'Met the farmers' }, updatedAt: '2025-05-01T08:00:00.000Z' });
    // A second save of the same form replaces its draft.
    await store.save('fieldReport:new', { narrative: 'Met the farmers and the mayor' });
    expect((await store.load('fieldReport:new'))?.values).toEqual({ narrative: 'Met the farmers and the mayor' });
    expect(await db.formDrafts.count()).toBe(2);
    await store.discard('fieldReport:new');
    expect(await store.load('fieldReport:new')).toBeUndefined();
    expect(await store.load('fieldReport:0194a3b0-0000-7000-8000-000000000001')).toBeDefined();
  });
});

describe('form drafts: the debounced writer', () => {
  it('writes a burst of changes once, with the last values', async () => {
    const { timer, advance } = manualTimer();
    const saved: string[] = [];
    const writer = createDraftWriter({ store, key: 'k', delayMs: 400, timer, onSaved: (draft) => saved.push(JSON.stringify(draft.values)) });
    writer.schedule({ n: 'a' });
    advance(300);
    writer.schedule({ n: 'ab' });
    advance(300);
    writer.schedule({ n: 'abc' });
    advance(399);
    // Each change restarted the quiet time: nothing was handed to the store yet.
    expect(writer.dirty).toBe(true);
    advance(1);
    expect(writer.dirty).toBe(false);
    await writer.flush(); // nothing pending: waits for the queued write
    expect(saved).toEqual(['{"n":"abc"}']);
    advance(1000);
    await writer.flush();
    expect(saved).toEqual(['{"n":"abc"}']);
  });

  it('does not write before the quiet time, and writes exactly the last values after it', async () => {
    const clockHand = manualTimer();
    const { timer, advance } = clockHand;
    const writer = createDraftWriter({ store, key: 'k', delayMs: 400, timer });
    writer.schedule({ n: 1 });
    writer.schedule({ n: 2 });
    expect(clockHand.waiting).toBe(1);
    advance(399);
    await Promise.resolve();
    expect(await store.load('k')).toBeUndefined();
    expect(writer.dirty).toBe(true);
    advance(1);
    expect(writer.dirty).toBe(false);
    // The timer's write is queued: an empty flush waits for it.
    await writer.flush();
    expect((await store.load('k'))?.values).toEqual({ n: 2 });
  });

  it('flush writes at once (a field lost focus, the window is closing)', async () => {
    const { timer } = manualTimer();
    const writer = createDraftWriter({ store, key: 'k', timer });
    writer.schedule({ n: 1 });
    await writer.flush();
    expect((await store.load('k'))?.values).toEqual({ n: 1 });
  });

  it('discard deletes the draft and drops a pending write; after close nothing is written', async () => {
    const { timer, advance } = manualTimer();
    const writer = createDraftWriter({ store, key: 'k', timer });
    writer.schedule({ n: 1 });
    await writer.flush();
    writer.schedule({ n: 2 });
    await writer.discard();
    advance(1000);
    await writer.flush();
    expect(await store.load('k')).toBeUndefined();
    writer.close();
    writer.schedule({ n: 3 });
    advance(1000);
    await writer.flush();
    expect(await store.load('k')).toBeUndefined();
  });

  it('keeps writes and deletes in the order asked: a write in flight never brings back a deleted draft', async () => {
    const slow: FormDraftStore = {
      ...store,
      save: async (key, values) => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        return store.save(key, values);
      },
    };
    const writer = createDraftWriter({ store: slow, key: 'k', timer: manualTimer().timer });
    writer.schedule({ n: 1 });
    const writing = writer.flush();
    const deleting = writer.discard();
    await Promise.all([writing, deleting]);
    expect(await store.load('k')).toBeUndefined();
  });

  it('reports a failed write and keeps going', async () => {
    const errors: unknown[] = [];
    const failing: FormDraftStore = { ...store, save: () => Promise.reject(new Error('QuotaExceededError')) };
    const writer = createDraftWriter({ store: failing, key: 'k', timer: manualTimer().timer, onError: (error) => errors.push(error) });
    writer.schedule({ n: 1 });
    await writer.flush();
    expect(errors).toHaveLength(1);
    await writer.discard();
    expect(errors).toHaveLength(1);
  });
});

describe('form drafts: a form session', () => {
  it('stores nothing for a form opened and left untouched, and restores what was typed last time', async () => {
    const { timer, advance } = manualTimer();
    const first = createDraftSession<{ narrative: string }>({ store, key: 'fieldReport:new', timer });
    expect(await first.open({ narrative: '' })).toBeUndefined();
    first.change({ narrative: '' });
    advance(1000);
    await first.flush();
    expect(await db.formDrafts.count()).toBe(0);

    first.change({ narrative: 'Visited the pilot plot' });
    advance(400);
    await first.close();

    const second = createDraftSession<{ narrative: string }>({ store, key: 'fieldReport:new', timer });
    const restored = await second.open({ narrative: '' });
    expect(restored?.values).toEqual({ narrative: 'Visited the pilot plot' });
    expect(restored?.updatedAt).toBe('2025-05-01T08:00:00.000Z');
  });

  it('deletes the draft when every change is undone, and on discard', async () => {
    const { timer, advance } = manualTimer();
    const session = createDraftSession<{ n: string }>({ store, key: 'k', timer });
    await session.open({ n: '' });
    session.change({ n: 'x' });
    await session.flush();
    expect(await db.formDrafts.count()).toBe(1);
    session.change({ n: '' });
    await session.flush();
    expect(await db.formDrafts.count()).toBe(0);

    session.change({ n: 'y' });
    advance(400);
    await session.discard();
    expect(await db.formDrafts.count()).toBe(0);
  });

  it('close writes what is pending (the form is leaving); clear after a save writes nothing more', async () => {
    const { timer, advance } = manualTimer();
    const leaving = createDraftSession<{ n: string }>({ store, key: 'a', timer });
    await leaving.open({ n: '' });
    leaving.change({ n: 'typed just before closing' });
    await leaving.close();
    expect((await store.load('a'))?.values).toEqual({ n: 'typed just before closing' });

    const saved = createDraftSession<{ n: string }>({ store, key: 'a', timer });
    await saved.open({ n: '' });
    saved.change({ n: 'more' });
    await saved.clear();
    saved.change({ n: 'after save' });
    advance(1000);
    await saved.close();
    expect(await store.load('a')).toBeUndefined();
  });
});

describe('form drafts: photos stored before their record', () => {
  const sha = (c: string) => c.repeat(64);

  it('finds the addresses of the bytes a draft holds, at any depth', () => {
    expect(blobsInDraft({ photos: [{ sha256: sha('a'), caption: 'x' }, { sha256: sha('b') }], other: { nested: [{ sha256: sha('c') }] }, sha256: 'not-a-hash' }).sort()).toEqual([
      sha('a'),
      sha('b'),
      sha('c'),
    ]);
    expect(blobsInDraft(undefined)).toEqual([]);
  });

  it('drops bytes nobody needs, keeps those a draft or a document names', async () => {
    const held = await storeBlob(new Uint8Array([1, 2, 3]), 'image/jpeg', db);
    const named = await storeBlob(new Uint8Array([4, 5, 6]), 'image/jpeg', db);
    const unused = await storeBlob(new Uint8Array([7, 8, 9]), 'image/jpeg', db);
    await store.save('fieldReport:new', { photos: [{ sha256: held.sha256 }] });
    await db.documents.put({
      entity: 'document',
      id: '0194a3b0-0000-7000-8000-0000000000d0',
      createdAt: '2025-05-01T08:00:00.000Z',
      updatedAt: '2025-05-01T08:00:00.000Z',
      sha256: named.sha256,
      fileName: 'a.jpg',
      mimeType: 'image/jpeg',
      sizeBytes: 3,
      attachedTo: { entity: 'fieldReport', recordId: '0194a3b0-0000-7000-8000-0000000000e0' },
    });
    expect(await draftHoldsBlob(held.sha256, db)).toBe(true);
    expect(await draftHoldsBlob(unused.sha256, db)).toBe(false);

    expect(await dropUnusedDraftBlobs([held.sha256, named.sha256, unused.sha256], db)).toBe(1);
    expect(await db.blobs.get(unused.sha256)).toBeUndefined();
    expect(await db.blobUploads.get(unused.sha256)).toBeUndefined();
    expect(await db.blobs.get(held.sha256)).toBeDefined();
    expect(await db.blobs.get(named.sha256)).toBeDefined();
  });
});
