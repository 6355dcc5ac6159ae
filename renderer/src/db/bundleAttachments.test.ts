import 'fake-indexeddb/auto';
import type { UserInfo } from '@shared/api/contract';
import { applyImport, exportBundle, prepareImport } from '@shared/bundle/exchange';
import { testBundleReplica, type BundleReplica } from '@shared/bundle/testReplica';
import { testIssuer, type TestIssuer } from '@shared/bundle/testing';
import type { BundleKey, BundleRecipient } from '@shared/bundle/types';
import { sha256Hex } from '@shared/security/webCrypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readBlob } from './blobs';
import { openStepDatabase, type StepDatabase } from './database';
import { attachFile, createDocument } from './documents';
import { createStore, type Store } from './store';
import { enrollTestDesk } from './testing/enrolledDesk';

const recordId = (n: number) => `019a0000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const at = '2026-01-01T00:00:00.000Z';
const encoder = new TextEncoder();

let issuer: TestIssuer;
let db: StepDatabase;
let store: Store;
/** This desk (a Thai coordinator's laptop) as a bundle's recipient, and what opens bundles addressed to it. */
let desk: { recipient: BundleRecipient; key: BundleKey };

async function enroll(user: UserInfo) {
  desk = await enrollTestDesk(store, issuer, user);
}

/** An organization and a photo of it (a `document` naming the bytes) written on a replica that holds the bytes. */
async function photographed(r: BundleReplica, bytes: Uint8Array): Promise<string> {
  const sha256 = await sha256Hex(bytes);
  r.clock.now += 1000;
  await r.engine.recordLocal([
    { kind: 'write', entity: 'organization', recordId: recordId(1), fields: { name: { en: 'Mahidol University' }, type: 'university', country: 'TH', createdAt: at }, scope: ['TH'] },
    {
      kind: 'write',
      entity: 'document',
      recordId: recordId(2),
      fields: { sha256, fileName: 'lab.jpg', mimeType: 'image/jpeg', sizeBytes: bytes.length, attachedTo: { entity: 'organization', recordId: recordId(1) }, createdAt: at },
      scope: ['TH'],
    },
  ]);
  r.port.state.blobs.set(sha256, { bytes, mimeType: 'image/jpeg' });
  return sha256;
}

const thai = { global: false, countries: ['TH'] };

beforeAll(async () => {
  issuer = await testIssuer();
});
beforeEach(async () => {
  db = openStepDatabase(`test-${Math.random()}`);
  store = createStore(db);
  await db.open();
  await enroll({ id: 'u-coord', username: 'coord', displayName: 'Coordinator', role: 'national-coordinator', countries: ['TH'] });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('bundle attachments on the desk', () => {
  it('stores an officer’s photo from a bundle, queues it for upload to the Secretariat, and stores nothing new the second time', async () => {
    const officer = await testBundleReplica(issuer, 'officer-a', { countries: ['TH'] });
    const bytes = encoder.encode('JPEG bytes of the lab visit');
    const sha256 = await photographed(officer, bytes);
    const { bytes: bundle } = await exportBundle(officer.port, { recipient: desk.recipient, recipientScope: thai });

    const result = await applyImport(store.bundles.port, await prepareImport(store.bundles.port, bundle, desk.key));
    expect(result).toMatchObject({ result: 'ok', applied: 10, attachmentsStored: 1 });
    const stored = await readBlob(sha256, db);
    expect(stored && new TextDecoder().decode(stored.bytes)).toBe('JPEG bytes of the lab visit');
    expect(stored?.mimeType).toBe('image/jpeg');
    expect(await db.blobUploads.toArray()).toEqual([expect.objectContaining({ sha256 })]);
    expect((await db.documents.get(recordId(2)))?.sha256).toBe(sha256);

    const again = await applyImport(store.bundles.port, await prepareImport(store.bundles.port, bundle, desk.key));
    expect(again).toMatchObject({ result: 'nothing-new', attachmentsStored: 0 });
    expect(await db.blobs.count()).toBe(1);
    expect(await db.blobUploads.count()).toBe(1);

    // The coordinator relays the photo with the officer's signed chunk.
    const server = await testBundleReplica(issuer, 'server', { server: true });
    const relayed = await exportBundle(store.bundles.port, { recipient: server.recipient, recipientScope: server.scope });
    expect(relayed.summary).toMatchObject({ relayedChunks: 1, attachments: 1, skippedMissingAttachments: 0 });
    expect((await applyImport(server.port, await prepareImport(server.port, relayed.bytes, server.key))).attachmentsStored).toBe(1);
    expect(server.port.state.blobs.get(sha256)?.bytes).toEqual(bytes);
  });

  it('does not queue for upload a file the server sent', async () => {
    const server = await testBundleReplica(issuer, 'server', { server: true });
    const sha256 = await photographed(server, encoder.encode('held by the Secretariat'));
    const { bytes } = await exportBundle(server.port, { recipient: desk.recipient, recipientScope: thai });
    const result = await applyImport(store.bundles.port, await prepareImport(store.bundles.port, bytes, desk.key));
    expect(result.attachmentsStored).toBe(1);
    expect(await readBlob(sha256, db)).toBeDefined();
    expect(await db.blobUploads.count()).toBe(0);
  });

  it('exports the files of its own documents, leaving out and counting one whose bytes are not here', async () => {
    const created = await store.repository.create('organization', { name: { en: 'Chiang Mai University' }, type: 'university', country: 'TH' } as never);
    if (!created.ok) throw new Error('organization not created');
    const target = { entity: 'organization' as const, recordId: created.record.id };
    const attached = await attachFile(target, { name: 'visit.pdf', type: 'application/pdf', bytes: encoder.encode('%PDF-1.7 visit') }, {}, store);
    if (!attached.ok) throw new Error('not attached');
    // A document from elsewhere whose bytes this desk never fetched.
    const absent = await sha256Hex(encoder.encode('never fetched'));
    expect((await createDocument(target, { sha256: absent, size: 13, fileName: 'far.jpg', mimeType: 'image/jpeg' }, {}, store)).ok).toBe(true);

    const officer = await testBundleReplica(issuer, 'officer-b', { countries: ['TH'] });
    const exported = await exportBundle(store.bundles.port, { recipient: officer.recipient, recipientScope: officer.scope });
    expect(exported.summary).toMatchObject({ attachments: 1, skippedMissingAttachments: 1, skippedOversizeAttachments: 0 });
    const result = await applyImport(officer.port, await prepareImport(officer.port, exported.bytes, officer.key));
    expect(result.attachmentsStored).toBe(1);
    expect(officer.port.state.blobs.get(attached.document.sha256)).toEqual({ bytes: encoder.encode('%PDF-1.7 visit'), mimeType: 'application/pdf' });
  });
});
