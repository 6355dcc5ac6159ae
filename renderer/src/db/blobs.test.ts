import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobHashMismatchError, forgetBlobIfUnused, hasBlob, storeBlob, storeFetchedBlob, uploadPendingBlobs } from './blobs';
import { openStepDatabase, type StepDatabase } from './database';
import { formDraftStore } from './formDrafts';

let db: StepDatabase;

beforeEach(async () => {
  db = openStepDatabase(`test-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('forgetBlobIfUnused', () => {
  it('keeps bytes that only an unsaved form draft names, and forgets them once the draft is gone', async () => {
    const photo = await storeBlob(new Uint8Array([1, 2, 3, 4]), 'image/jpeg', db);
    // The server holds it: only the draft still names it.
    await db.blobUploads.delete(photo.sha256);
    const drafts = formDraftStore(db);
    await drafts.save('fieldReport:new', { title: 'Visit', photos: [{ sha256: photo.sha256, caption: 'the lab' }] });

    expect(await forgetBlobIfUnused(photo.sha256, db)).toBe(false);
    expect(await db.blobs.get(photo.sha256)).toBeDefined();

    await drafts.discard('fieldReport:new');
    expect(await forgetBlobIfUnused(photo.sha256, db)).toBe(true);
    expect(await db.blobs.get(photo.sha256)).toBeUndefined();
  });

  it('keeps bytes whose upload is still queued, even with no document or draft naming them', async () => {
    const photo = await storeBlob(new Uint8Array([5, 6, 7]), 'image/jpeg', db);
    expect(await forgetBlobIfUnused(photo.sha256, db)).toBe(false);
    expect(await db.blobs.get(photo.sha256)).toBeDefined();
  });
});

describe('storeFetchedBlob', () => {
  it('queues the bytes for upload when asked (a bundle from another desk), once, and checks their hash first', async () => {
    const bytes = new Uint8Array([9, 8, 7]);
    const first = await storeBlob(bytes, 'image/png', db);
    await db.blobUploads.clear();
    await db.blobs.clear();

    expect(await storeFetchedBlob(first.sha256, bytes, 'image/png', db, { queueUpload: true })).toMatchObject({ isNew: true });
    expect((await db.blobUploads.toArray()).map((row) => row.sha256)).toEqual([first.sha256]);
    // Held already: nothing written, nothing queued again.
    await db.blobUploads.clear();
    expect(await storeFetchedBlob(first.sha256, bytes, 'image/png', db, { queueUpload: true })).toMatchObject({ isNew: false });
    expect(await db.blobUploads.count()).toBe(0);

    await expect(storeFetchedBlob(first.sha256, new Uint8Array([1]), 'image/png', db, { queueUpload: true })).rejects.toBeInstanceOf(BlobHashMismatchError);
  });
});

describe('uploadPendingBlobs', () => {
  it('never deletes the bytes it uploads: a bundle’s file waits here for the document its chunks bring', async () => {
    // A bundle stores the file first (queued for the server); its document record has not arrived yet.
    const bytes = new Uint8Array([4, 4, 2]);
    const { sha256 } = await storeBlob(bytes, 'application/pdf', db);
    await db.blobs.clear();
    await db.blobUploads.clear();
    await storeFetchedBlob(sha256, bytes, 'application/pdf', db, { queueUpload: true });
    expect(await db.documents.where('sha256').equals(sha256).count()).toBe(0);

    const sent: string[] = [];
    expect(await uploadPendingBlobs(async (hash) => void sent.push(hash), { db })).toEqual({ uploaded: 1, failed: [] });
    expect(sent).toEqual([sha256]);
    expect(await db.blobUploads.count()).toBe(0);
    expect(await hasBlob(sha256, db)).toBe(true);
  });
});
