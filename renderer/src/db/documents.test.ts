import 'fake-indexeddb/auto';
import type { RecordRef } from '@shared/domain';
import { sha256Hex } from '@shared/security/webCrypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttachmentTooLargeError, BlobHashMismatchError, forgetBlobIfUnused, hasBlob, maxAttachmentBytes, readBlob, storeBlob, storeFetchedBlob, uploadPendingBlobs } from './blobs';
import { openStepDatabase, type StepDatabase } from './database';
import { attachFile, documentById, documentFileName, documentsOf, removeDocument, updateCaption, whenBlobHeld } from './documents';
import { createRepository, type Draft, type Repository } from './repository';

const activityDraft = (title: string): Draft<'activity'> => ({
  title: { en: title },
  description: {},
  details: { kind: 'joint-lab', researchLines: [], equipment: [] },
  status: 'implementation',
  countries: ['LA', 'CN'],
  priorityAreas: ['tech/agriculture/crop-breeding'],
  plannedStart: '2024-03-01',
  defaultCurrency: 'CNY',
});

const encoder = new TextEncoder();
const pdf = () => ({ name: 'site-visit.pdf', type: 'application/pdf', bytes: encoder.encode('%PDF-1.7 a site visit report') });

let db: StepDatabase;
let repository: Repository;
let store: { db: StepDatabase; repository: Repository };
let lab: RecordRef;
let course: RecordRef;

beforeEach(async () => {
  db = openStepDatabase(`test-${Math.random()}`);
  repository = createRepository(db);
  store = { db, repository };
  await db.open();
  const created = await Promise.all([repository.create('activity', activityDraft('Rice lab')), repository.create('activity', activityDraft('Rice course'))]);
  const [a, b] = created.map((outcome) => {
    if (!outcome.ok) throw new Error('activity not created');
    return outcome.record.id;
  });
  lab = { entity: 'activity', recordId: a! };
  course = { entity: 'activity', recordId: b! };
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('blobs: file bytes by SHA-256', () => {
  it('stores bytes once under their lowercase hex SHA-256 and queues one upload', async () => {
    const first = await storeBlob(encoder.encode('abc'), 'text/plain;charset=utf-8', db);
    expect(first).toEqual({ sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', size: 3, isNew: true });
    const again = await storeBlob(encoder.encode('abc'), 'text/plain', db);
    expect(again.isNew).toBe(false);
    expect(await db.blobs.count()).toBe(1);
    expect(await db.blobUploads.toArray()).toEqual([expect.objectContaining({ sha256: first.sha256 })]);
    const stored = await readBlob(first.sha256, db);
    expect(stored?.mimeType).toBe('text/plain');
    expect(new TextDecoder().decode(stored?.bytes)).toBe('abc');
    expect(await hasBlob(first.sha256, db)).toBe(true);
  });

  it('stores exactly the bytes of a view, not the whole buffer behind it', async () => {
    const buffer = encoder.encode('header|abc|trailer');
    const { sha256 } = await storeBlob(buffer.subarray(7, 10), 'text/plain', db);
    expect((await readBlob(sha256, db))?.bytes.byteLength).toBe(3);
  });

  it('keeps fetched bytes only when they have the SHA-256 they were asked by, without queuing an upload', async () => {
    const sha256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    await expect(storeFetchedBlob(sha256, encoder.encode('abd'), 'text/plain', db)).rejects.toBeInstanceOf(BlobHashMismatchError);
    expect(await hasBlob(sha256, db)).toBe(false);
    await storeFetchedBlob(sha256, encoder.encode('abc'), 'text/plain', db);
    expect(await hasBlob(sha256, db)).toBe(true);
    expect(await db.blobUploads.count()).toBe(0);
  });

  it('uploads queued blobs, deletes a row only once sent, keeps a failed one, and stops on a fatal failure', async () => {
    const one = await storeBlob(encoder.encode('one'), 'text/plain', db);
    const two = await storeBlob(encoder.encode('two'), 'text/plain', db);
    const sent: string[] = [];
    const refused = await uploadPendingBlobs(
      async (sha256, bytes) => {
        if (sha256 === two.sha256) throw new Error('payload refused');
        sent.push(new TextDecoder().decode(bytes));
      },
      { db },
    );
    expect(sent).toEqual(['one']);
    expect(refused.uploaded).toBe(1);
    expect(refused.failed.map((f) => f.sha256)).toEqual([two.sha256]);
    expect((await db.blobUploads.toArray()).map((row) => row.sha256)).toEqual([two.sha256]);
    // The local bytes stay whatever happened to the upload (one was sent but no document names it: see below).
    expect(await hasBlob(two.sha256, db)).toBe(true);

    const offline = new Error('network');
    await expect(uploadPendingBlobs(() => Promise.reject(offline), { db, isFatal: (error) => error === offline })).rejects.toBe(offline);
    expect((await db.blobUploads.toArray()).map((row) => row.sha256)).toEqual([two.sha256]);
    expect(one.sha256).not.toBe(two.sha256);
  });
});

describe('documents: files attached to records', () => {
  it('attaches a file: one blob, a document record through the write path (a change that syncs)', async () => {
    const outcome = await attachFile(lab, pdf(), { title: 'Visit report', caption: '  ' }, store);
    if (!outcome.ok) throw new Error('not attached');
    expect(outcome.existing).toBe(false);
    expect(outcome.document).toMatchObject({ entity: 'document', fileName: 'site-visit.pdf', mimeType: 'application/pdf', sizeBytes: 28, title: 'Visit report', attachedTo: lab });
    expect(outcome.document.caption).toBeUndefined();
    expect(await hasBlob(outcome.document.sha256, db)).toBe(true);
    expect((await repository.history('document', outcome.document.id)).length).toBeGreaterThan(0);
    expect(await documentsOf(lab, store)).toEqual([outcome.document]);
    expect(await documentsOf(course, store)).toEqual([]);
    expect(await documentById(outcome.document.id, store)).toEqual(outcome.document);
    expect(await documentById(course.recordId, store)).toBeUndefined();
  });

  it('tells a screen when a file it shows arrives on this computer (fetched, or brought by a bundle)', async () => {
    const bytes = encoder.encode('a photo from the field');
    const sha256 = await sha256Hex(bytes);
    let told = 0;
    const arrived = new Promise<void>((resolve) => {
      const stop = whenBlobHeld(
        sha256,
        () => {
          told += 1;
          stop();
          resolve();
        },
        db,
      );
    });
    // Not here yet: nothing is said.
    expect(await hasBlob(sha256, db)).toBe(false);
    expect(told).toBe(0);
    await storeFetchedBlob(sha256, bytes, 'image/jpeg', db);
    await arrived;
    expect(told).toBe(1);

    // Bytes already here: said at once.
    await new Promise<void>((resolve) => whenBlobHeld(sha256, resolve, db));
  });

  it('dedups: the same file on two records is one blob and two documents; twice on one record is listed once', async () => {
    const first = await attachFile(lab, pdf(), {}, store);
    const second = await attachFile(course, { ...pdf(), name: 'copy.pdf' }, {}, store);
    const again = await attachFile(lab, { ...pdf(), name: 'renamed.pdf' }, { caption: 'again' }, store);
    if (!first.ok || !second.ok || !again.ok) throw new Error('not attached');
    expect(second.document.sha256).toBe(first.document.sha256);
    expect(second.document.id).not.toBe(first.document.id);
    expect(again).toEqual({ ok: true, document: first.document, existing: true });
    expect(await db.blobs.count()).toBe(1);
    expect(await db.blobUploads.count()).toBe(1);
    expect(await db.documents.count()).toBe(2);
    expect((await documentsOf(lab, store)).map((d) => d.id)).toEqual([first.document.id]);
  });

  it('refuses a file over the limit with a typed error, storing nothing', async () => {
    const big = { name: 'scan.tiff', type: 'image/tiff', bytes: new Uint8Array(maxAttachmentBytes + 1) };
    const error = await attachFile(lab, big, {}, store).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttachmentTooLargeError);
    expect(error).toMatchObject({ size: maxAttachmentBytes + 1, limit: 25 * 1024 * 1024, fileName: 'scan.tiff' });
    expect([await db.blobs.count(), await db.blobUploads.count(), await db.documents.count()]).toEqual([0, 0, 0]);
    // Exactly the limit is allowed.
    const fits = await attachFile(lab, { ...big, bytes: new Uint8Array(maxAttachmentBytes) }, {}, store);
    expect(fits.ok).toBe(true);
  });

  it('leaves no bytes behind when the record cannot be written', async () => {
    const outcome = await attachFile(lab, pdf(), { caption: 'x'.repeat(301) }, store);
    expect(outcome.ok).toBe(false);
    expect([await db.blobs.count(), await db.blobUploads.count(), await db.documents.count()]).toEqual([0, 0, 0]);
  });

  it('edits and clears a caption', async () => {
    const outcome = await attachFile(lab, pdf(), {}, store);
    if (!outcome.ok) throw new Error('not attached');
    const captioned = await updateCaption(outcome.document.id, ' Signed minutes ', store);
    expect(captioned.ok && captioned.document.caption).toBe('Signed minutes');
    const cleared = await updateCaption(outcome.document.id, '', store);
    expect(cleared.ok && cleared.document.caption).toBeUndefined();
    expect((await db.documents.get(outcome.document.id))?.caption).toBeUndefined();
  });

  it('removes a document, keeping the blob another document names; the last one frees it once the server holds it', async () => {
    const first = await attachFile(lab, pdf(), {}, store);
    const second = await attachFile(course, pdf(), {}, store);
    if (!first.ok || !second.ok) throw new Error('not attached');
    const { sha256 } = first.document;

    expect(await removeDocument(first.document.id, store)).toEqual({ ok: true });
    expect(await documentsOf(lab, store)).toEqual([]);
    expect(await hasBlob(sha256, db)).toBe(true);

    // The last document goes while the upload is still queued: the bytes wait for the server.
    expect(await removeDocument(second.document.id, store)).toEqual({ ok: true });
    expect(await hasBlob(sha256, db)).toBe(true);
    const report = await uploadPendingBlobs(async () => undefined, { db });
    expect(report.uploaded).toBe(1);
    expect(await db.blobUploads.count()).toBe(0);
    // An upload never deletes bytes (blobs.test.ts); unnamed and on the server now, the rule lets them go.
    expect(await hasBlob(sha256, db)).toBe(true);
    expect(await forgetBlobIfUnused(sha256, db)).toBe(true);
    expect(await hasBlob(sha256, db)).toBe(false);
  });

  it('does not remove a photo its field report still shows', async () => {
    const report = await repository.create('fieldReport', { activityId: lab.recordId, country: 'LA', visitDate: '2025-05-01', narrative: 'Visit', indicatorValues: [], photos: [] });
    if (!report.ok) throw new Error('report not created');
    const photo = await attachFile({ entity: 'fieldReport', recordId: report.record.id }, { name: 'plot.jpg', type: 'image/jpeg', bytes: encoder.encode('jpeg') }, {}, store);
    if (!photo.ok) throw new Error('not attached');
    const { entity: _e, id: _i, createdAt: _c, updatedAt: _u, ...fields } = report.record;
    await repository.replace('fieldReport', report.record.id, { ...fields, photos: [{ documentId: photo.document.id }] });
    expect(await removeDocument(photo.document.id, store)).toEqual({ ok: false, issues: [{ path: '', message: 'v.photoInReport' }] });
    expect(await db.documents.count()).toBe(1);
  });

  it('keeps file names within what the schema takes, extension included', () => {
    expect(documentFileName('  ')).toBe('file');
    const long = documentFileName(`${'a'.repeat(300)}.pdf`);
    expect(long).toHaveLength(255);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
